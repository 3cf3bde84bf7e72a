import unittest
from sorting import insertion_sort, merge_sort, quick_sort

CASES = [[], [1], [2, 1], [3, 1, 2], [5, 5, 1, 5], [9, -2, 7, 0, 3, 3, -8], list(range(10, 0, -1))]


class SortingTest(unittest.TestCase):
    def test_insertion(self):
        for c in CASES:
            self.assertEqual(insertion_sort(c), sorted(c))

    def test_merge(self):
        for c in CASES:
            self.assertEqual(merge_sort(c), sorted(c))

    def test_quick(self):
        for c in CASES:
            self.assertEqual(quick_sort(c), sorted(c))

    def test_does_not_mutate(self):
        data = [3, 1, 2]
        insertion_sort(data)
        merge_sort(data)
        self.assertEqual(data, [3, 1, 2])

    def test_stable_merge(self):
        pairs = [(1, "b"), (0, "x"), (1, "a")]

        class Key:
            def __init__(self, p):
                self.p = p

            def __le__(self, other):
                return self.p[0] <= other.p[0]

        out = [k.p for k in merge_sort([Key(p) for p in pairs])]
        self.assertEqual(out, [(0, "x"), (1, "b"), (1, "a")])
