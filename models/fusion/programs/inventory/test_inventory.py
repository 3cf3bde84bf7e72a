import unittest
from inventory import Inventory, OutOfStock


class InventoryTest(unittest.TestCase):
    def setUp(self):
        self.inv = Inventory()
        self.inv.add("pen", 10, price=2)
        self.inv.add("cup", 3, price=5)

    def test_add(self):
        self.inv.add("pen", 5)
        self.assertEqual(self.inv.available("pen"), 15)
        self.assertEqual(self.inv.prices["pen"], 2)
        with self.assertRaises(ValueError):
            self.inv.add("pen", 0)

    def test_reserve(self):
        self.inv.reserve("cup", 2)
        self.assertEqual(self.inv.available("cup"), 1)
        with self.assertRaises(OutOfStock):
            self.inv.reserve("cup", 2)
        self.inv.reserve("cup", 1)

    def test_ship(self):
        self.inv.reserve("pen", 4)
        self.inv.ship("pen", 4)
        self.assertEqual(self.inv.stock["pen"], 6)
        with self.assertRaises(ValueError):
            self.inv.ship("pen", 1)

    def test_value(self):
        self.assertEqual(self.inv.value(), 35)

    def test_low_stock(self):
        self.inv.reserve("pen", 8)
        self.assertEqual(self.inv.low_stock(2), [])
        self.assertEqual(self.inv.low_stock(4), ["cup", "pen"])
        self.assertEqual(self.inv.available("nothing"), 0)
