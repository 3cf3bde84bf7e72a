"""A prefix tree (trie) storing lowercase words."""


class Trie:
    """Prefix tree with insertion, lookup, prefix counting and deletion."""

    def __init__(self):
        self.root = {"children": {}, "end": False, "count": 0}

    def _node(self, prefix):
        node = self.root
        for ch in prefix:
            node = node["children"].get(ch)
            if node is None:
                return None
        return node

    def insert(self, word):
        """Add word; return False if it was already present."""
        if self.contains(word):
            return False
        node = self.root
        node["count"] += 1
        for ch in word:
            node = node["children"].setdefault(
                ch, {"children": {}, "end": False, "count": 0})
            node["count"] += 1
        node["end"] = True
        return True

    def contains(self, word):
        node = self._node(word)
        return node is not None and node["end"]

    def starts_with(self, prefix):
        return self._node(prefix) is not None

    def count_prefix(self, prefix):
        """Number of stored words beginning with prefix."""
        node = self._node(prefix)
        return 0 if node is None else node["count"]

    def delete(self, word):
        """Remove word, pruning nodes left empty; return True if removed."""
        if not self.contains(word):
            return False

        def remove(node, depth):
            node["count"] -= 1
            if depth == len(word):
                node["end"] = False
                return
            child = node["children"][word[depth]]
            remove(child, depth + 1)
            if child["count"] == 0:
                del node["children"][word[depth]]

        remove(self.root, 0)
        return True

    def words_with_prefix(self, prefix):
        """Sorted list of stored words that start with prefix."""
        node = self._node(prefix)
        found = []

        def collect(n, path):
            if n["end"]:
                found.append(path)
            for ch, child in n["children"].items():
                collect(child, path + ch)

        if node is not None:
            collect(node, prefix)
        return sorted(found)

    def __len__(self):
        return self.root["count"]
