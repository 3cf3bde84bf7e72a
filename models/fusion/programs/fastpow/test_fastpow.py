import unittest
from fastpow import power_rec, power_iter, mod_pow, fib_pair, fib, int_root


class TestFastPow(unittest.TestCase):
    def test_power_rec(self):
        self.assertEqual(power_rec(2, 10), 1024)
        self.assertEqual(power_rec(2, 13), 8192)
        self.assertEqual(power_rec(3, 0), 1)
        self.assertEqual(power_rec(0, 0), 1)
        self.assertEqual(power_rec(5, 1), 5)
        self.assertEqual(power_rec(-2, 3), -8)
        self.assertEqual(power_rec(7, 20), 7 ** 20)
        with self.assertRaises(ValueError):
            power_rec(2, -1)

    def test_power_iter(self):
        self.assertEqual(power_iter(2, 10), 1024)
        self.assertEqual(power_iter(3, 7), 2187)
        self.assertEqual(power_iter(3, 0), 1)
        self.assertEqual(power_iter(5, 1), 5)
        self.assertEqual(power_iter(-3, 5), -243)
        with self.assertRaises(ValueError):
            power_iter(2, -1)

    def test_powers_agree(self):
        for b in range(-3, 5):
            for e in range(0, 12):
                self.assertEqual(power_rec(b, e), b ** e)
                self.assertEqual(power_iter(b, e), b ** e)

    def test_mod_pow(self):
        self.assertEqual(mod_pow(2, 10, 1000), 24)
        self.assertEqual(mod_pow(5, 0, 7), 1)
        self.assertEqual(mod_pow(5, 3, 1), 0)
        self.assertEqual(mod_pow(5, 0, 1), 0)
        self.assertEqual(mod_pow(4, 13, 497), 445)
        self.assertEqual(mod_pow(-2, 3, 5), 2)
        for b in range(0, 12):
            for e in range(0, 15):
                self.assertEqual(mod_pow(b, e, 11), pow(b, e, 11))
        with self.assertRaises(ValueError):
            mod_pow(2, 3, 0)
        with self.assertRaises(ValueError):
            mod_pow(2, -1, 5)

    def test_fib(self):
        self.assertEqual([fib(n) for n in range(12)],
                         [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89])
        self.assertEqual(fib(100), 354224848179261915075)
        self.assertEqual(fib_pair(0), (0, 1))
        self.assertEqual(fib_pair(10), (55, 89))
        with self.assertRaises(ValueError):
            fib(-1)

    def test_int_root_exact(self):
        self.assertEqual(int_root(27, 3), 3)
        self.assertEqual(int_root(16, 2), 4)
        self.assertEqual(int_root(10 ** 18, 2), 10 ** 9)
        self.assertEqual(int_root(1024, 10), 2)

    def test_int_root_boundaries(self):
        self.assertEqual(int_root(0, 2), 0)
        self.assertEqual(int_root(1, 5), 1)
        self.assertEqual(int_root(2, 2), 1)
        self.assertEqual(int_root(26, 3), 2)
        self.assertEqual(int_root(28, 3), 3)
        self.assertEqual(int_root(15, 2), 3)
        self.assertEqual(int_root(5, 1), 5)
        for x in range(0, 50):
            r = int_root(x, 2)
            self.assertTrue(r * r <= x < (r + 1) * (r + 1))
        with self.assertRaises(ValueError):
            int_root(-1, 2)
        with self.assertRaises(ValueError):
            int_root(8, 0)


if __name__ == "__main__":
    unittest.main()
