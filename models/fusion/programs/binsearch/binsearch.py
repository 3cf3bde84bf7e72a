"""Binary search helpers over sorted lists."""


def lower_bound(items, target):
    """First index whose value is >= target."""
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def upper_bound(items, target):
    """First index whose value is > target."""
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] <= target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def contains(items, target):
    i = lower_bound(items, target)
    return i < len(items) and items[i] == target


def count(items, target):
    return upper_bound(items, target) - lower_bound(items, target)
