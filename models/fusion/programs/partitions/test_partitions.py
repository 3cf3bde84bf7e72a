import unittest
from partitions import count_partitions, list_partitions, catalan, climb_ways


class TestPartitions(unittest.TestCase):
    def test_count_small(self):
        self.assertEqual([count_partitions(n) for n in range(11)],
                         [1, 1, 2, 3, 5, 7, 11, 15, 22, 30, 42])

    def test_count_large(self):
        self.assertEqual(count_partitions(100), 190569292)

    def test_count_bounded_parts(self):
        self.assertEqual(count_partitions(5, 2), 3)
        self.assertEqual(count_partitions(5, 1), 1)
        self.assertEqual(count_partitions(5, 0), 0)
        self.assertEqual(count_partitions(6, 3), 7)
        self.assertEqual(count_partitions(3, 10), 3)
        self.assertEqual(count_partitions(0, 0), 1)

    def test_list_order(self):
        self.assertEqual(list_partitions(4),
                         [(4,), (3, 1), (2, 2), (2, 1, 1), (1, 1, 1, 1)])
        self.assertEqual(list_partitions(0), [()])
        self.assertEqual(list_partitions(1), [(1,)])

    def test_list_bounded(self):
        self.assertEqual(list_partitions(5, 2),
                         [(2, 2, 1), (2, 1, 1, 1), (1, 1, 1, 1, 1)])

    def test_list_matches_count(self):
        for n in range(12):
            self.assertEqual(len(list_partitions(n)), count_partitions(n))

    def test_catalan(self):
        self.assertEqual([catalan(n) for n in range(10)],
                         [1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862])
        self.assertEqual(catalan(20), 6564120420)
        with self.assertRaises(ValueError):
            catalan(-1)

    def test_climb_typical(self):
        self.assertEqual(climb_ways(4, [1, 2]), 5)
        self.assertEqual(climb_ways(10, [1, 2]), 89)
        self.assertEqual(climb_ways(4, [1, 2, 3]), 7)
        self.assertEqual(climb_ways(5, [1, 3, 5]), 5)

    def test_climb_edges(self):
        self.assertEqual(climb_ways(0, [1, 2]), 1)
        self.assertEqual(climb_ways(1, [1]), 1)
        self.assertEqual(climb_ways(3, [2]), 0)
        self.assertEqual(climb_ways(2, [2]), 1)
        self.assertEqual(climb_ways(3, []), 0)
        with self.assertRaises(ValueError):
            climb_ways(-1, [1])
        with self.assertRaises(ValueError):
            climb_ways(3, [0, 1])


if __name__ == "__main__":
    unittest.main()
