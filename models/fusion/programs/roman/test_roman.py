import unittest
from roman import to_roman, from_roman


class RomanTest(unittest.TestCase):
    def test_simple(self):
        self.assertEqual(to_roman(3), "III")
        self.assertEqual(to_roman(8), "VIII")

    def test_subtractive(self):
        self.assertEqual(to_roman(4), "IV")
        self.assertEqual(to_roman(944), "CMXLIV")

    def test_large(self):
        self.assertEqual(to_roman(3999), "MMMCMXCIX")
        self.assertEqual(to_roman(2024), "MMXXIV")

    def test_range(self):
        with self.assertRaises(ValueError):
            to_roman(0)
        with self.assertRaises(ValueError):
            to_roman(4000)

    def test_parse(self):
        self.assertEqual(from_roman("XIV"), 14)
        self.assertEqual(from_roman("MCMXC"), 1990)
        self.assertEqual(from_roman("I"), 1)

    def test_round_trip(self):
        for n in (1, 9, 40, 49, 90, 400, 1666, 3888):
            self.assertEqual(from_roman(to_roman(n)), n)
