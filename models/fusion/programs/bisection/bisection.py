"""Numerical routines: bisection, golden-section search, trapezoid rule, fixed points."""

INV_PHI = (5 ** 0.5 - 1) / 2


def bisect_root(f, lo, hi, tol=1e-10, max_iter=200):
    """Root of f in [lo, hi]; ValueError when f(lo) and f(hi) share a sign."""
    if lo > hi:
        lo, hi = hi, lo
    flo, fhi = f(lo), f(hi)
    if flo == 0:
        return lo
    if fhi == 0:
        return hi
    if (flo < 0) == (fhi < 0):
        raise ValueError("no sign change on interval")
    for _ in range(max_iter):
        mid = (lo + hi) / 2
        fmid = f(mid)
        if fmid == 0 or (hi - lo) / 2 < tol:
            return mid
        if (fmid < 0) == (flo < 0):
            lo, flo = mid, fmid
        else:
            hi = mid
    return (lo + hi) / 2


def golden_min(f, a, b, tol=1e-9):
    """Minimiser of a unimodal f on [a, b] by golden-section search."""
    if a > b:
        a, b = b, a
    c = b - INV_PHI * (b - a)
    d = a + INV_PHI * (b - a)
    fc, fd = f(c), f(d)
    while b - a > tol:
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - INV_PHI * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + INV_PHI * (b - a)
            fd = f(d)
    return (a + b) / 2


def trapezoid(f, a, b, n):
    """Composite trapezoid rule with n equal steps."""
    if n < 1:
        raise ValueError("n must be at least 1")
    h = (b - a) / n
    total = (f(a) + f(b)) / 2
    for i in range(1, n):
        total += f(a + i * h)
    return total * h


def fixed_point(g, x0, tol=1e-12, max_iter=1000):
    """Iterate x = g(x) until successive values differ by less than tol."""
    x = x0
    for _ in range(max_iter):
        nxt = g(x)
        if abs(nxt - x) < tol:
            return nxt
        x = nxt
    raise ValueError("fixed-point iteration did not converge")
