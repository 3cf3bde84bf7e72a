import math
import unittest
from bisection import bisect_root, golden_min, trapezoid, fixed_point


class TestBisection(unittest.TestCase):
    def test_bisect_sqrt2(self):
        self.assertAlmostEqual(bisect_root(lambda x: x * x - 2, 0, 2), math.sqrt(2), places=9)
        self.assertAlmostEqual(bisect_root(lambda x: x * x - 2, 2, 0), math.sqrt(2), places=9)
        self.assertAlmostEqual(bisect_root(lambda x: 2 - x * x, 0, 2), math.sqrt(2), places=9)

    def test_bisect_cubic_and_cos(self):
        self.assertAlmostEqual(bisect_root(lambda x: x ** 3 - x - 2, 1, 2),
                               1.5213797068045676, places=9)
        self.assertAlmostEqual(bisect_root(math.cos, 0, 3), math.pi / 2, places=9)

    def test_bisect_endpoints_and_exact_mid(self):
        self.assertEqual(bisect_root(lambda x: x - 1, 1, 5), 1)
        self.assertEqual(bisect_root(lambda x: x - 5, 1, 5), 5)
        self.assertEqual(bisect_root(lambda x: x - 3, 1, 5), 3.0)

    def test_bisect_iteration_limit(self):
        f = lambda x: x - 0.3
        self.assertEqual(bisect_root(f, 0, 1, tol=1e-15, max_iter=0), 0.5)
        self.assertEqual(bisect_root(f, 0, 1, tol=1e-15, max_iter=1), 0.25)
        self.assertEqual(bisect_root(f, 0, 1, tol=1e-15, max_iter=2), 0.375)
        self.assertEqual(bisect_root(f, 0, 1, tol=0.3, max_iter=50), 0.25)
        self.assertEqual(bisect_root(f, 0, 1, tol=0.4, max_iter=50), 0.25)
        self.assertEqual(bisect_root(f, 0, 1, tol=0.25, max_iter=50), 0.375)
        self.assertAlmostEqual(bisect_root(f, -1, 1), 0.3, places=9)

    def test_bisect_no_sign_change(self):
        with self.assertRaises(ValueError):
            bisect_root(lambda x: x * x + 1, -1, 1)
        with self.assertRaises(ValueError):
            bisect_root(lambda x: x - 10, 0, 1)
        with self.assertRaises(ValueError):
            bisect_root(lambda x: x + 0.5, 0, 1)

    def test_golden(self):
        self.assertAlmostEqual(golden_min(lambda x: (x - 2) ** 2, 0, 5), 2, places=6)
        self.assertAlmostEqual(golden_min(lambda x: (x - 2) ** 2, 5, 0), 2, places=6)
        self.assertAlmostEqual(golden_min(math.cos, 2, 4), math.pi, places=6)
        self.assertAlmostEqual(golden_min(lambda x: x, 1, 3), 1, places=6)
        self.assertAlmostEqual(golden_min(lambda x: -x, 1, 3), 3, places=6)
        self.assertAlmostEqual(golden_min(lambda x: 0, 0, 1), 1, places=6)
        self.assertAlmostEqual(golden_min(lambda x: (x + 1) ** 2 + 3, -4, 10), -1, places=6)

    def test_trapezoid(self):
        self.assertAlmostEqual(trapezoid(lambda x: 2 * x + 1, 0, 3, 1), 12.0)
        self.assertAlmostEqual(trapezoid(lambda x: x * x, 0, 1, 1), 0.5)
        self.assertAlmostEqual(trapezoid(lambda x: x * x, 0, 1, 2), 0.375)
        self.assertAlmostEqual(trapezoid(lambda x: x * x, 0, 1, 4), 0.34375)
        self.assertAlmostEqual(trapezoid(lambda x: x * x, 1, 3, 2), 9.0)
        self.assertAlmostEqual(trapezoid(math.sin, 0, math.pi, 1000), 2.0, places=5)
        self.assertAlmostEqual(trapezoid(lambda x: x, 2, 2, 3), 0.0)
        with self.assertRaises(ValueError):
            trapezoid(math.sin, 0, 1, 0)

    def test_fixed_point(self):
        self.assertAlmostEqual(fixed_point(math.cos, 1.0), 0.7390851332151607, places=10)
        self.assertAlmostEqual(fixed_point(lambda x: x / 2 + 1, 0.0), 2.0, places=10)
        self.assertEqual(fixed_point(lambda x: x, 4.0), 4.0)
        self.assertEqual(fixed_point(lambda x: x / 2 + 1, 0.0, tol=0.3), 1.75)
        self.assertEqual(fixed_point(lambda x: x / 2 + 1, 0.0, tol=0.25), 1.875)

    def test_fixed_point_failure(self):
        with self.assertRaises(ValueError):
            fixed_point(lambda x: 2 * x + 1, 1.0, max_iter=50)
        with self.assertRaises(ValueError):
            fixed_point(lambda x: x / 2 + 1, 0.0, tol=0.2, max_iter=3)
        self.assertEqual(fixed_point(lambda x: x / 2 + 1, 0.0, tol=0.2, max_iter=4), 1.875)


if __name__ == "__main__":
    unittest.main()
