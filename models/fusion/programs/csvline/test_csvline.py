import unittest
from csvline import parse_line, format_line, parse


class CsvTest(unittest.TestCase):
    def test_plain(self):
        self.assertEqual(parse_line("a,b,c"), ["a", "b", "c"])

    def test_empty_fields(self):
        self.assertEqual(parse_line(",x,"), ["", "x", ""])

    def test_quoted(self):
        self.assertEqual(parse_line('"a,b",c'), ["a,b", "c"])
        self.assertEqual(parse_line('"say ""hi""",x'), ['say "hi"', "x"])

    def test_separator(self):
        self.assertEqual(parse_line("1;2", sep=";"), ["1", "2"])

    def test_unterminated(self):
        with self.assertRaises(ValueError):
            parse_line('"abc')

    def test_format_round_trip(self):
        fields = ["plain", "with,comma", 'with "quote"', ""]
        self.assertEqual(parse_line(format_line(fields)), fields)

    def test_parse(self):
        self.assertEqual(parse("a,b\n\n1,2\n"), [["a", "b"], ["1", "2"]])
