import unittest
from casing import split_words, snake, kebab, camel, pascal, slugify


class CasingTest(unittest.TestCase):
    def test_split(self):
        self.assertEqual(split_words("parseHTTPResponse"), ["parse", "http", "response"])
        self.assertEqual(split_words("already_snake-case"), ["already", "snake", "case"])

    def test_snake(self):
        self.assertEqual(snake("userId"), "user_id")
        self.assertEqual(snake("XMLParser"), "xml_parser")

    def test_kebab(self):
        self.assertEqual(kebab("HelloWorld"), "hello-world")

    def test_camel(self):
        self.assertEqual(camel("max_value_2"), "maxValue2")
        self.assertEqual(camel(""), "")

    def test_pascal(self):
        self.assertEqual(pascal("make-it-so"), "MakeItSo")

    def test_slugify(self):
        self.assertEqual(slugify("  Hello, World! -- 2024 "), "hello-world-2024")
