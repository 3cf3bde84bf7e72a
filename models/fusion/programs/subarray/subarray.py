"""Maximum subarray, moving averages and sliding-window maxima."""
from collections import deque


def max_subarray(xs):
    """(best sum, start, end exclusive) by Kadane's algorithm."""
    if not xs:
        raise ValueError("empty")
    best, best_start, best_end = xs[0], 0, 1
    current, start = 0, 0
    for i, x in enumerate(xs):
        if current <= 0:
            current, start = x, i
        else:
            current += x
        if current > best:
            best, best_start, best_end = current, start, i + 1
    return best, best_start, best_end


def moving_average(xs, k):
    if k <= 0 or k > len(xs):
        return []
    window = sum(xs[:k])
    out = [window / k]
    for i in range(k, len(xs)):
        window += xs[i] - xs[i - k]
        out.append(window / k)
    return out


def window_max(xs, k):
    dq = deque()
    out = []
    for i, x in enumerate(xs):
        while dq and xs[dq[-1]] <= x:
            dq.pop()
        dq.append(i)
        if dq[0] <= i - k:
            dq.popleft()
        if i >= k - 1:
            out.append(xs[dq[0]])
    return out
