import unittest
from bits import popcount, is_power_of_two, reverse_bits, lowest_set_bit, set_bit, gray_code


class BitsTest(unittest.TestCase):
    def test_popcount(self):
        self.assertEqual(popcount(0), 0)
        self.assertEqual(popcount(0b1011), 3)
        self.assertEqual(popcount(255), 8)

    def test_power_of_two(self):
        self.assertTrue(is_power_of_two(1))
        self.assertTrue(is_power_of_two(64))
        self.assertFalse(is_power_of_two(0))
        self.assertFalse(is_power_of_two(12))

    def test_reverse(self):
        self.assertEqual(reverse_bits(0b0001, 4), 0b1000)
        self.assertEqual(reverse_bits(0b1101, 8), 0b10110000)

    def test_lowest(self):
        self.assertEqual(lowest_set_bit(0b10100), 2)
        self.assertEqual(lowest_set_bit(1), 0)
        self.assertEqual(lowest_set_bit(0), -1)

    def test_set_bit(self):
        self.assertEqual(set_bit(0, 3), 8)
        self.assertEqual(set_bit(15, 0, on=False), 14)

    def test_gray(self):
        self.assertEqual([gray_code(i) for i in range(5)], [0, 1, 3, 2, 6])
