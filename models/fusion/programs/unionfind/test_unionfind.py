import unittest
from unionfind import DisjointSet, count_islands


class UnionFindTest(unittest.TestCase):
    def test_initial(self):
        ds = DisjointSet(3)
        self.assertFalse(ds.connected(0, 1))
        self.assertEqual(ds.count, 3)

    def test_union(self):
        ds = DisjointSet(4)
        self.assertTrue(ds.union(0, 1))
        self.assertTrue(ds.union(2, 3))
        self.assertFalse(ds.union(1, 0))
        self.assertTrue(ds.connected(1, 0))
        self.assertFalse(ds.connected(1, 2))

    def test_transitive(self):
        ds = DisjointSet(5)
        ds.union(0, 1)
        ds.union(1, 2)
        ds.union(3, 2)
        self.assertTrue(ds.connected(0, 3))
        self.assertEqual(ds.set_size(3), 4)
        self.assertEqual(ds.set_size(4), 1)

    def test_islands(self):
        self.assertEqual(count_islands(6, [(0, 1), (2, 3), (1, 2)]), 3)
        self.assertEqual(count_islands(2, []), 2)

    def test_count(self):
        ds = DisjointSet(3)
        ds.union(0, 2)
        self.assertEqual(ds.count, 2)
