"""Operations on closed integer intervals given as (start, end) pairs."""


def merge(intervals):
    """Merge overlapping or touching intervals; result is sorted."""
    result = []
    for start, end in sorted(intervals):
        if result and start <= result[-1][1]:
            last_start, last_end = result[-1]
            result[-1] = (last_start, max(last_end, end))
        else:
            result.append((start, end))
    return result


def total_length(intervals):
    return sum(end - start for start, end in merge(intervals))


def intersect(a, b):
    """Intersection of two intervals, or None when they do not overlap."""
    start = max(a[0], b[0])
    end = min(a[1], b[1])
    if start > end:
        return None
    return (start, end)


def insert(intervals, new):
    return merge(list(intervals) + [new])
