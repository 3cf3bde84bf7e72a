import unittest

from wordbreak import can_segment, all_segmentations, min_words

WORDS = ["cat", "cats", "and", "sand", "dog", "a", "an", "ca", "ts"]


class WordBreakTest(unittest.TestCase):
    def test_can_segment_true(self):
        self.assertTrue(can_segment("catsanddog", WORDS))
        self.assertTrue(can_segment("catsandog", ["cats", "and", "og"]))
        self.assertTrue(can_segment("a", ["a"]))
        self.assertTrue(can_segment("aaaa", ["a"]))
        self.assertTrue(can_segment("abab", ["ab"]))

    def test_can_segment_false(self):
        self.assertFalse(can_segment("catsandog", ["cats", "dog", "sand",
                                                   "and", "cat"]))
        self.assertFalse(can_segment("b", ["a"]))
        self.assertFalse(can_segment("aab", ["a", "aa"]))
        self.assertFalse(can_segment("abc", ["ab", "bc"]))
        self.assertFalse(can_segment("ab", ["abc"]))

    def test_can_segment_empty(self):
        self.assertTrue(can_segment("", []))
        self.assertTrue(can_segment("", ["a"]))
        self.assertFalse(can_segment("a", []))
        self.assertFalse(can_segment("a", [""]))

    def test_can_segment_needs_backtracking(self):
        self.assertTrue(can_segment("aaab", ["a", "aa", "aab"]))
        self.assertTrue(can_segment("abcd", ["a", "abc", "b", "cd"]))
        self.assertTrue(can_segment("pineapple", ["pine", "apple", "pin"]))

    def test_all_segmentations(self):
        self.assertEqual(all_segmentations("catsanddog", WORDS), [
            "ca ts and dog",
            "cat sand dog",
            "cats and dog",
        ])
        self.assertEqual(all_segmentations("aaa", ["a", "aa"]),
                         ["a a a", "a aa", "aa a"])
        self.assertEqual(all_segmentations("ab", ["a", "b", "ab"]),
                         ["a b", "ab"])

    def test_all_segmentations_edges(self):
        self.assertEqual(all_segmentations("", WORDS), [])
        self.assertEqual(all_segmentations("a", ["a"]), ["a"])
        self.assertEqual(all_segmentations("dogx", WORDS), [])
        self.assertEqual(all_segmentations("xa", ["a", "x"]), ["x a"])
        self.assertEqual(all_segmentations("catsandog", WORDS),
                         ["ca ts an dog", "cats an dog"])

    def test_min_words(self):
        self.assertEqual(min_words("catsanddog", WORDS), 3)
        self.assertEqual(min_words("aaaa", ["a", "aa"]), 2)
        self.assertEqual(min_words("aaaaa", ["a", "aa"]), 3)
        self.assertEqual(min_words("aaaaa", ["a", "aa", "aaa"]), 2)
        self.assertEqual(min_words("abcd", ["a", "b", "c", "d", "abc"]), 2)
        self.assertEqual(min_words("abcd", ["a", "b", "c", "d", "bcd"]), 2)
        self.assertEqual(min_words("abcd", ["ab", "abcd", "cd"]), 1)

    def test_min_words_edges(self):
        self.assertEqual(min_words("", WORDS), 0)
        self.assertEqual(min_words("", []), 0)
        self.assertEqual(min_words("a", ["a"]), 1)
        self.assertEqual(min_words("a", []), -1)
        self.assertEqual(min_words("b", ["a"]), -1)
        self.assertEqual(min_words("catsando", WORDS), -1)
        self.assertEqual(min_words("catsandog", WORDS), 3)
        self.assertEqual(min_words("aab", ["a", "aab"]), 1)

    def test_min_words_skips_dead_ends(self):
        # greedy longest-first would choose "ab" and then get stuck on "c"
        self.assertEqual(min_words("abcd", ["a", "ab", "bcd"]), 2)
        self.assertEqual(min_words("abc", ["ab", "a", "bc"]), 2)
        self.assertEqual(min_words("xyzxyz", ["xyz", "x", "y", "z"]), 2)
        # the shorter first word leads to the better answer here
        self.assertEqual(min_words("abcd", ["a", "bcd", "ab", "c", "d"]), 2)


if __name__ == "__main__":
    unittest.main()
