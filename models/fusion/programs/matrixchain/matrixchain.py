"""Matrix-chain multiplication order by dynamic programming."""


def chain_tables(dims):
    """Bottom-up cost and split tables for matrices dims[i] x dims[i+1]."""
    n = len(dims) - 1
    if n < 1:
        raise ValueError("need at least one matrix")
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(2, n + 1):
        for i in range(n - length + 1):
            j = i + length - 1
            best = None
            for k in range(i, j):
                c = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if best is None or c < best:
                    best = c
                    split[i][j] = k
            cost[i][j] = best
    return cost, split


def min_cost(dims):
    """Minimum number of scalar multiplications for the chain."""
    cost, _ = chain_tables(dims)
    return cost[0][len(dims) - 2]


def parenthesise(split, i, j):
    """Optimal bracketing of matrices i..j (0-based) named A1, A2, ..."""
    if i == j:
        return "A" + str(i + 1)
    k = split[i][j]
    return "(" + parenthesise(split, i, k) + parenthesise(split, k + 1, j) + ")"


def optimal_order(dims):
    """Optimal parenthesisation string for the whole chain."""
    _, split = chain_tables(dims)
    return parenthesise(split, 0, len(dims) - 2)


def min_cost_memo(dims):
    """Top-down memoised minimum cost; agrees with min_cost."""
    n = len(dims) - 1
    if n < 1:
        raise ValueError("need at least one matrix")
    memo = {}

    def solve(i, j):
        if i == j:
            return 0
        if (i, j) not in memo:
            memo[(i, j)] = min(solve(i, k) + solve(k + 1, j)
                               + dims[i] * dims[k + 1] * dims[j + 1]
                               for k in range(i, j))
        return memo[(i, j)]

    return solve(0, n - 1)
