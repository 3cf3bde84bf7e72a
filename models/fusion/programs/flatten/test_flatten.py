import unittest
from flatten import flatten, depth, chunk, interleave, unique


class FlattenTest(unittest.TestCase):
    def test_flatten(self):
        self.assertEqual(flatten([1, [2, [3, (4, 5)]], [], 6]), [1, 2, 3, 4, 5, 6])
        self.assertEqual(flatten([]), [])

    def test_depth(self):
        self.assertEqual(depth(5), 0)
        self.assertEqual(depth([]), 1)
        self.assertEqual(depth([1, [2, [3]]]), 3)

    def test_chunk(self):
        self.assertEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]])
        self.assertEqual(chunk([], 3), [])
        with self.assertRaises(ValueError):
            chunk([1], 0)

    def test_interleave(self):
        self.assertEqual(interleave([1, 2, 3], "ab"), [1, "a", 2, "b", 3])
        self.assertEqual(interleave(), [])

    def test_unique(self):
        self.assertEqual(unique([3, 1, 3, 2, 1]), [3, 1, 2])
