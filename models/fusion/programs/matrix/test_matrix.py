import unittest
from matrix import identity, transpose, multiply, power, trace


class MatrixTest(unittest.TestCase):
    def test_identity(self):
        self.assertEqual(identity(2), [[1, 0], [0, 1]])

    def test_transpose(self):
        self.assertEqual(transpose([[1, 2, 3], [4, 5, 6]]), [[1, 4], [2, 5], [3, 6]])
        self.assertEqual(transpose([]), [])

    def test_multiply(self):
        self.assertEqual(multiply([[1, 2], [3, 4]], [[5, 6], [7, 8]]), [[19, 22], [43, 50]])
        self.assertEqual(multiply([[1, 2, 3]], [[1], [2], [3]]), [[14]])

    def test_mismatch(self):
        with self.assertRaises(ValueError):
            multiply([[1, 2]], [[1, 2]])

    def test_power(self):
        fib = [[1, 1], [1, 0]]
        self.assertEqual(power(fib, 10)[0][1], 55)
        self.assertEqual(power(fib, 0), identity(2))
        self.assertEqual(power(fib, 1), fib)

    def test_trace(self):
        self.assertEqual(trace([[1, 2], [3, 4]]), 5)
