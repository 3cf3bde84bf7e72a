import unittest
from binsearch import lower_bound, upper_bound, contains, count


class BinsearchTest(unittest.TestCase):
    def test_lower_bound(self):
        self.assertEqual(lower_bound([1, 3, 3, 5], 3), 1)
        self.assertEqual(lower_bound([1, 3, 3, 5], 4), 3)
        self.assertEqual(lower_bound([1, 3, 3, 5], 0), 0)
        self.assertEqual(lower_bound([1, 3, 3, 5], 9), 4)

    def test_upper_bound(self):
        self.assertEqual(upper_bound([1, 3, 3, 5], 3), 3)
        self.assertEqual(upper_bound([1, 3, 3, 5], 5), 4)
        self.assertEqual(upper_bound([1, 3, 3, 5], 0), 0)

    def test_contains(self):
        self.assertTrue(contains([2, 4, 6], 4))
        self.assertTrue(contains([2, 4, 6], 6))
        self.assertFalse(contains([2, 4, 6], 5))
        self.assertFalse(contains([2, 4, 6], 7))

    def test_empty(self):
        self.assertEqual(lower_bound([], 1), 0)
        self.assertFalse(contains([], 1))

    def test_count(self):
        self.assertEqual(count([1, 2, 2, 2, 3], 2), 3)
        self.assertEqual(count([1, 2, 2, 2, 3], 4), 0)
        self.assertEqual(count([7], 7), 1)
