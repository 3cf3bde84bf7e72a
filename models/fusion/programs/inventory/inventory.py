"""Stock keeping with reservations."""


class OutOfStock(Exception):
    pass


class Inventory:
    def __init__(self):
        self.stock = {}
        self.reserved = {}
        self.prices = {}

    def add(self, sku, qty, price=None):
        if qty <= 0:
            raise ValueError("quantity must be positive")
        self.stock[sku] = self.stock.get(sku, 0) + qty
        if price is not None:
            self.prices[sku] = price

    def available(self, sku):
        return self.stock.get(sku, 0) - self.reserved.get(sku, 0)

    def reserve(self, sku, qty):
        if qty > self.available(sku):
            raise OutOfStock(sku)
        self.reserved[sku] = self.reserved.get(sku, 0) + qty

    def ship(self, sku, qty):
        if qty > self.reserved.get(sku, 0):
            raise ValueError("not reserved")
        self.reserved[sku] -= qty
        self.stock[sku] -= qty

    def value(self):
        return sum(q * self.prices.get(sku, 0) for sku, q in self.stock.items())

    def low_stock(self, threshold):
        return sorted(s for s in self.stock if self.available(s) < threshold)
