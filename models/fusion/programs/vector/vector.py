"""An immutable 2-D vector."""
import math


class Vector:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)

    def __eq__(self, other):
        return isinstance(other, Vector) and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return "Vector(%r, %r)" % (self.x, self.y)

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def cross(self, other):
        return self.x * other.y - self.y * other.x

    def norm(self):
        return math.hypot(self.x, self.y)

    def normalized(self):
        n = self.norm()
        if n == 0:
            raise ZeroDivisionError("zero vector")
        return Vector(self.x / n, self.y / n)

    def angle_to(self, other):
        return math.atan2(self.cross(other), self.dot(other))
