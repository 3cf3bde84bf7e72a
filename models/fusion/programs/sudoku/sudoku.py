"""Backtracking sudoku solver for square grids such as 4x4 and 9x9."""


def box_size(n):
    """Return the side length of a sub-box for an n x n grid."""
    b = int(round(n ** 0.5))
    if b * b != n:
        raise ValueError("grid size must be a perfect square")
    return b


def candidates(grid, row, col):
    """Return the sorted list of digits that may go in an empty cell."""
    n = len(grid)
    if grid[row][col] != 0:
        return []
    b = box_size(n)
    used = set(grid[row])
    used.update(grid[r][col] for r in range(n))
    top, left = row - row % b, col - col % b
    for r in range(top, top + b):
        for c in range(left, left + b):
            used.add(grid[r][c])
    return [d for d in range(1, n + 1) if d not in used]


def is_valid_solution(grid):
    """Check that a grid is completely and correctly filled."""
    n = len(grid)
    b = box_size(n)
    target = set(range(1, n + 1))
    for i in range(n):
        if len(grid[i]) != n or set(grid[i]) != target:
            return False
        if {grid[r][i] for r in range(n)} != target:
            return False
    for top in range(0, n, b):
        for left in range(0, n, b):
            box = {grid[r][c] for r in range(top, top + b)
                   for c in range(left, left + b)}
            if box != target:
                return False
    return True


def _find_empty(grid):
    for r, line in enumerate(grid):
        for c, value in enumerate(line):
            if value == 0:
                return r, c
    return None


def solve(grid):
    """Return a solved copy of grid, or None when no solution exists."""
    work = [list(line) for line in grid]

    def fill():
        spot = _find_empty(work)
        if spot is None:
            return True
        r, c = spot
        for d in candidates(work, r, c):
            work[r][c] = d
            if fill():
                return True
        work[r][c] = 0
        return False

    return work if fill() else None
