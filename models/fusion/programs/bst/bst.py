"""An unbalanced binary search tree of distinct keys."""


class Tree:
    def __init__(self):
        self.root = None
        self.size = 0

    def insert(self, key):
        if self.root is None:
            self.root = [key, None, None]
            self.size += 1
            return True
        node = self.root
        while True:
            if key == node[0]:
                return False
            side = 1 if key < node[0] else 2
            if node[side] is None:
                node[side] = [key, None, None]
                self.size += 1
                return True
            node = node[side]

    def contains(self, key):
        node = self.root
        while node is not None:
            if key == node[0]:
                return True
            node = node[1] if key < node[0] else node[2]
        return False

    def inorder(self):
        out = []
        def walk(node):
            if node is not None:
                walk(node[1])
                out.append(node[0])
                walk(node[2])
        walk(self.root)
        return out

    def height(self):
        def h(node):
            if node is None:
                return 0
            return 1 + max(h(node[1]), h(node[2]))
        return h(self.root)

    def minimum(self):
        node = self.root
        if node is None:
            raise ValueError("empty tree")
        while node[1] is not None:
            node = node[1]
        return node[0]
