"""Small dense matrix helpers on lists of lists."""


def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]


def transpose(m):
    if not m:
        return []
    return [[m[i][j] for i in range(len(m))] for j in range(len(m[0]))]


def multiply(a, b):
    if len(a[0]) != len(b):
        raise ValueError("shape mismatch")
    result = []
    for i in range(len(a)):
        row = []
        for j in range(len(b[0])):
            row.append(sum(a[i][k] * b[k][j] for k in range(len(b))))
        result.append(row)
    return result


def power(m, e):
    result = identity(len(m))
    while e > 0:
        if e % 2 == 1:
            result = multiply(result, m)
        m = multiply(m, m)
        e //= 2
    return result


def trace(m):
    return sum(m[i][i] for i in range(len(m)))
