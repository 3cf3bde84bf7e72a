import unittest
from knapsack import best_value, choose

ITEMS = [(1, 1), (3, 4), (4, 5), (5, 7)]


class KnapsackTest(unittest.TestCase):
    def test_value(self):
        self.assertEqual(best_value(ITEMS, 7), 9)

    def test_zero_capacity(self):
        self.assertEqual(best_value(ITEMS, 0), 0)
        self.assertEqual(choose(ITEMS, 0), [])

    def test_all_fit(self):
        self.assertEqual(best_value(ITEMS, 100), 17)
        self.assertEqual(choose(ITEMS, 100), [0, 1, 2, 3])

    def test_choose(self):
        chosen = choose(ITEMS, 7)
        self.assertEqual(sum(ITEMS[i][1] for i in chosen), 9)
        self.assertLessEqual(sum(ITEMS[i][0] for i in chosen), 7)

    def test_exact_fit(self):
        self.assertEqual(best_value([(2, 3), (3, 4), (4, 5), (5, 6)], 5), 7)
        self.assertEqual(choose([(2, 3), (3, 4), (4, 5), (5, 6)], 5), [0, 1])
