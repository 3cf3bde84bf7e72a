"""Huffman coding: tree construction, code table, encoding and decoding."""
import heapq
from collections import Counter


def build_tree(freqs):
    """Leaves are symbols; internal nodes are (left, right) tuples."""
    if not freqs:
        raise ValueError("no symbols")
    heap = []
    counter = 0
    for sym in sorted(freqs):
        heap.append((freqs[sym], counter, sym))
        counter += 1
    heapq.heapify(heap)
    while len(heap) > 1:
        w1, _, left = heapq.heappop(heap)
        w2, _, right = heapq.heappop(heap)
        heapq.heappush(heap, (w1 + w2, counter, (left, right)))
        counter += 1
    return heap[0][2]


def make_codes(tree, prefix="", codes=None):
    """Map each symbol to its bit string; a lone symbol gets "0"."""
    if codes is None:
        codes = {}
    if not isinstance(tree, tuple):
        codes[tree] = prefix or "0"
        return codes
    make_codes(tree[0], prefix + "0", codes)
    make_codes(tree[1], prefix + "1", codes)
    return codes


def encode(text):
    """Return (tree, bits) for a non-empty string."""
    tree = build_tree(Counter(text))
    codes = make_codes(tree)
    return tree, "".join(codes[ch] for ch in text)


def decode(tree, bits):
    """Inverse of encode for the given tree."""
    if not isinstance(tree, tuple):
        return tree * len(bits)
    out = []
    node = tree
    for bit in bits:
        if bit not in "01":
            raise ValueError("bad bit")
        node = node[0] if bit == "0" else node[1]
        if not isinstance(node, tuple):
            out.append(node)
            node = tree
    if node is not tree:
        raise ValueError("truncated bit string")
    return "".join(out)


def weighted_path_length(tree, freqs, depth=0):
    """Sum of weight * depth over leaves (depth at least 1)."""
    if not isinstance(tree, tuple):
        return freqs[tree] * max(depth, 1)
    return (weighted_path_length(tree[0], freqs, depth + 1)
            + weighted_path_length(tree[1], freqs, depth + 1))
