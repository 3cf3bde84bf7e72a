"""Coin change: fewest coins and number of ways."""


def fewest_coins(coins, amount):
    """Smallest number of coins summing to amount, or -1."""
    inf = amount + 1
    best = [0] + [inf] * amount
    for a in range(1, amount + 1):
        for c in coins:
            if c <= a and best[a - c] + 1 < best[a]:
                best[a] = best[a - c] + 1
    return best[amount] if best[amount] != inf else -1


def ways(coins, amount):
    counts = [1] + [0] * amount
    for c in coins:
        for a in range(c, amount + 1):
            counts[a] += counts[a - c]
    return counts[amount]


def greedy_change(coins, amount):
    result = []
    for c in sorted(coins, reverse=True):
        while amount >= c:
            result.append(c)
            amount -= c
    if amount:
        raise ValueError("cannot make change")
    return result
