"""Integer partitions, Catalan numbers and stair-climbing counts."""


def count_partitions(n, k=None, memo=None):
    """Number of partitions of n into parts of size at most k."""
    if k is None:
        k = n
    if memo is None:
        memo = {}
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    key = (n, k)
    if key not in memo:
        memo[key] = count_partitions(n - k, k, memo) + count_partitions(n, k - 1, memo)
    return memo[key]


def list_partitions(n, k=None):
    """All partitions of n as non-increasing tuples, larger first parts first."""
    if k is None:
        k = n
    if n == 0:
        return [()]
    result = []
    for first in range(min(n, k), 0, -1):
        for rest in list_partitions(n - first, first):
            result.append((first,) + rest)
    return result


def catalan(n, memo=None):
    """n-th Catalan number via the convolution recurrence."""
    if n < 0:
        raise ValueError("n must be non-negative")
    if memo is None:
        memo = {}
    if n == 0:
        return 1
    if n not in memo:
        total = 0
        for i in range(n):
            total += catalan(i, memo) * catalan(n - 1 - i, memo)
        memo[n] = total
    return memo[n]


def climb_ways(n, steps):
    """Ordered ways to climb n stairs using step sizes from steps."""
    if n < 0:
        raise ValueError("n must be non-negative")
    if any(s <= 0 for s in steps):
        raise ValueError("steps must be positive")
    ways = [0] * (n + 1)
    ways[0] = 1
    for i in range(1, n + 1):
        for s in steps:
            if s <= i:
                ways[i] += ways[i - s]
    return ways[n]
