import unittest
from dijkstra import shortest, path

G = {
    "a": [("b", 7), ("c", 9), ("f", 14)],
    "b": [("c", 10), ("d", 15)],
    "c": [("d", 11), ("f", 2)],
    "d": [("e", 6)],
    "f": [("e", 9)],
}


class DijkstraTest(unittest.TestCase):
    def test_distances(self):
        dist, _ = shortest(G, "a")
        self.assertEqual(dist, {"a": 0, "b": 7, "c": 9, "d": 20, "e": 20, "f": 11})

    def test_path(self):
        self.assertEqual(path(G, "a", "e"), (["a", "c", "f", "e"], 20))

    def test_source(self):
        self.assertEqual(path(G, "a", "a"), (["a"], 0))

    def test_unreachable(self):
        self.assertEqual(path(G, "e", "a"), (None, float("inf")))

    def test_negative(self):
        with self.assertRaises(ValueError):
            shortest({"x": [("y", -1)]}, "x")

    def test_prefers_cheaper_longer_route(self):
        g = {"s": [("t", 10), ("m", 1)], "m": [("t", 2)]}
        self.assertEqual(path(g, "s", "t"), (["s", "m", "t"], 3))
