import unittest
from caesar import shift_char, caesar, vigenere


class CaesarTest(unittest.TestCase):
    def test_shift(self):
        self.assertEqual(shift_char("a", 3), "d")
        self.assertEqual(shift_char("z", 1), "a")
        self.assertEqual(shift_char("A", 2), "C")

    def test_non_letters(self):
        self.assertEqual(caesar("a-b 1!", 1), "b-c 1!")

    def test_wraps_negative(self):
        self.assertEqual(caesar("abc", -1), "zab")

    def test_round_trip(self):
        self.assertEqual(caesar(caesar("Hello, World", 7), -7), "Hello, World")

    def test_vigenere(self):
        self.assertEqual(vigenere("attackatdawn", "lemon"), "lxfopvefrnhr")

    def test_vigenere_skips_punctuation(self):
        enc = vigenere("Hi, Bob!", "ab")
        self.assertEqual(enc, "Hj, Bpb!")
        self.assertEqual(vigenere(enc, "ab", decrypt=True), "Hi, Bob!")
