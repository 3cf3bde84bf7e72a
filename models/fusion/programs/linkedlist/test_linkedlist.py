import unittest
from linkedlist import from_list, to_list, reverse, nth_from_end, remove_value


class LinkedListTest(unittest.TestCase):
    def test_round_trip(self):
        self.assertEqual(to_list(from_list([1, 2, 3])), [1, 2, 3])
        self.assertEqual(to_list(from_list([])), [])

    def test_reverse(self):
        self.assertEqual(to_list(reverse(from_list([1, 2, 3, 4]))), [4, 3, 2, 1])
        self.assertIsNone(reverse(None))

    def test_nth_from_end(self):
        head = from_list([10, 20, 30, 40])
        self.assertEqual(nth_from_end(head, 1), 40)
        self.assertEqual(nth_from_end(head, 4), 10)

    def test_nth_too_far(self):
        self.assertIsNone(nth_from_end(from_list([1, 2]), 3))

    def test_remove(self):
        self.assertEqual(to_list(remove_value(from_list([1, 2, 1, 3, 1]), 1)), [2, 3])
        self.assertEqual(to_list(remove_value(from_list([5, 6]), 7)), [5, 6])
