import unittest
from lcs import lcs_table, lcs, longest_common_substring


class LcsTest(unittest.TestCase):
    def test_length(self):
        self.assertEqual(lcs_table("ABCBDAB", "BDCABA")[-1][-1], 4)

    def test_lcs(self):
        self.assertEqual(lcs("AGGTAB", "GXTXAYB"), "GTAB")

    def test_lcs_empty(self):
        self.assertEqual(lcs("", "abc"), "")
        self.assertEqual(lcs("abc", "xyz"), "")

    def test_lcs_is_subsequence(self):
        a, b = "thisisatest", "testing123testing"
        s = lcs(a, b)
        self.assertEqual(len(s), lcs_table(a, b)[-1][-1])
        it = iter(b)
        self.assertTrue(all(ch in it for ch in s))

    def test_substring(self):
        self.assertEqual(longest_common_substring("xabcdy", "zzabcdq"), "abcd")
        self.assertEqual(longest_common_substring("abc", "xyz"), "")
