import unittest

from sudoku import box_size, candidates, is_valid_solution, solve

SOLVED4 = [
    [1, 2, 3, 4],
    [3, 4, 1, 2],
    [2, 1, 4, 3],
    [4, 3, 2, 1],
]

PUZZLE9 = [
    [5, 3, 0, 0, 7, 0, 0, 0, 0],
    [6, 0, 0, 1, 9, 5, 0, 0, 0],
    [0, 9, 8, 0, 0, 0, 0, 6, 0],
    [8, 0, 0, 0, 6, 0, 0, 0, 3],
    [4, 0, 0, 8, 0, 3, 0, 0, 1],
    [7, 0, 0, 0, 2, 0, 0, 0, 6],
    [0, 6, 0, 0, 0, 0, 2, 8, 0],
    [0, 0, 0, 4, 1, 9, 0, 0, 5],
    [0, 0, 0, 0, 8, 0, 0, 7, 9],
]

SOLVED9 = [
    [5, 3, 4, 6, 7, 8, 9, 1, 2],
    [6, 7, 2, 1, 9, 5, 3, 4, 8],
    [1, 9, 8, 3, 4, 2, 5, 6, 7],
    [8, 5, 9, 7, 6, 1, 4, 2, 3],
    [4, 2, 6, 8, 5, 3, 7, 9, 1],
    [7, 1, 3, 9, 2, 4, 8, 5, 6],
    [9, 6, 1, 5, 3, 7, 2, 8, 4],
    [2, 8, 7, 4, 1, 9, 6, 3, 5],
    [3, 4, 5, 2, 8, 6, 1, 7, 9],
]


class SudokuTest(unittest.TestCase):
    def test_box_size(self):
        self.assertEqual(box_size(1), 1)
        self.assertEqual(box_size(4), 2)
        self.assertEqual(box_size(9), 3)
        with self.assertRaises(ValueError):
            box_size(6)

    def test_candidates_4x4(self):
        grid = [
            [1, 0, 0, 0],
            [0, 0, 3, 0],
            [0, 4, 0, 0],
            [0, 0, 0, 2],
        ]
        self.assertEqual(candidates(grid, 0, 1), [2, 3])
        self.assertEqual(candidates(grid, 1, 1), [2])
        self.assertEqual(candidates(grid, 3, 3), [])
        self.assertEqual(candidates(grid, 0, 0), [])
        self.assertEqual(candidates(grid, 2, 2), [1])
        self.assertEqual(candidates(grid, 0, 3), [4])
        self.assertEqual(candidates(grid, 3, 0), [3])
        self.assertEqual(candidates(grid, 2, 3), [1, 3])
        self.assertEqual(candidates(grid, 3, 2), [1, 4])

    def test_candidates_9x9(self):
        self.assertEqual(candidates(PUZZLE9, 0, 2), [1, 2, 4])
        self.assertEqual(candidates(PUZZLE9, 4, 4), [5])
        self.assertEqual(candidates(PUZZLE9, 8, 0), [1, 2, 3])
        self.assertEqual(candidates(PUZZLE9, 0, 0), [])

    def test_valid_solution(self):
        self.assertTrue(is_valid_solution(SOLVED4))
        self.assertTrue(is_valid_solution(SOLVED9))
        self.assertTrue(is_valid_solution([[1]]))

    def test_invalid_solution(self):
        bad_row = [list(r) for r in SOLVED4]
        bad_row[0][0] = 2
        self.assertFalse(is_valid_solution(bad_row))
        swapped_rows = [SOLVED4[0], SOLVED4[2], SOLVED4[1], SOLVED4[3]]
        self.assertFalse(is_valid_solution(swapped_rows))
        latin_not_boxes = [
            [1, 2, 3, 4],
            [2, 3, 4, 1],
            [3, 4, 1, 2],
            [4, 1, 2, 3],
        ]
        self.assertFalse(is_valid_solution(latin_not_boxes))
        cols_bad = [[1, 2, 3, 4]] * 4
        self.assertFalse(is_valid_solution(cols_bad))
        with_zero = [list(r) for r in SOLVED9]
        with_zero[8][8] = 0
        self.assertFalse(is_valid_solution(with_zero))
        col_swap = [list(r) for r in SOLVED4]
        col_swap[0][0], col_swap[1][0] = col_swap[1][0], col_swap[0][0]
        self.assertFalse(is_valid_solution(col_swap))
        short_row = [[1, 2, 3, 4], [3, 4, 1, 2], [2, 1, 4], [4, 3, 2, 1]]
        self.assertFalse(is_valid_solution(short_row))

    def test_boxes_checked_9x9(self):
        cyclic = [[(r + c) % 9 + 1 for c in range(9)] for r in range(9)]
        self.assertFalse(is_valid_solution(cyclic))
        shifted = [[(3 * r + r // 3 + c) % 9 + 1 for c in range(9)]
                   for r in range(9)]
        self.assertTrue(is_valid_solution(shifted))
        broken = [list(row) for row in SOLVED9]
        broken[7][7], broken[7][8] = broken[7][8], broken[7][7]
        self.assertFalse(is_valid_solution(broken))

    def test_solve_4x4(self):
        puzzle = [
            [1, 0, 0, 0],
            [0, 0, 3, 0],
            [0, 4, 0, 0],
            [0, 0, 0, 2],
        ]
        self.assertEqual(solve(puzzle), [
            [1, 3, 2, 4],
            [4, 2, 3, 1],
            [2, 4, 1, 3],
            [3, 1, 4, 2],
        ])
        self.assertEqual(puzzle[0], [1, 0, 0, 0])

    def test_solve_9x9(self):
        self.assertEqual(solve(PUZZLE9), SOLVED9)
        self.assertEqual(PUZZLE9[0][2], 0)

    def test_solve_full_and_empty(self):
        self.assertEqual(solve(SOLVED4), SOLVED4)
        empty = [[0] * 4 for _ in range(4)]
        self.assertEqual(solve(empty), [
            [1, 2, 3, 4],
            [3, 4, 1, 2],
            [2, 1, 4, 3],
            [4, 3, 2, 1],
        ])

    def test_solve_unsolvable(self):
        puzzle = [
            [1, 2, 0, 0],
            [0, 0, 1, 3],
            [0, 0, 0, 0],
            [0, 0, 0, 0],
        ]
        self.assertIsNone(solve(puzzle))
        self.assertIsNone(solve([[1, 1, 0, 0], [0] * 4, [0] * 4, [0] * 4]))


if __name__ == "__main__":
    unittest.main()
