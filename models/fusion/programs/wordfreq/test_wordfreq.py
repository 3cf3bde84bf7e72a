import unittest
from wordfreq import words, frequencies, top_k, unique_ratio


class WordfreqTest(unittest.TestCase):
    def test_words(self):
        self.assertEqual(words("Hello, world! It's me."), ["hello", "world", "it's", "me"])

    def test_frequencies(self):
        self.assertEqual(frequencies("a b a C c c"), {"a": 2, "b": 1, "c": 3})

    def test_top_k(self):
        self.assertEqual(top_k("x y y z z z", 2), ["z", "y"])

    def test_ties(self):
        self.assertEqual(top_k("b a c", 2), ["a", "b"])

    def test_ratio(self):
        self.assertAlmostEqual(unique_ratio("a a b b"), 0.5)
        self.assertEqual(unique_ratio(""), 0.0)
        self.assertEqual(unique_ratio("one two"), 1.0)
