import unittest
from rle import encode, decode, to_string, from_string


class RleTest(unittest.TestCase):
    def test_encode(self):
        self.assertEqual(encode("aaabcc"), [("a", 3), ("b", 1), ("c", 2)])

    def test_encode_empty(self):
        self.assertEqual(encode(""), [])

    def test_decode(self):
        self.assertEqual(decode([("x", 2), ("y", 3)]), "xxyyy")

    def test_to_string(self):
        self.assertEqual(to_string(encode("wwwwbbbw")), "4w3bw")

    def test_from_string(self):
        self.assertEqual(from_string("12ab3c"), [("a", 12), ("b", 1), ("c", 3)])

    def test_round_trip(self):
        for s in ["", "a", "abc", "aabbbcccc", "zzzzzzzzzzzzq"]:
            self.assertEqual(decode(from_string(to_string(encode(s)))), s)
