import unittest
from extgcd import ext_gcd, mod_inverse, crt, lcm_list


class TestExtGcd(unittest.TestCase):
    def test_ext_gcd_base(self):
        self.assertEqual(ext_gcd(7, 0), (7, 1, 0))
        self.assertEqual(ext_gcd(0, 5), (5, 0, 1))
        self.assertEqual(ext_gcd(0, 0), (0, 1, 0))

    def test_ext_gcd_values(self):
        self.assertEqual(ext_gcd(240, 46), (2, -9, 47))
        self.assertEqual(ext_gcd(35, 15), (5, 1, -2))
        self.assertEqual(ext_gcd(17, 5), (1, -2, 7))

    def test_ext_gcd_identity(self):
        for a in range(0, 30):
            for b in range(1, 30):
                g, x, y = ext_gcd(a, b)
                self.assertEqual(a * x + b * y, g)
                self.assertEqual(a % g, 0)
                self.assertEqual(b % g, 0)

    def test_mod_inverse(self):
        self.assertEqual(mod_inverse(3, 11), 4)
        self.assertEqual(mod_inverse(10, 17), 12)
        self.assertEqual(mod_inverse(-3, 11), 7)
        self.assertEqual(mod_inverse(1, 2), 1)
        self.assertEqual(mod_inverse(5, 1), 0)
        self.assertEqual(mod_inverse(14, 15), 14)

    def test_mod_inverse_errors(self):
        with self.assertRaises(ValueError):
            mod_inverse(2, 4)
        with self.assertRaises(ValueError):
            mod_inverse(0, 7)
        with self.assertRaises(ValueError):
            mod_inverse(3, 0)

    def test_crt(self):
        self.assertEqual(crt([2, 3, 2], [3, 5, 7]), 23)
        self.assertEqual(crt([1, 2], [2, 3]), 5)
        self.assertEqual(crt([0], [5]), 0)
        self.assertEqual(crt([4], [5]), 4)
        self.assertEqual(crt([], []), 0)
        self.assertEqual(crt([0, 0, 0], [3, 4, 5]), 0)
        self.assertEqual(crt([2, 3, 4], [3, 4, 5]), 59)
        with self.assertRaises(ValueError):
            crt([1, 2], [3])
        with self.assertRaises(ValueError):
            crt([1, 1], [4, 6])

    def test_lcm_list(self):
        self.assertEqual(lcm_list([4, 6]), 12)
        self.assertEqual(lcm_list([]), 1)
        self.assertEqual(lcm_list([7]), 7)
        self.assertEqual(lcm_list(list(range(1, 11))), 2520)
        self.assertEqual(lcm_list([0, 3]), 0)
        self.assertEqual(lcm_list([3, 0]), 0)
        self.assertEqual(lcm_list([-4, 6]), 12)
        self.assertEqual(lcm_list([5, 5]), 5)
        self.assertIsInstance(lcm_list([4, 6]), int)
        self.assertEqual(lcm_list([2 ** 61 - 1, 2 ** 31 - 1]), (2 ** 61 - 1) * (2 ** 31 - 1))


if __name__ == "__main__":
    unittest.main()
