import unittest

from floodfill import (in_bounds, flood_fill, island_sizes, count_islands,
                       largest_island, perimeter)

MAP = [
    [1, 1, 0, 0, 1],
    [1, 0, 0, 1, 1],
    [0, 0, 1, 0, 0],
    [1, 0, 1, 1, 0],
    [1, 1, 0, 1, 1],
]


class FloodFillTest(unittest.TestCase):
    def test_in_bounds(self):
        grid = [[0, 0, 0], [0, 0, 0]]
        self.assertTrue(in_bounds(grid, 0, 0))
        self.assertTrue(in_bounds(grid, 1, 2))
        self.assertFalse(in_bounds(grid, 2, 0))
        self.assertFalse(in_bounds(grid, 0, 3))
        self.assertFalse(in_bounds(grid, -1, 0))
        self.assertFalse(in_bounds(grid, 0, -1))
        self.assertFalse(in_bounds([], 0, 0))

    def test_flood_fill_region(self):
        grid = [
            [1, 1, 1],
            [1, 1, 0],
            [1, 0, 1],
        ]
        self.assertEqual(flood_fill(grid, 1, 1, 2), 6)
        self.assertEqual(grid, [[2, 2, 2], [2, 2, 0], [2, 0, 1]])

    def test_flood_fill_not_diagonal(self):
        grid = [
            [0, 1, 0],
            [1, 0, 1],
            [0, 1, 0],
        ]
        self.assertEqual(flood_fill(grid, 1, 1, 7), 1)
        self.assertEqual(grid, [[0, 1, 0], [1, 7, 1], [0, 1, 0]])
        self.assertEqual(flood_fill(grid, 2, 2, 5), 1)
        self.assertEqual(grid[2], [0, 1, 5])

    def test_flood_fill_edges(self):
        grid = [[3, 3], [3, 3]]
        self.assertEqual(flood_fill(grid, 0, 0, 3), 0)
        self.assertEqual(grid, [[3, 3], [3, 3]])
        self.assertEqual(flood_fill(grid, 2, 0, 1), 0)
        self.assertEqual(flood_fill(grid, 0, -1, 1), 0)
        self.assertEqual(grid, [[3, 3], [3, 3]])
        self.assertEqual(flood_fill(grid, 1, 1, 4), 4)
        self.assertEqual(grid, [[4, 4], [4, 4]])
        single = [[0]]
        self.assertEqual(flood_fill(single, 0, 0, 9), 1)
        self.assertEqual(single, [[9]])

    def test_flood_fill_corner_region(self):
        grid = [
            [0, 0, 0, 0],
            [0, 1, 1, 0],
            [0, 1, 0, 0],
        ]
        self.assertEqual(flood_fill(grid, 2, 3, 5), 9)
        self.assertEqual(grid, [[5, 5, 5, 5], [5, 1, 1, 5], [5, 1, 5, 5]])

    def test_island_sizes(self):
        self.assertEqual(island_sizes(MAP), [3, 3, 5, 3])
        self.assertEqual(island_sizes([]), [])
        self.assertEqual(island_sizes([[0]]), [])
        self.assertEqual(island_sizes([[1]]), [1])
        self.assertEqual(island_sizes([[1, 0, 1]]), [1, 1])
        self.assertEqual(island_sizes([[1], [1], [0], [1]]), [2, 1])

    def test_count_islands(self):
        self.assertEqual(count_islands(MAP), 4)
        self.assertEqual(count_islands([[0, 0], [0, 0]]), 0)
        self.assertEqual(count_islands([[1, 0], [0, 1]]), 2)
        self.assertEqual(count_islands([[1, 1], [1, 1]]), 1)
        self.assertEqual(count_islands([[0, 0, 1], [1, 0, 1], [1, 1, 1]]), 1)

    def test_largest_island(self):
        self.assertEqual(largest_island(MAP), 5)
        self.assertEqual(largest_island([]), 0)
        self.assertEqual(largest_island([[0, 0]]), 0)
        self.assertEqual(largest_island([[1, 1, 0, 1]]), 2)
        self.assertEqual(largest_island([[1, 0, 1, 1, 1]]), 3)

    def test_islands_do_not_modify_grid(self):
        grid = [list(row) for row in MAP]
        count_islands(grid)
        perimeter(grid, 0, 0)
        self.assertEqual(grid, MAP)

    def test_perimeter(self):
        self.assertEqual(perimeter([[1]], 0, 0), 4)
        self.assertEqual(perimeter([[1, 1]], 0, 1), 6)
        self.assertEqual(perimeter([[1, 1], [1, 1]], 1, 1), 8)
        self.assertEqual(perimeter(MAP, 0, 0), 8)
        self.assertEqual(perimeter(MAP, 2, 2), 12)
        self.assertEqual(perimeter(MAP, 4, 0), 8)
        self.assertEqual(perimeter(MAP, 1, 4), 8)

    def test_perimeter_water_and_outside(self):
        self.assertEqual(perimeter(MAP, 0, 2), 0)
        self.assertEqual(perimeter(MAP, 5, 0), 0)
        self.assertEqual(perimeter(MAP, 0, -1), 0)
        self.assertEqual(perimeter([], 0, 0), 0)


if __name__ == "__main__":
    unittest.main()
