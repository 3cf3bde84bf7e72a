"""Inversion counting by recursive merging, plus merge helpers."""


def merge(left, right):
    """Merge two sorted lists into a new sorted list (stable: left first)."""
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if right[j] < left[i]:
            out.append(right[j])
            j += 1
        else:
            out.append(left[i])
            i += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out


def sort_and_count(items):
    """Return (sorted copy, number of pairs i < j with items[i] > items[j])."""
    n = len(items)
    if n <= 1:
        return list(items), 0
    mid = n // 2
    left, a = sort_and_count(items[:mid])
    right, b = sort_and_count(items[mid:])
    merged = []
    i = j = 0
    split = 0
    while i < len(left) and j < len(right):
        if right[j] < left[i]:
            split += len(left) - i
            merged.append(right[j])
            j += 1
        else:
            merged.append(left[i])
            i += 1
    merged += left[i:] + right[j:]
    return merged, a + b + split


def count_inversions(items):
    return sort_and_count(items)[1]


def brute_force_inversions(items):
    """Quadratic reference count of inversions."""
    total = 0
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if items[i] > items[j]:
                total += 1
    return total


def k_way_merge(lists):
    """Merge any number of sorted lists by recursive pairwise halving."""
    if not lists:
        return []
    if len(lists) == 1:
        return list(lists[0])
    mid = len(lists) // 2
    return merge(k_way_merge(lists[:mid]), k_way_merge(lists[mid:]))
