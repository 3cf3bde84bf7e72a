import unittest
from rpn import evaluate, to_infix


class RpnTest(unittest.TestCase):
    def test_add(self):
        self.assertEqual(evaluate("2 3 +"), 5)

    def test_order(self):
        self.assertEqual(evaluate("10 4 -"), 6)
        self.assertEqual(evaluate("8 2 /"), 4)

    def test_nested(self):
        self.assertEqual(evaluate("3 4 + 2 *"), 14)
        self.assertEqual(evaluate("5 1 2 + 4 * + 3 -"), 14)

    def test_dup(self):
        self.assertEqual(evaluate("3 dup *"), 9)

    def test_errors(self):
        with self.assertRaises(ValueError):
            evaluate("1 +")
        with self.assertRaises(ValueError):
            evaluate("1 2")

    def test_infix(self):
        self.assertEqual(to_infix("3 4 + 2 *"), "((3 + 4) * 2)")
        self.assertEqual(to_infix("7 2 -"), "(7 - 2)")
