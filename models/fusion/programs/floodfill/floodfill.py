"""Recursive region operations on rectangular grids stored as lists of lists."""

STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))


def in_bounds(grid, r, c):
    return 0 <= r < len(grid) and 0 <= c < len(grid[r])


def flood_fill(grid, r, c, new):
    """Recolour the 4-connected region containing (r, c) in place; return cells changed."""
    if not in_bounds(grid, r, c):
        return 0
    old = grid[r][c]
    if old == new:
        return 0

    def fill(i, j):
        if not in_bounds(grid, i, j) or grid[i][j] != old:
            return 0
        grid[i][j] = new
        return 1 + sum(fill(i + di, j + dj) for di, dj in STEPS)

    return fill(r, c)


def _island(grid, r, c, seen):
    """Size of the unvisited land region at (r, c), marking it in seen."""
    if not in_bounds(grid, r, c) or grid[r][c] != 1 or (r, c) in seen:
        return 0
    seen.add((r, c))
    return 1 + sum(_island(grid, r + dr, c + dc, seen) for dr, dc in STEPS)


def island_sizes(grid):
    """Sizes of all islands of 1s, in order of their first cell."""
    seen = set()
    sizes = []
    for r in range(len(grid)):
        for c in range(len(grid[r])):
            if grid[r][c] == 1 and (r, c) not in seen:
                sizes.append(_island(grid, r, c, seen))
    return sizes


def count_islands(grid):
    return len(island_sizes(grid))


def largest_island(grid):
    return max(island_sizes(grid), default=0)


def perimeter(grid, r, c):
    """Perimeter of the island containing (r, c); 0 if it is water."""
    if not in_bounds(grid, r, c) or grid[r][c] != 1:
        return 0
    seen = set()
    _island(grid, r, c, seen)
    edges = 0
    for i, j in seen:
        for di, dj in STEPS:
            if (i + di, j + dj) not in seen:
                edges += 1
    return edges
