"""Bank accounts with overdraft limits and a transaction log."""


class InsufficientFunds(Exception):
    pass


class Account:
    def __init__(self, owner, balance=0, overdraft=0):
        self.owner = owner
        self.balance = balance
        self.overdraft = overdraft
        self.log = []

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.log.append(("deposit", amount))

    def withdraw(self, amount):
        if amount <= 0:
            raise ValueError("withdrawal must be positive")
        if self.balance - amount < -self.overdraft:
            raise InsufficientFunds(self.owner)
        self.balance -= amount
        self.log.append(("withdraw", amount))

    def transfer(self, other, amount):
        self.withdraw(amount)
        other.deposit(amount)

    def statement(self):
        total_in = sum(a for kind, a in self.log if kind == "deposit")
        total_out = sum(a for kind, a in self.log if kind == "withdraw")
        return {"in": total_in, "out": total_out, "balance": self.balance}
