import unittest
from bank import Account, InsufficientFunds


class BankTest(unittest.TestCase):
    def test_deposit(self):
        a = Account("ann")
        a.deposit(50)
        self.assertEqual(a.balance, 50)
        with self.assertRaises(ValueError):
            a.deposit(0)

    def test_withdraw(self):
        a = Account("bob", 100)
        a.withdraw(30)
        self.assertEqual(a.balance, 70)
        with self.assertRaises(ValueError):
            a.withdraw(-5)

    def test_overdraft(self):
        a = Account("cy", 10, overdraft=20)
        a.withdraw(30)
        self.assertEqual(a.balance, -20)
        with self.assertRaises(InsufficientFunds):
            a.withdraw(1)

    def test_transfer(self):
        a, b = Account("a", 40), Account("b")
        a.transfer(b, 15)
        self.assertEqual((a.balance, b.balance), (25, 15))
        with self.assertRaises(InsufficientFunds):
            b.transfer(a, 16)
        self.assertEqual((a.balance, b.balance), (25, 15))

    def test_statement(self):
        a = Account("d", 5)
        a.deposit(10)
        a.withdraw(3)
        a.deposit(2)
        self.assertEqual(a.statement(), {"in": 12, "out": 3, "balance": 14})
