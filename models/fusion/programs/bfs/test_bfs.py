import unittest
from bfs import shortest_path, distances, components

G = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": ["f"], "e": ["f"], "f": []}


class BfsTest(unittest.TestCase):
    def test_path(self):
        self.assertEqual(shortest_path(G, "a", "f"), ["a", "b", "d", "f"])

    def test_same(self):
        self.assertEqual(shortest_path(G, "c", "c"), ["c"])

    def test_unreachable(self):
        self.assertIsNone(shortest_path(G, "f", "a"))

    def test_distances(self):
        self.assertEqual(distances(G, "a"), {"a": 0, "b": 1, "c": 1, "d": 2, "e": 2, "f": 3})

    def test_components(self):
        undirected = {1: [2], 2: [1], 3: [4], 4: [3], 5: []}
        self.assertEqual(components(undirected), 3)
