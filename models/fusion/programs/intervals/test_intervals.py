import unittest
from intervals import merge, total_length, intersect, insert


class IntervalsTest(unittest.TestCase):
    def test_merge_overlapping(self):
        self.assertEqual(merge([(1, 3), (2, 6), (8, 10)]), [(1, 6), (8, 10)])

    def test_merge_unsorted(self):
        self.assertEqual(merge([(8, 10), (1, 4), (3, 5)]), [(1, 5), (8, 10)])

    def test_merge_touching(self):
        self.assertEqual(merge([(1, 2), (2, 3)]), [(1, 3)])

    def test_merge_contained(self):
        self.assertEqual(merge([(1, 10), (2, 3)]), [(1, 10)])

    def test_total_length(self):
        self.assertEqual(total_length([(0, 2), (1, 5), (7, 8)]), 6)

    def test_intersect(self):
        self.assertEqual(intersect((1, 5), (3, 9)), (3, 5))
        self.assertEqual(intersect((1, 2), (2, 4)), (2, 2))
        self.assertIsNone(intersect((1, 2), (3, 4)))

    def test_insert(self):
        self.assertEqual(insert([(1, 2), (6, 9)], (2, 5)), [(1, 5), (6, 9)])
        self.assertEqual(merge([]), [])
