import unittest
from querystring import unquote, quote, parse, build


class QueryTest(unittest.TestCase):
    def test_unquote(self):
        self.assertEqual(unquote("a%20b+c"), "a b c")
        self.assertEqual(unquote("%C3%A9t%C3%A9"), "été")

    def test_quote(self):
        self.assertEqual(quote("a b&c"), "a%20b%26c")
        self.assertEqual(quote("safe-_.~"), "safe-_.~")

    def test_parse(self):
        self.assertEqual(parse("?a=1&b=2&a=3"), {"a": ["1", "3"], "b": ["2"]})

    def test_parse_empty_parts(self):
        self.assertEqual(parse("x=&&y"), {"x": [""], "y": [""]})
        self.assertEqual(parse(""), {})

    def test_build(self):
        self.assertEqual(build({"b": ["2"], "a": ["1", "x y"]}), "a=1&a=x%20y&b=2")

    def test_round_trip(self):
        params = {"name": ["Zoë Q"], "tags": ["a&b", "c=d"]}
        self.assertEqual(parse(build(params)), params)
