import unittest
from editdistance import distance, closest, similarity


class EditDistanceTest(unittest.TestCase):
    def test_classic(self):
        self.assertEqual(distance("kitten", "sitting"), 3)
        self.assertEqual(distance("flaw", "lawn"), 2)

    def test_empty(self):
        self.assertEqual(distance("", "abc"), 3)
        self.assertEqual(distance("abc", ""), 3)
        self.assertEqual(distance("", ""), 0)

    def test_symmetric(self):
        self.assertEqual(distance("sunday", "saturday"), distance("saturday", "sunday"))

    def test_closest(self):
        self.assertEqual(closest("appel", ["apple", "ape", "maple"]), "apple")
        self.assertIsNone(closest("x", []))

    def test_similarity(self):
        self.assertEqual(similarity("abc", "abc"), 1.0)
        self.assertAlmostEqual(similarity("abcd", "abce"), 0.75)
        self.assertEqual(similarity("", ""), 1.0)
