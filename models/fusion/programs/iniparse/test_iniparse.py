import unittest
from iniparse import parse, get_int, get_bool

SAMPLE = """
# comment
[server]
Host = example.org
port=8080
; another comment
[flags]
debug = yes
verbose = off
expr = a=b
"""


class IniTest(unittest.TestCase):
    def test_sections(self):
        self.assertEqual(sorted(parse(SAMPLE)), ["flags", "server"])

    def test_values(self):
        d = parse(SAMPLE)
        self.assertEqual(d["server"]["host"], "example.org")
        self.assertEqual(d["flags"]["expr"], "a=b")

    def test_int(self):
        d = parse(SAMPLE)
        self.assertEqual(get_int(d, "server", "port"), 8080)
        self.assertEqual(get_int(d, "server", "missing", 5), 5)

    def test_bool(self):
        d = parse(SAMPLE)
        self.assertTrue(get_bool(d, "flags", "debug"))
        self.assertFalse(get_bool(d, "flags", "verbose"))
        self.assertFalse(get_bool(d, "nope", "debug"))

    def test_errors(self):
        with self.assertRaises(ValueError):
            parse("[a]\njunk")
        with self.assertRaises(ValueError):
            parse("k = v")
