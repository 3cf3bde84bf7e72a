import unittest
from rational import Rational, parse


class RationalTest(unittest.TestCase):
    def test_normalise(self):
        r = Rational(6, -8)
        self.assertEqual((r.num, r.den), (-3, 4))
        with self.assertRaises(ZeroDivisionError):
            Rational(1, 0)

    def test_add_sub(self):
        self.assertEqual(Rational(1, 2) + Rational(1, 3), Rational(5, 6))
        self.assertEqual(Rational(1, 2) - Rational(3, 4), Rational(-1, 4))

    def test_mul_div(self):
        self.assertEqual(Rational(2, 3) * Rational(9, 4), Rational(3, 2))
        self.assertEqual(Rational(1, 2) / Rational(1, 4), Rational(2))
        with self.assertRaises(ZeroDivisionError):
            Rational(1, 2) / Rational(0)

    def test_compare(self):
        self.assertTrue(Rational(1, 3) < Rational(1, 2))
        self.assertFalse(Rational(-1, 2) < Rational(-2, 3))

    def test_str_parse(self):
        self.assertEqual(str(Rational(4, 2)), "2")
        self.assertEqual(str(parse("10/-4")), "-5/2")
        self.assertEqual(parse("7"), Rational(7))
