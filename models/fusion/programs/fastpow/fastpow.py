"""Fast exponentiation, modular powers, Fibonacci doubling and integer roots."""


def power_rec(base, exp):
    """base**exp by recursive squaring."""
    if exp < 0:
        raise ValueError("negative exponent")
    if exp == 0:
        return 1
    half = power_rec(base, exp // 2)
    if exp % 2 == 0:
        return half * half
    return half * half * base


def power_iter(base, exp):
    """base**exp by iterative squaring over the bits of exp."""
    if exp < 0:
        raise ValueError("negative exponent")
    result = 1
    while exp > 0:
        if exp & 1:
            result *= base
        base *= base
        exp >>= 1
    return result


def mod_pow(base, exp, mod):
    """(base**exp) % mod without large intermediates."""
    if mod <= 0 or exp < 0:
        raise ValueError("invalid arguments")
    if mod == 1:
        return 0
    result = 1
    base %= mod
    while exp > 0:
        if exp % 2 == 1:
            result = result * base % mod
        base = base * base % mod
        exp //= 2
    return result


def fib_pair(n):
    """Return (F(n), F(n+1)) by fast doubling."""
    if n == 0:
        return (0, 1)
    a, b = fib_pair(n // 2)
    c = a * (2 * b - a)
    d = a * a + b * b
    if n % 2 == 0:
        return (c, d)
    return (d, c + d)


def fib(n):
    """n-th Fibonacci number, F(0) = 0."""
    if n < 0:
        raise ValueError("n must be non-negative")
    return fib_pair(n)[0]


def int_root(x, k):
    """Largest integer r with r**k <= x."""
    if x < 0 or k < 1:
        raise ValueError("invalid arguments")
    lo, hi = 0, x
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid ** k <= x:
            lo = mid
        else:
            hi = mid - 1
    return lo
