import unittest
from graycode import gray_sequence, to_gray, from_gray, differ_by_one_bit, is_gray_sequence, gray_rank


class TestGrayCode(unittest.TestCase):
    def test_sequence_small(self):
        self.assertEqual(gray_sequence(0), [""])
        self.assertEqual(gray_sequence(1), ["0", "1"])
        self.assertEqual(gray_sequence(2), ["00", "01", "11", "10"])
        self.assertEqual(gray_sequence(3),
                         ["000", "001", "011", "010", "110", "111", "101", "100"])
        with self.assertRaises(ValueError):
            gray_sequence(-1)

    def test_sequence_matches_to_gray(self):
        seq = gray_sequence(5)
        self.assertEqual(len(seq), 32)
        for i, code in enumerate(seq):
            self.assertEqual(int(code, 2), to_gray(i))

    def test_to_gray(self):
        self.assertEqual([to_gray(i) for i in range(8)], [0, 1, 3, 2, 6, 7, 5, 4])
        self.assertEqual(to_gray(15), 8)
        with self.assertRaises(ValueError):
            to_gray(-1)

    def test_from_gray(self):
        self.assertEqual([from_gray(g) for g in [0, 1, 3, 2, 6, 7, 5, 4]], list(range(8)))
        self.assertEqual(from_gray(8), 15)
        for i in range(200):
            self.assertEqual(from_gray(to_gray(i)), i)
        with self.assertRaises(ValueError):
            from_gray(-3)

    def test_differ_by_one_bit(self):
        self.assertTrue(differ_by_one_bit("0101", "0111"))
        self.assertTrue(differ_by_one_bit("0", "1"))
        self.assertTrue(differ_by_one_bit("100", "000"))
        self.assertFalse(differ_by_one_bit("01", "10"))
        self.assertFalse(differ_by_one_bit("0", "0"))
        self.assertFalse(differ_by_one_bit("", ""))
        self.assertFalse(differ_by_one_bit("01", "011"))

    def test_is_gray_sequence(self):
        for n in range(1, 6):
            self.assertTrue(is_gray_sequence(gray_sequence(n)))
        self.assertTrue(is_gray_sequence([]))
        self.assertTrue(is_gray_sequence(["101"]))
        self.assertFalse(is_gray_sequence(["00", "11"]))
        self.assertTrue(is_gray_sequence(["10", "11"]))
        self.assertFalse(is_gray_sequence(["00", "01", "10"]))
        self.assertFalse(is_gray_sequence(["10", "00", "01"]))
        self.assertFalse(is_gray_sequence(["000", "001", "011"]))
        self.assertTrue(is_gray_sequence(["000", "001", "011"], cyclic=False))
        self.assertFalse(is_gray_sequence(["00", "01", "11", "00"], cyclic=False))
        self.assertFalse(is_gray_sequence(["11", "00", "01"], cyclic=False))
        self.assertTrue(is_gray_sequence(["00", "01", "11", "10", "00", "10"], cyclic=False))

    def test_gray_rank(self):
        self.assertEqual(gray_rank(""), 0)
        self.assertEqual(gray_rank("0"), 0)
        self.assertEqual(gray_rank("1"), 1)
        self.assertEqual(gray_rank("110"), 4)
        self.assertEqual(gray_rank("100"), 7)
        self.assertEqual(gray_rank("011"), 2)
        for n in range(1, 6):
            for i, code in enumerate(gray_sequence(n)):
                self.assertEqual(gray_rank(code), i)
                self.assertEqual(gray_rank(code), from_gray(int(code, 2)))


if __name__ == "__main__":
    unittest.main()
