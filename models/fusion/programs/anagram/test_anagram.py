import unittest
from anagram import signature, is_anagram, group_anagrams, find_in


class AnagramTest(unittest.TestCase):
    def test_signature(self):
        self.assertEqual(signature("Tea"), "aet")

    def test_is_anagram(self):
        self.assertTrue(is_anagram("listen", "silent"))
        self.assertTrue(is_anagram("Dormitory", "dirty room"))
        self.assertFalse(is_anagram("abc", "abd"))

    def test_group(self):
        self.assertEqual(group_anagrams(["eat", "tea", "tan", "ate", "nat", "bat"]),
                         [["ate", "eat", "tea"], ["bat"], ["nat", "tan"]])

    def test_find(self):
        self.assertEqual(find_in("cbaebabacd", "abc"), [0, 6])
        self.assertEqual(find_in("abab", "ab"), [0, 1, 2])

    def test_find_none(self):
        self.assertEqual(find_in("aa", "abc"), [])
