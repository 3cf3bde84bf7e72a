"""Recursive operations on binary trees stored as (value, left, right) tuples."""


def height(tree):
    """Number of nodes on the longest root-to-leaf path (empty tree is 0)."""
    if tree is None:
        return 0
    _, left, right = tree
    return 1 + max(height(left), height(right))


def size(tree):
    if tree is None:
        return 0
    return 1 + size(tree[1]) + size(tree[2])


def leaves(tree):
    """Values of the leaves from left to right."""
    if tree is None:
        return []
    value, left, right = tree
    if left is None and right is None:
        return [value]
    return leaves(left) + leaves(right)


def has_path_sum(tree, target):
    """True if some root-to-leaf path has values adding up to target."""
    if tree is None:
        return False
    value, left, right = tree
    rest = target - value
    if left is None and right is None:
        return rest == 0
    return has_path_sum(left, rest) or has_path_sum(right, rest)


def mirror(tree):
    if tree is None:
        return None
    value, left, right = tree
    return (value, mirror(right), mirror(left))


def is_balanced(tree):
    """True if every node's subtree heights differ by at most one."""
    def check(node):
        if node is None:
            return 0
        lh = check(node[1])
        if lh < 0:
            return -1
        rh = check(node[2])
        if rh < 0 or abs(lh - rh) > 1:
            return -1
        return 1 + max(lh, rh)

    return check(tree) >= 0


def lowest_common_ancestor(bst, a, b):
    """Value of the lowest common ancestor of a and b in a BST, or None."""
    if bst is None:
        return None
    value, left, right = bst
    if a < value and b < value:
        return lowest_common_ancestor(left, a, b)
    if a > value and b > value:
        return lowest_common_ancestor(right, a, b)
    return value
