import unittest
from brackets import is_balanced, first_error, max_depth


class BracketsTest(unittest.TestCase):
    def test_balanced(self):
        self.assertTrue(is_balanced("([]{})"))
        self.assertTrue(is_balanced("a(b)c"))
        self.assertTrue(is_balanced(""))

    def test_unbalanced(self):
        self.assertFalse(is_balanced("(]"))
        self.assertFalse(is_balanced("(("))
        self.assertFalse(is_balanced(")("))

    def test_first_error(self):
        self.assertEqual(first_error("(a]"), 2)
        self.assertEqual(first_error("x)"), 1)
        self.assertEqual(first_error("((a)"), 0)
        self.assertEqual(first_error("{[]}"), -1)

    def test_depth(self):
        self.assertEqual(max_depth("((a)[{b}])"), 3)
        self.assertEqual(max_depth("abc"), 0)
        self.assertEqual(max_depth("()()"), 1)

    def test_ignores_other_text(self):
        self.assertTrue(is_balanced("f(x) = [a + {b}]"))
        self.assertEqual(first_error("ok)"), 2)
        self.assertEqual(max_depth("[x]{(y)}"), 2)
