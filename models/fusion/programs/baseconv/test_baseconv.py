import unittest
from baseconv import to_base, from_base, convert


class BaseConvTest(unittest.TestCase):
    def test_to_base(self):
        self.assertEqual(to_base(10, 2), "1010")
        self.assertEqual(to_base(255, 16), "ff")
        self.assertEqual(to_base(0, 7), "0")
        self.assertEqual(to_base(-35, 36), "-z")

    def test_from_base(self):
        self.assertEqual(from_base("1010", 2), 10)
        self.assertEqual(from_base("FF", 16), 255)
        self.assertEqual(from_base(" -11 ", 3), -4)

    def test_bad_digit(self):
        with self.assertRaises(ValueError):
            from_base("12", 2)
        with self.assertRaises(ValueError):
            from_base("", 10)

    def test_bad_base(self):
        with self.assertRaises(ValueError):
            to_base(5, 1)
        with self.assertRaises(ValueError):
            to_base(5, 37)

    def test_convert(self):
        self.assertEqual(convert("777", 8, 2), "111111111")
        for n in (1, 35, 36, 1000, 123456):
            self.assertEqual(from_base(to_base(n, 36), 36), n)
