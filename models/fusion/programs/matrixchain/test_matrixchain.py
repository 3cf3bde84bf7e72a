import unittest
from matrixchain import chain_tables, min_cost, optimal_order, min_cost_memo, parenthesise


CLRS = [30, 35, 15, 5, 10, 20, 25]


class TestMatrixChain(unittest.TestCase):
    def test_single_matrix(self):
        self.assertEqual(min_cost([10, 20]), 0)
        self.assertEqual(min_cost_memo([10, 20]), 0)
        self.assertEqual(optimal_order([10, 20]), "A1")

    def test_two_matrices(self):
        self.assertEqual(min_cost([10, 20, 30]), 6000)
        self.assertEqual(min_cost_memo([10, 20, 30]), 6000)
        self.assertEqual(optimal_order([10, 20, 30]), "(A1A2)")

    def test_three_matrices(self):
        self.assertEqual(min_cost([1, 2, 3, 4]), 18)
        self.assertEqual(optimal_order([1, 2, 3, 4]), "((A1A2)A3)")
        self.assertEqual(min_cost([4, 3, 2, 1]), 18)
        self.assertEqual(optimal_order([4, 3, 2, 1]), "(A1(A2A3))")

    def test_classic(self):
        self.assertEqual(min_cost(CLRS), 15125)
        self.assertEqual(min_cost_memo(CLRS), 15125)
        self.assertEqual(optimal_order(CLRS), "((A1(A2A3))((A4A5)A6))")

    def test_other_chains(self):
        self.assertEqual(min_cost([10, 20, 30, 40, 30]), 30000)
        self.assertEqual(min_cost([40, 20, 30, 10, 30]), 26000)
        self.assertEqual(optimal_order([40, 20, 30, 10, 30]), "((A1(A2A3))A4)")

    def test_tie_prefers_first_split(self):
        self.assertEqual(optimal_order([2, 2, 2, 2]), "(A1(A2A3))")
        self.assertEqual(min_cost([2, 2, 2, 2]), 16)

    def test_tables(self):
        cost, split = chain_tables([1, 2, 3, 4])
        self.assertEqual(cost, [[0, 6, 18], [0, 0, 24], [0, 0, 0]])
        self.assertEqual(split[0][2], 1)
        self.assertEqual(split[0][1], 0)
        self.assertEqual(split[1][2], 1)
        self.assertEqual(parenthesise(split, 1, 2), "(A2A3)")
        self.assertEqual(parenthesise(split, 2, 2), "A3")

    def test_memo_agrees(self):
        chains = [[5, 10, 3, 12, 5, 50, 6], [3, 7, 2, 9, 4], [9, 1, 9, 1, 9],
                  [1, 100, 1, 100], CLRS]
        for dims in chains:
            self.assertEqual(min_cost_memo(dims), min_cost(dims))
        self.assertEqual(min_cost([5, 10, 3, 12, 5, 50, 6]), 2010)

    def test_errors(self):
        with self.assertRaises(ValueError):
            min_cost([5])
        with self.assertRaises(ValueError):
            min_cost_memo([])


if __name__ == "__main__":
    unittest.main()
