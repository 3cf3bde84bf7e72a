import unittest

from nqueens import is_safe, is_valid, count_solutions, first_solution


class NQueensTest(unittest.TestCase):
    def test_count_small_boards(self):
        self.assertEqual(count_solutions(1), 1)
        self.assertEqual(count_solutions(2), 0)
        self.assertEqual(count_solutions(3), 0)

    def test_count_known_values(self):
        self.assertEqual(count_solutions(4), 2)
        self.assertEqual(count_solutions(5), 10)
        self.assertEqual(count_solutions(6), 4)
        self.assertEqual(count_solutions(8), 92)

    def test_count_empty_board(self):
        self.assertEqual(count_solutions(0), 0)
        self.assertEqual(count_solutions(-3), 0)

    def test_first_solution_values(self):
        self.assertEqual(first_solution(1), [0])
        self.assertEqual(first_solution(4), [1, 3, 0, 2])
        self.assertEqual(first_solution(5), [0, 2, 4, 1, 3])
        self.assertEqual(first_solution(6), [1, 3, 5, 0, 2, 4])
        self.assertEqual(first_solution(8), [0, 4, 7, 5, 2, 6, 1, 3])

    def test_first_solution_none(self):
        self.assertIsNone(first_solution(0))
        self.assertIsNone(first_solution(2))
        self.assertIsNone(first_solution(3))

    def test_is_safe(self):
        cols = [1, 3, 0]
        self.assertTrue(is_safe(cols, 3, 2))
        self.assertFalse(is_safe(cols, 3, 0))
        self.assertFalse(is_safe(cols, 3, 1))
        self.assertFalse(is_safe(cols, 3, 3))
        self.assertFalse(is_safe([0], 1, 1))
        self.assertTrue(is_safe([0], 1, 2))
        self.assertTrue(is_safe([], 0, 0))
        self.assertTrue(is_safe([2, 0], 2, 3))
        self.assertFalse(is_safe([2, 0], 2, 1))
        self.assertFalse(is_safe([2, 0], 2, 4))

    def test_is_valid(self):
        self.assertTrue(is_valid([1, 3, 0, 2]))
        self.assertTrue(is_valid([0]))
        self.assertTrue(is_valid([]))
        self.assertFalse(is_valid([0, 1]))
        self.assertFalse(is_valid([0, 0]))
        self.assertFalse(is_valid([1, 3, 0, 4]))
        self.assertFalse(is_valid([1, 3, -1, 2]))
        self.assertFalse(is_valid([0, 2]))
        self.assertFalse(is_valid([-1]))
        self.assertFalse(is_valid([1]))
        self.assertFalse(is_valid([0, 2, 4, 1, 4]))
        self.assertTrue(is_valid([0, 2, 4, 1, 3]))

    def test_solutions_are_valid(self):
        for n in range(1, 9):
            sol = first_solution(n)
            if sol is not None:
                self.assertEqual(len(sol), n)
                self.assertTrue(is_valid(sol))


if __name__ == "__main__":
    unittest.main()
