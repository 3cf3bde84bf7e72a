"""Backtracking helpers for the n-queens puzzle."""


def is_safe(cols, row, col):
    """Return True if a queen at (row, col) is not attacked by cols[0:row]."""
    for r in range(row):
        c = cols[r]
        if c == col:
            return False
        if abs(c - col) == row - r:
            return False
    return True


def is_valid(placement):
    """Check that a full placement (column per row) has no attacking pairs."""
    n = len(placement)
    for r in range(n):
        if placement[r] < 0 or placement[r] >= n:
            return False
        if not is_safe(placement, r, placement[r]):
            return False
    return True


def count_solutions(n):
    """Count the placements of n non-attacking queens on an n x n board."""
    if n < 1:
        return 0
    cols = [0] * n

    def place(row):
        if row == n:
            return 1
        total = 0
        for col in range(n):
            if is_safe(cols, row, col):
                cols[row] = col
                total += place(row + 1)
        return total

    return place(0)


def first_solution(n):
    """Return the lexicographically first solution as a list, or None."""
    if n < 1:
        return None
    cols = []

    def place(row):
        if row == n:
            return True
        for col in range(n):
            if is_safe(cols, row, col):
                cols.append(col)
                if place(row + 1):
                    return True
                cols.pop()
        return False

    return list(cols) if place(0) else None
