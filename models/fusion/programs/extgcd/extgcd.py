"""Extended Euclid, modular inverses, Chinese remaindering and list LCM."""


def ext_gcd(a, b):
    """Return (g, x, y) with a*x + b*y == g == gcd(a, b)."""
    if b == 0:
        return (a, 1, 0)
    g, x, y = ext_gcd(b, a % b)
    return (g, y, x - (a // b) * y)


def mod_inverse(a, m):
    """Inverse of a modulo m in range(m); ValueError when none exists."""
    if m <= 0:
        raise ValueError("modulus must be positive")
    g, x, _ = ext_gcd(a % m, m)
    if g != 1:
        raise ValueError("no inverse")
    return x % m


def crt(remainders, moduli):
    """Smallest non-negative x with x % moduli[i] == remainders[i] for all i."""
    if len(remainders) != len(moduli):
        raise ValueError("length mismatch")
    x, m = 0, 1
    for r, n in zip(remainders, moduli):
        t = (r - x) * mod_inverse(m, n) % n
        x += m * t
        m *= n
    return x


def lcm_list(values):
    """Least common multiple of a list of integers (1 for an empty list)."""
    result = 1
    for v in values:
        if v == 0:
            return 0
        v = abs(v)
        g = ext_gcd(result, v)[0]
        result = result * v // g
    return result
