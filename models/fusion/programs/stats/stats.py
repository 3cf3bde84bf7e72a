"""Descriptive statistics."""
import math


def mean(xs):
    if not xs:
        raise ValueError("empty data")
    return sum(xs) / len(xs)


def median(xs):
    if not xs:
        raise ValueError("empty data")
    s = sorted(xs)
    mid = len(s) // 2
    if len(s) % 2 == 1:
        return s[mid]
    return (s[mid - 1] + s[mid]) / 2


def mode(xs):
    counts = {}
    for x in xs:
        counts[x] = counts.get(x, 0) + 1
    best = max(counts.values())
    return min(x for x, c in counts.items() if c == best)


def variance(xs, sample=False):
    m = mean(xs)
    n = len(xs) - 1 if sample else len(xs)
    return sum((x - m) ** 2 for x in xs) / n


def stdev(xs, sample=False):
    return math.sqrt(variance(xs, sample))


def percentile(xs, p):
    s = sorted(xs)
    k = (len(s) - 1) * p / 100
    lo = math.floor(k)
    hi = math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)
