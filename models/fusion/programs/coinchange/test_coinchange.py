import unittest
from coinchange import fewest_coins, ways, greedy_change


class CoinChangeTest(unittest.TestCase):
    def test_fewest(self):
        self.assertEqual(fewest_coins([1, 2, 5], 11), 3)
        self.assertEqual(fewest_coins([1, 3, 4], 6), 2)

    def test_impossible(self):
        self.assertEqual(fewest_coins([2], 3), -1)

    def test_zero(self):
        self.assertEqual(fewest_coins([1], 0), 0)
        self.assertEqual(ways([1, 2], 0), 1)

    def test_ways(self):
        self.assertEqual(ways([1, 2, 5], 5), 4)
        self.assertEqual(ways([2, 3], 7), 1)

    def test_greedy(self):
        self.assertEqual(greedy_change([1, 5, 10, 25], 41), [25, 10, 5, 1])
        with self.assertRaises(ValueError):
            greedy_change([5], 7)
