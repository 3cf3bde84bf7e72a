import unittest

from inversions import (merge, sort_and_count, count_inversions,
                        brute_force_inversions, k_way_merge)


class Tagged:
    """Value ordered by key only, so equal keys expose merge stability."""

    def __init__(self, key, tag):
        self.key = key
        self.tag = tag

    def __lt__(self, other):
        return self.key < other.key

    def __gt__(self, other):
        return self.key > other.key


class InversionsTest(unittest.TestCase):
    def test_merge(self):
        self.assertEqual(merge([1, 4, 7], [2, 3, 9]), [1, 2, 3, 4, 7, 9])
        self.assertEqual(merge([5, 6], [1, 2]), [1, 2, 5, 6])
        self.assertEqual(merge([1, 2], [5, 6]), [1, 2, 5, 6])
        self.assertEqual(merge([2, 2], [2]), [2, 2, 2])
        self.assertEqual(merge([1, 3, 5, 7], [4]), [1, 3, 4, 5, 7])

    def test_merge_edges(self):
        self.assertEqual(merge([], []), [])
        self.assertEqual(merge([], [1, 2]), [1, 2])
        self.assertEqual(merge([3], []), [3])
        self.assertEqual(merge([1], [0]), [0, 1])

    def test_merge_is_stable(self):
        left = [Tagged(1, "L"), Tagged(2, "L")]
        right = [Tagged(1, "R"), Tagged(2, "R"), Tagged(3, "R")]
        merged = merge(left, right)
        self.assertEqual([(t.key, t.tag) for t in merged],
                         [(1, "L"), (1, "R"), (2, "L"), (2, "R"), (3, "R")])

    def test_count_inversions_edges(self):
        self.assertEqual(count_inversions([]), 0)
        self.assertEqual(count_inversions([7]), 0)
        self.assertEqual(count_inversions([1, 2]), 0)
        self.assertEqual(count_inversions([2, 1]), 1)
        self.assertEqual(count_inversions([3, 3]), 0)

    def test_count_inversions_values(self):
        self.assertEqual(count_inversions([2, 4, 1, 3, 5]), 3)
        self.assertEqual(count_inversions([1, 20, 6, 4, 5]), 5)
        self.assertEqual(count_inversions([5, 4, 3, 2, 1]), 10)
        self.assertEqual(count_inversions([1, 2, 3, 4, 5, 6]), 0)
        self.assertEqual(count_inversions([2, 1, 2, 1]), 3)
        self.assertEqual(count_inversions([8, 4, 2, 1, 9, 0]), 11)

    def test_sort_and_count(self):
        self.assertEqual(sort_and_count([3, 1, 2]), ([1, 2, 3], 2))
        self.assertEqual(sort_and_count([]), ([], 0))
        self.assertEqual(sort_and_count([4]), ([4], 0))
        self.assertEqual(sort_and_count([9, 7, 8, 1]), ([1, 7, 8, 9], 5))
        data = [4, 2, 2, 9]
        sort_and_count(data)
        self.assertEqual(data, [4, 2, 2, 9])

    def test_brute_force(self):
        self.assertEqual(brute_force_inversions([]), 0)
        self.assertEqual(brute_force_inversions([1]), 0)
        self.assertEqual(brute_force_inversions([2, 1]), 1)
        self.assertEqual(brute_force_inversions([1, 1]), 0)
        self.assertEqual(brute_force_inversions([3, 1, 2]), 2)
        self.assertEqual(brute_force_inversions([4, 3, 2, 1]), 6)

    def test_agreement(self):
        samples = [
            [6, 1, 5, 2, 4, 3],
            [1, 1, 0, 0, 1, 0],
            [10, -1, 7, 7, 3, 12, -5],
            list(range(9, -1, -1)),
            [(i * 7) % 11 for i in range(11)],
        ]
        for s in samples:
            self.assertEqual(count_inversions(s), brute_force_inversions(s))
            self.assertEqual(sort_and_count(s)[0], sorted(s))

    def test_k_way_merge(self):
        self.assertEqual(k_way_merge([[1, 5, 9], [2, 6], [0, 3, 10]]),
                         [0, 1, 2, 3, 5, 6, 9, 10])
        self.assertEqual(k_way_merge([[4], [3], [2], [1]]), [1, 2, 3, 4])
        self.assertEqual(k_way_merge([[1, 2], [], [0]]), [0, 1, 2])
        self.assertEqual(k_way_merge([[2, 2], [1, 2], [2, 3]]),
                         [1, 2, 2, 2, 2, 3])

    def test_k_way_merge_edges(self):
        self.assertEqual(k_way_merge([]), [])
        self.assertEqual(k_way_merge([[]]), [])
        self.assertEqual(k_way_merge([[], []]), [])
        single = [1, 2, 3]
        result = k_way_merge([single])
        self.assertEqual(result, [1, 2, 3])
        result.append(4)
        self.assertEqual(single, [1, 2, 3])


if __name__ == "__main__":
    unittest.main()
