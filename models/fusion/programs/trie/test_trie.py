import unittest

from trie import Trie


def build(*words):
    t = Trie()
    for w in words:
        t.insert(w)
    return t


class TrieTest(unittest.TestCase):
    def test_empty_trie(self):
        t = Trie()
        self.assertEqual(len(t), 0)
        self.assertFalse(t.contains("a"))
        self.assertFalse(t.contains(""))
        self.assertTrue(t.starts_with(""))
        self.assertEqual(t.count_prefix(""), 0)
        self.assertEqual(t.words_with_prefix(""), [])
        self.assertFalse(t.delete("a"))

    def test_insert_and_contains(self):
        t = build("car", "cart", "cat")
        self.assertTrue(t.contains("car"))
        self.assertTrue(t.contains("cart"))
        self.assertTrue(t.contains("cat"))
        self.assertFalse(t.contains("ca"))
        self.assertFalse(t.contains("carts"))
        self.assertFalse(t.contains("dog"))
        self.assertEqual(len(t), 3)

    def test_duplicate_insert(self):
        t = Trie()
        self.assertTrue(t.insert("abc"))
        self.assertFalse(t.insert("abc"))
        self.assertEqual(len(t), 1)
        self.assertEqual(t.count_prefix("ab"), 1)
        self.assertEqual(t.count_prefix("abc"), 1)

    def test_empty_word(self):
        t = Trie()
        self.assertTrue(t.insert(""))
        self.assertTrue(t.contains(""))
        self.assertEqual(len(t), 1)
        self.assertEqual(t.words_with_prefix(""), [""])
        self.assertTrue(t.delete(""))
        self.assertFalse(t.contains(""))
        self.assertEqual(len(t), 0)

    def test_starts_with(self):
        t = build("apple", "apply", "bat")
        self.assertTrue(t.starts_with("app"))
        self.assertTrue(t.starts_with("apple"))
        self.assertTrue(t.starts_with("b"))
        self.assertFalse(t.starts_with("apples"))
        self.assertFalse(t.starts_with("c"))
        self.assertFalse(t.starts_with("bx"))

    def test_count_prefix(self):
        t = build("a", "ab", "abc", "abd", "b")
        self.assertEqual(t.count_prefix(""), 5)
        self.assertEqual(t.count_prefix("a"), 4)
        self.assertEqual(t.count_prefix("ab"), 3)
        self.assertEqual(t.count_prefix("abc"), 1)
        self.assertEqual(t.count_prefix("abz"), 0)
        self.assertEqual(t.count_prefix("b"), 1)

    def test_words_with_prefix_sorted(self):
        t = build("tea", "ten", "to", "inn", "tan", "te")
        self.assertEqual(t.words_with_prefix("t"),
                         ["tan", "te", "tea", "ten", "to"])
        self.assertEqual(t.words_with_prefix("te"), ["te", "tea", "ten"])
        self.assertEqual(t.words_with_prefix("ten"), ["ten"])
        self.assertEqual(t.words_with_prefix("x"), [])
        self.assertEqual(t.words_with_prefix(""),
                         ["inn", "tan", "te", "tea", "ten", "to"])

    def test_delete_prunes_nodes(self):
        t = build("car", "cart")
        self.assertTrue(t.delete("cart"))
        self.assertFalse(t.contains("cart"))
        self.assertTrue(t.contains("car"))
        self.assertFalse(t.starts_with("cart"))
        self.assertTrue(t.starts_with("car"))
        self.assertEqual(len(t), 1)
        self.assertTrue(t.delete("car"))
        self.assertFalse(t.starts_with("c"))
        self.assertEqual(t.root["children"], {})
        self.assertEqual(len(t), 0)

    def test_delete_keeps_longer_words(self):
        t = build("car", "cart", "cab")
        self.assertTrue(t.delete("car"))
        self.assertFalse(t.contains("car"))
        self.assertTrue(t.contains("cart"))
        self.assertTrue(t.starts_with("car"))
        self.assertEqual(t.count_prefix("ca"), 2)
        self.assertEqual(t.count_prefix("car"), 1)
        self.assertEqual(t.words_with_prefix("c"), ["cab", "cart"])

    def test_delete_missing(self):
        t = build("car")
        self.assertFalse(t.delete("ca"))
        self.assertFalse(t.delete("cars"))
        self.assertFalse(t.delete("dog"))
        self.assertTrue(t.contains("car"))
        self.assertEqual(t.count_prefix("c"), 1)

    def test_reinsert_after_delete(self):
        t = build("ab", "abc")
        t.delete("abc")
        self.assertTrue(t.insert("abc"))
        self.assertEqual(t.count_prefix("ab"), 2)
        self.assertEqual(t.words_with_prefix("a"), ["ab", "abc"])


if __name__ == "__main__":
    unittest.main()
