import unittest
from subarray import max_subarray, moving_average, window_max


class SubarrayTest(unittest.TestCase):
    def test_kadane(self):
        self.assertEqual(max_subarray([-2, 1, -3, 4, -1, 2, 1, -5, 4]), (6, 3, 7))

    def test_all_negative(self):
        self.assertEqual(max_subarray([-3, -1, -2]), (-1, 1, 2))
        with self.assertRaises(ValueError):
            max_subarray([])

    def test_moving_average(self):
        self.assertEqual(moving_average([1, 2, 3, 4, 5], 2), [1.5, 2.5, 3.5, 4.5])
        self.assertEqual(moving_average([1, 2], 3), [])
        self.assertEqual(moving_average([4, 8], 2), [6.0])

    def test_window_max(self):
        self.assertEqual(window_max([1, 3, -1, -3, 5, 3, 6, 7], 3), [3, 3, 5, 5, 6, 7])
        self.assertEqual(window_max([9, 8, 7, 6], 2), [9, 8, 7])

    def test_window_one(self):
        self.assertEqual(window_max([2, 1, 3], 1), [2, 1, 3])
