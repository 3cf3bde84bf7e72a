import unittest
from exprcalc import tokenize, evaluate


class ExprTest(unittest.TestCase):
    def test_tokenize(self):
        self.assertEqual(tokenize("12 + 3.5*(x"[:10]), ["12", "+", "3.5", "*", "("])

    def test_precedence(self):
        self.assertEqual(evaluate("2 + 3 * 4"), 14)
        self.assertEqual(evaluate("10 - 4 - 3"), 3)
        self.assertEqual(evaluate("8 / 2 / 2"), 2)

    def test_parens(self):
        self.assertEqual(evaluate("(2 + 3) * 4"), 20)
        self.assertEqual(evaluate("((1))"), 1)

    def test_unary(self):
        self.assertEqual(evaluate("-3 + 5"), 2)
        self.assertEqual(evaluate("2 * -(1 + 1)"), -4)

    def test_errors(self):
        with self.assertRaises(SyntaxError):
            evaluate("(1 + 2")
        with self.assertRaises(SyntaxError):
            evaluate("1 + ")
        with self.assertRaises(SyntaxError):
            evaluate("1 2")
        with self.assertRaises(SyntaxError):
            tokenize("1 $ 2")
