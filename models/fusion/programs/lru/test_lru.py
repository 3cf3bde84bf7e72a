import unittest
from lru import LRUCache


class LruTest(unittest.TestCase):
    def test_get_put(self):
        c = LRUCache(2)
        c.put("a", 1)
        self.assertEqual(c.get("a"), 1)
        self.assertIsNone(c.get("b"))

    def test_evicts_oldest(self):
        c = LRUCache(2)
        c.put("a", 1)
        c.put("b", 2)
        c.put("c", 3)
        self.assertEqual(c.keys(), ["b", "c"])

    def test_get_refreshes(self):
        c = LRUCache(2)
        c.put("a", 1)
        c.put("b", 2)
        c.get("a")
        c.put("c", 3)
        self.assertEqual(c.keys(), ["a", "c"])

    def test_update_existing(self):
        c = LRUCache(2)
        c.put("a", 1)
        c.put("b", 2)
        c.put("a", 10)
        c.put("c", 3)
        self.assertEqual(c.get("a"), 10)
        self.assertEqual(len(c), 2)

    def test_stats(self):
        c = LRUCache(1)
        c.put("x", 1)
        c.get("x")
        c.get("y", 0)
        self.assertEqual((c.hits, c.misses), (1, 1))

    def test_bad_capacity(self):
        with self.assertRaises(ValueError):
            LRUCache(0)
