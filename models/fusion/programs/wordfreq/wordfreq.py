"""Word frequency statistics."""
import re

WORD = re.compile(r"[a-z']+")


def words(text):
    return WORD.findall(text.lower())


def frequencies(text):
    counts = {}
    for w in words(text):
        counts[w] = counts.get(w, 0) + 1
    return counts


def top_k(text, k):
    """Most frequent words; ties broken alphabetically."""
    counts = frequencies(text)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [w for w, _ in ranked[:k]]


def unique_ratio(text):
    all_words = words(text)
    if not all_words:
        return 0.0
    return len(set(all_words)) / len(all_words)
