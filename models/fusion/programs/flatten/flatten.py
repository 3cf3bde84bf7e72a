"""Helpers for nested and chunked sequences."""


def flatten(nested):
    out = []
    for item in nested:
        if isinstance(item, (list, tuple)):
            out.extend(flatten(item))
        else:
            out.append(item)
    return out


def depth(nested):
    if not isinstance(nested, (list, tuple)):
        return 0
    if not nested:
        return 1
    return 1 + max(depth(x) for x in nested)


def chunk(items, size):
    if size <= 0:
        raise ValueError("size must be positive")
    return [items[i:i + size] for i in range(0, len(items), size)]


def interleave(*seqs):
    out = []
    longest = max((len(s) for s in seqs), default=0)
    for i in range(longest):
        for s in seqs:
            if i < len(s):
                out.append(s[i])
    return out


def unique(items):
    seen = set()
    out = []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out
