import unittest

from treeops import (height, size, leaves, has_path_sum, mirror,
                     is_balanced, lowest_common_ancestor)


def leaf(v):
    return (v, None, None)


#        5
#      /   \
#     4     8
#    /     / \
#   11    13  4
#  /  \        \
# 7    2        1
SAMPLE = (5,
          (4, (11, leaf(7), leaf(2)), None),
          (8, leaf(13), (4, None, leaf(1))))

#         6
#       /   \
#      2     8
#     / \   / \
#    0   4 7   9
#       / \
#      3   5
BST = (6,
       (2, leaf(0), (4, leaf(3), leaf(5))),
       (8, leaf(7), leaf(9)))


class TreeOpsTest(unittest.TestCase):
    def test_height(self):
        self.assertEqual(height(None), 0)
        self.assertEqual(height(leaf(1)), 1)
        self.assertEqual(height((1, leaf(2), None)), 2)
        self.assertEqual(height((1, None, (2, None, leaf(3)))), 3)
        self.assertEqual(height(SAMPLE), 4)
        self.assertEqual(height(BST), 4)

    def test_size(self):
        self.assertEqual(size(None), 0)
        self.assertEqual(size(leaf(1)), 1)
        self.assertEqual(size((1, None, leaf(2))), 2)
        self.assertEqual(size((1, leaf(2), None)), 2)
        self.assertEqual(size(SAMPLE), 9)
        self.assertEqual(size(BST), 9)

    def test_leaves(self):
        self.assertEqual(leaves(None), [])
        self.assertEqual(leaves(leaf(3)), [3])
        self.assertEqual(leaves((1, leaf(2), None)), [2])
        self.assertEqual(leaves((1, None, leaf(2))), [2])
        self.assertEqual(leaves(SAMPLE), [7, 2, 13, 1])
        self.assertEqual(leaves(BST), [0, 3, 5, 7, 9])

    def test_path_sum(self):
        self.assertTrue(has_path_sum(SAMPLE, 22))
        self.assertTrue(has_path_sum(SAMPLE, 27))
        self.assertTrue(has_path_sum(SAMPLE, 26))
        self.assertTrue(has_path_sum(SAMPLE, 18))
        self.assertFalse(has_path_sum(SAMPLE, 9))
        self.assertFalse(has_path_sum(SAMPLE, 17))
        self.assertFalse(has_path_sum(SAMPLE, 5))
        self.assertFalse(has_path_sum(SAMPLE, 0))

    def test_path_sum_edges(self):
        self.assertFalse(has_path_sum(None, 0))
        self.assertTrue(has_path_sum(leaf(0), 0))
        self.assertTrue(has_path_sum(leaf(-3), -3))
        self.assertFalse(has_path_sum(leaf(1), 0))
        self.assertFalse(has_path_sum((1, leaf(2), None), 1))
        self.assertTrue(has_path_sum((1, None, leaf(2)), 3))

    def test_mirror(self):
        self.assertIsNone(mirror(None))
        self.assertEqual(mirror(leaf(1)), leaf(1))
        self.assertEqual(mirror((1, leaf(2), None)), (1, None, leaf(2)))
        self.assertEqual(mirror(SAMPLE),
                         (5,
                          (8, (4, leaf(1), None), leaf(13)),
                          (4, None, (11, leaf(2), leaf(7)))))
        self.assertEqual(mirror(mirror(BST)), BST)
        self.assertEqual(leaves(mirror(BST)), [9, 7, 5, 3, 0])

    def test_is_balanced(self):
        self.assertTrue(is_balanced(None))
        self.assertTrue(is_balanced(leaf(1)))
        self.assertTrue(is_balanced((1, leaf(2), None)))
        self.assertTrue(is_balanced((1, None, leaf(2))))
        self.assertFalse(is_balanced((1, (2, leaf(3), None), None)))
        self.assertFalse(is_balanced((1, None, (2, None, leaf(3)))))
        self.assertTrue(is_balanced(BST))
        self.assertFalse(is_balanced(SAMPLE))

    def test_is_balanced_deep_subtree(self):
        # root looks balanced (heights 3 and 2) but the left child is not
        lopsided = (1, (2, (3, leaf(4), None), None), leaf(5))
        self.assertFalse(is_balanced(lopsided))
        right_bad = (1, leaf(0), (2, None, (3, None, leaf(4))))
        self.assertFalse(is_balanced(right_bad))
        chain = (2, (3, leaf(4), None), None)
        self.assertFalse(is_balanced((1, chain, None)))
        self.assertFalse(is_balanced((1, None, chain)))
        ok = (1, (2, leaf(3), None), leaf(4))
        self.assertTrue(is_balanced(ok))
        ok_right = (1, leaf(4), (2, None, leaf(3)))
        self.assertTrue(is_balanced(ok_right))

    def test_lca(self):
        self.assertEqual(lowest_common_ancestor(BST, 0, 5), 2)
        self.assertEqual(lowest_common_ancestor(BST, 3, 5), 4)
        self.assertEqual(lowest_common_ancestor(BST, 7, 9), 8)
        self.assertEqual(lowest_common_ancestor(BST, 3, 9), 6)
        self.assertEqual(lowest_common_ancestor(BST, 9, 0), 6)
        self.assertEqual(lowest_common_ancestor(BST, 2, 5), 2)
        self.assertEqual(lowest_common_ancestor(BST, 4, 3), 4)
        self.assertEqual(lowest_common_ancestor(BST, 6, 6), 6)
        self.assertEqual(lowest_common_ancestor(BST, 2, 0), 2)
        self.assertEqual(lowest_common_ancestor(BST, 0, 2), 2)
        self.assertEqual(lowest_common_ancestor(BST, 8, 9), 8)
        self.assertEqual(lowest_common_ancestor(BST, 9, 8), 8)
        self.assertEqual(lowest_common_ancestor(BST, 7, 7), 7)

    def test_lca_edges(self):
        self.assertIsNone(lowest_common_ancestor(None, 1, 2))
        self.assertEqual(lowest_common_ancestor(leaf(5), 5, 5), 5)
        self.assertIsNone(lowest_common_ancestor(leaf(5), 1, 2))
        self.assertIsNone(lowest_common_ancestor(leaf(5), 7, 9))


if __name__ == "__main__":
    unittest.main()
