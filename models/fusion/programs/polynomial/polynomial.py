"""Polynomials as coefficient lists, lowest degree first."""


def trim(p):
    p = list(p)
    while len(p) > 1 and p[-1] == 0:
        p.pop()
    return p


def evaluate(p, x):
    result = 0
    for c in reversed(p):
        result = result * x + c
    return result


def add(p, q):
    n = max(len(p), len(q))
    return trim([(p[i] if i < len(p) else 0) + (q[i] if i < len(q) else 0) for i in range(n)])


def multiply(p, q):
    out = [0] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            out[i + j] += a * b
    return trim(out)


def derivative(p):
    if len(p) <= 1:
        return [0]
    return trim([i * p[i] for i in range(1, len(p))])


def to_string(p):
    terms = []
    for i in range(len(p) - 1, -1, -1):
        c = p[i]
        if c == 0:
            continue
        if i == 0:
            terms.append(str(c))
        elif i == 1:
            terms.append("%dx" % c)
        else:
            terms.append("%dx^%d" % (c, i))
    return " + ".join(terms) if terms else "0"
