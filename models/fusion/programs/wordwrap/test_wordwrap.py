import unittest
from wordwrap import wrap, justify, fill


class WrapTest(unittest.TestCase):
    def test_wrap(self):
        self.assertEqual(wrap("the quick brown fox jumps", 10), ["the quick", "brown fox", "jumps"])

    def test_exact_width(self):
        self.assertEqual(wrap("aaaa bbbb", 9), ["aaaa bbbb"])

    def test_empty(self):
        self.assertEqual(wrap("   ", 5), [])

    def test_long_word(self):
        with self.assertRaises(ValueError):
            wrap("tiny enormousword", 6)

    def test_justify(self):
        self.assertEqual(justify("a b c", 9), "a   b   c")
        self.assertEqual(justify("ab c d", 9), "ab   c  d")
        self.assertEqual(justify("solo", 6), "solo  ")

    def test_fill(self):
        self.assertEqual(fill("aa bb cc dd", 7), "aa   bb\ncc dd")
