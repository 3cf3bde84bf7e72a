import unittest
from gcd import gcd, lcm, extended_gcd, mod_inverse, gcd_list


class GcdTest(unittest.TestCase):
    def test_gcd(self):
        self.assertEqual(gcd(12, 18), 6)
        self.assertEqual(gcd(17, 5), 1)
        self.assertEqual(gcd(0, 9), 9)
        self.assertEqual(gcd(-8, 12), 4)

    def test_lcm(self):
        self.assertEqual(lcm(4, 6), 12)
        self.assertEqual(lcm(0, 5), 0)
        self.assertEqual(lcm(7, 3), 21)

    def test_extended(self):
        for a, b in [(240, 46), (17, 5), (3, 7)]:
            g, x, y = extended_gcd(a, b)
            self.assertEqual(g, gcd(a, b))
            self.assertEqual(a * x + b * y, g)

    def test_inverse(self):
        self.assertEqual(mod_inverse(3, 11), 4)
        self.assertEqual((7 * mod_inverse(7, 26)) % 26, 1)

    def test_not_invertible(self):
        with self.assertRaises(ValueError):
            mod_inverse(4, 8)

    def test_gcd_list(self):
        self.assertEqual(gcd_list([24, 36, 60]), 12)
        self.assertEqual(gcd_list([]), 0)
