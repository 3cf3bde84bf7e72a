import unittest
from palindrome import clean, is_palindrome, longest_palindrome, count_palindromic_substrings


class PalindromeTest(unittest.TestCase):
    def test_clean(self):
        self.assertEqual(clean("A man, a plan!"), "amanaplan")

    def test_is_palindrome(self):
        self.assertTrue(is_palindrome("A man, a plan, a canal: Panama"))
        self.assertTrue(is_palindrome(""))
        self.assertFalse(is_palindrome("abca"))

    def test_longest(self):
        self.assertEqual(longest_palindrome("babad"), "bab")
        self.assertEqual(longest_palindrome("cbbd"), "bb")
        self.assertEqual(longest_palindrome("forgeeksskeegfor"), "geeksskeeg")
        self.assertEqual(longest_palindrome(""), "")

    def test_count(self):
        self.assertEqual(count_palindromic_substrings("abc"), 3)
        self.assertEqual(count_palindromic_substrings("aaa"), 6)

    def test_single(self):
        self.assertEqual(longest_palindrome("x"), "x")
