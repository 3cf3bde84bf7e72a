import unittest
from stats import mean, median, mode, variance, stdev, percentile


class StatsTest(unittest.TestCase):
    def test_mean(self):
        self.assertEqual(mean([1, 2, 3, 4]), 2.5)
        with self.assertRaises(ValueError):
            mean([])

    def test_median(self):
        self.assertEqual(median([3, 1, 2]), 2)
        self.assertEqual(median([4, 1, 3, 2]), 2.5)
        with self.assertRaises(ValueError):
            median([])

    def test_mode(self):
        self.assertEqual(mode([1, 2, 2, 3, 3]), 2)
        self.assertEqual(mode([5]), 5)

    def test_variance(self):
        data = [2, 4, 4, 4, 5, 5, 7, 9]
        self.assertEqual(variance(data), 4)
        self.assertAlmostEqual(variance(data, sample=True), 32 / 7)
        self.assertEqual(stdev(data), 2)

    def test_percentile(self):
        data = [10, 20, 30, 40, 50]
        self.assertEqual(percentile(data, 0), 10)
        self.assertEqual(percentile(data, 50), 30)
        self.assertEqual(percentile(data, 100), 50)
        self.assertEqual(percentile(data, 25), 20)
        self.assertAlmostEqual(percentile([1, 2], 30), 1.3)
