import unittest
from bst import Tree


def build(keys):
    t = Tree()
    for k in keys:
        t.insert(k)
    return t


class BstTest(unittest.TestCase):
    def test_inorder_sorted(self):
        self.assertEqual(build([5, 3, 8, 1, 4, 9]).inorder(), [1, 3, 4, 5, 8, 9])

    def test_duplicates(self):
        t = build([2, 1])
        self.assertFalse(t.insert(2))
        self.assertEqual(t.size, 2)

    def test_contains(self):
        t = build([5, 3, 8])
        self.assertTrue(t.contains(8))
        self.assertTrue(t.contains(3))
        self.assertFalse(t.contains(4))

    def test_height(self):
        self.assertEqual(build([]).height(), 0)
        self.assertEqual(build([2, 1, 3]).height(), 2)
        self.assertEqual(build([1, 2, 3, 4]).height(), 4)

    def test_minimum(self):
        self.assertEqual(build([7, 3, 9, 2]).minimum(), 2)
        with self.assertRaises(ValueError):
            Tree().minimum()
