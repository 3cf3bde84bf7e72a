import unittest
from polynomial import trim, evaluate, add, multiply, derivative, to_string


class PolynomialTest(unittest.TestCase):
    def test_evaluate(self):
        self.assertEqual(evaluate([1, 2, 3], 2), 17)
        self.assertEqual(evaluate([5], 10), 5)

    def test_add(self):
        self.assertEqual(add([1, 2], [3, 4, 5]), [4, 6, 5])
        self.assertEqual(add([1, 2, 3], [0, 0, -3]), [1, 2])

    def test_multiply(self):
        self.assertEqual(multiply([1, 1], [1, 1]), [1, 2, 1])
        self.assertEqual(multiply([2], [0, 3]), [0, 6])

    def test_derivative(self):
        self.assertEqual(derivative([7, 0, 3, 2]), [0, 6, 6])
        self.assertEqual(derivative([4]), [0])

    def test_trim(self):
        self.assertEqual(trim([0, 0, 0]), [0])

    def test_string(self):
        self.assertEqual(to_string([1, 0, 3]), "3x^2 + 1")
        self.assertEqual(to_string([0, 2]), "2x")
        self.assertEqual(to_string([0]), "0")
