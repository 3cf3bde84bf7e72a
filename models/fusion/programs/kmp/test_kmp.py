import unittest
from kmp import failure, find_all, count_occurrences


class KmpTest(unittest.TestCase):
    def test_failure(self):
        self.assertEqual(failure("abab"), [0, 0, 1, 2])
        self.assertEqual(failure("aabaaab"), [0, 1, 0, 1, 2, 2, 3])

    def test_find(self):
        self.assertEqual(find_all("abracadabra", "abra"), [0, 7])

    def test_overlapping(self):
        self.assertEqual(find_all("aaaa", "aa"), [0, 1, 2])

    def test_missing(self):
        self.assertEqual(find_all("hello", "xyz"), [])

    def test_empty_pattern(self):
        self.assertEqual(find_all("ab", ""), [0, 1, 2])

    def test_count(self):
        self.assertEqual(count_occurrences("abababab", "abab"), 3)
        self.assertEqual(count_occurrences("aabaaabaaab", "aab"), 3)
