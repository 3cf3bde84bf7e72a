import unittest
from huffman import build_tree, make_codes, encode, decode, weighted_path_length


CLASSIC = {"a": 5, "b": 9, "c": 12, "d": 13, "e": 16, "f": 45}


class TestHuffman(unittest.TestCase):
    def test_classic_tree(self):
        tree = build_tree(CLASSIC)
        self.assertEqual(tree, ("f", (("c", "d"), (("a", "b"), "e"))))

    def test_classic_codes(self):
        codes = make_codes(build_tree(CLASSIC))
        self.assertEqual(codes, {"f": "0", "c": "100", "d": "101",
                                 "a": "1100", "b": "1101", "e": "111"})

    def test_weighted_path_length(self):
        self.assertEqual(weighted_path_length(build_tree(CLASSIC), CLASSIC), 224)
        two = {"x": 3, "y": 1}
        self.assertEqual(weighted_path_length(build_tree(two), two), 4)
        one = {"z": 7}
        self.assertEqual(weighted_path_length(build_tree(one), one), 7)

    def test_tie_breaking(self):
        self.assertEqual(build_tree({"a": 1, "b": 1}), ("a", "b"))
        self.assertEqual(build_tree({"a": 1, "b": 1, "c": 1, "d": 1}),
                         (("a", "b"), ("c", "d")))
        self.assertEqual(build_tree({"a": 2, "b": 1, "c": 1}),
                         ("a", ("b", "c")))

    def test_encode_abracadabra(self):
        tree, bits = encode("abracadabra")
        self.assertEqual(tree, ("a", (("c", "d"), ("b", "r"))))
        self.assertEqual(bits, "01101110100010101101110")
        self.assertEqual(len(bits), 23)

    def test_roundtrip(self):
        for text in ["abracadabra", "mississippi", "ab", "hello world", "aaab"]:
            tree, bits = encode(text)
            self.assertEqual(decode(tree, bits), text)

    def test_single_symbol(self):
        tree, bits = encode("aaa")
        self.assertEqual(tree, "a")
        self.assertEqual(bits, "000")
        self.assertEqual(make_codes(tree), {"a": "0"})
        self.assertEqual(decode(tree, bits), "aaa")
        self.assertEqual(decode(tree, ""), "")

    def test_decode_edges(self):
        tree = build_tree(CLASSIC)
        self.assertEqual(decode(tree, ""), "")
        self.assertEqual(decode(tree, "0"), "f")
        self.assertEqual(decode(tree, "1100111"), "ae")
        with self.assertRaises(ValueError):
            decode(tree, "110")
        with self.assertRaises(ValueError):
            decode(tree, "02")

    def test_empty_raises(self):
        with self.assertRaises(ValueError):
            build_tree({})
        with self.assertRaises(ValueError):
            encode("")


if __name__ == "__main__":
    unittest.main()
