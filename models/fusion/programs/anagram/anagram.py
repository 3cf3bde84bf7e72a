"""Anagram utilities."""


def signature(word):
    return "".join(sorted(word.lower().replace(" ", "")))


def is_anagram(a, b):
    return signature(a) == signature(b)


def group_anagrams(words):
    groups = {}
    for w in words:
        groups.setdefault(signature(w), []).append(w)
    return sorted(sorted(g) for g in groups.values())


def find_in(text, pattern):
    """Start indices of substrings of text that are anagrams of pattern."""
    n = len(pattern)
    target = sorted(pattern)
    hits = []
    for i in range(len(text) - n + 1):
        if sorted(text[i:i + n]) == target:
            hits.append(i)
    return hits
