import math
import unittest
from vector import Vector


class VectorTest(unittest.TestCase):
    def test_arith(self):
        self.assertEqual(Vector(1, 2) + Vector(3, 4), Vector(4, 6))
        self.assertEqual(Vector(1, 2) - Vector(3, 5), Vector(-2, -3))
        self.assertEqual(Vector(1, -2) * 3, Vector(3, -6))

    def test_products(self):
        self.assertEqual(Vector(1, 2).dot(Vector(3, 4)), 11)
        self.assertEqual(Vector(1, 0).cross(Vector(0, 1)), 1)
        self.assertEqual(Vector(0, 1).cross(Vector(1, 0)), -1)

    def test_norm(self):
        self.assertEqual(Vector(3, 4).norm(), 5)
        self.assertEqual(Vector(0, 5).normalized(), Vector(0, 1))
        with self.assertRaises(ZeroDivisionError):
            Vector(0, 0).normalized()

    def test_angle(self):
        self.assertAlmostEqual(Vector(1, 0).angle_to(Vector(0, 2)), math.pi / 2)
        self.assertAlmostEqual(Vector(1, 0).angle_to(Vector(0, -1)), -math.pi / 2)

    def test_repr_eq(self):
        self.assertEqual(repr(Vector(1, 2)), "Vector(1, 2)")
        self.assertNotEqual(Vector(1, 2), (1, 2))
