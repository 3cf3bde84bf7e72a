"""Memoised recursive segmentation of a string into dictionary words."""
from functools import lru_cache


def can_segment(text, words):
    """True if text is a concatenation of zero or more dictionary words."""
    vocab = frozenset(w for w in words if w)

    @lru_cache(maxsize=None)
    def ok(start):
        if start == len(text):
            return True
        for end in range(start + 1, len(text) + 1):
            if text[start:end] in vocab and ok(end):
                return True
        return False

    return ok(0)


def all_segmentations(text, words):
    """Every segmentation as a space-joined string, sorted."""
    vocab = frozenset(w for w in words if w)

    @lru_cache(maxsize=None)
    def split(start):
        if start == len(text):
            return ("",)
        results = []
        for end in range(start + 1, len(text) + 1):
            head = text[start:end]
            if head in vocab:
                for tail in split(end):
                    results.append(head + " " + tail if tail else head)
        return tuple(results)

    if not text:
        return []
    return sorted(split(0))


def min_words(text, words):
    """Fewest dictionary words that form text, or -1 if impossible."""
    vocab = frozenset(w for w in words if w)
    longest = max((len(w) for w in vocab), default=0)

    @lru_cache(maxsize=None)
    def best(start):
        if start == len(text):
            return 0
        fewest = None
        for end in range(start + 1, min(len(text), start + longest) + 1):
            if text[start:end] in vocab:
                rest = best(end)
                if rest >= 0 and (fewest is None or rest + 1 < fewest):
                    fewest = rest + 1
        return -1 if fewest is None else fewest

    return best(0)
