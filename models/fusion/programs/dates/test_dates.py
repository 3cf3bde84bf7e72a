import unittest
from dates import is_leap, days_in_month, day_of_year, weekday, add_days


class DatesTest(unittest.TestCase):
    def test_leap(self):
        self.assertTrue(is_leap(2024))
        self.assertTrue(is_leap(2000))
        self.assertFalse(is_leap(1900))
        self.assertFalse(is_leap(2023))

    def test_days_in_month(self):
        self.assertEqual(days_in_month(2024, 2), 29)
        self.assertEqual(days_in_month(2023, 2), 28)
        self.assertEqual(days_in_month(2023, 12), 31)
        with self.assertRaises(ValueError):
            days_in_month(2023, 13)

    def test_day_of_year(self):
        self.assertEqual(day_of_year(2023, 1, 1), 1)
        self.assertEqual(day_of_year(2024, 3, 1), 61)
        self.assertEqual(day_of_year(2023, 12, 31), 365)
        with self.assertRaises(ValueError):
            day_of_year(2023, 2, 29)

    def test_weekday(self):
        self.assertEqual(weekday(2024, 1, 1), 0)
        self.assertEqual(weekday(2000, 2, 29), 1)
        self.assertEqual(weekday(2023, 12, 31), 6)

    def test_add_days(self):
        self.assertEqual(add_days(2023, 12, 30, 3), (2024, 1, 2))
        self.assertEqual(add_days(2024, 2, 28, 1), (2024, 2, 29))
        self.assertEqual(add_days(2023, 2, 28, 1), (2023, 3, 1))
