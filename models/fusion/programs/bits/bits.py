"""Bit manipulation helpers for non-negative integers."""


def popcount(n):
    count = 0
    while n:
        n &= n - 1
        count += 1
    return count


def is_power_of_two(n):
    return n > 0 and n & (n - 1) == 0


def reverse_bits(n, width):
    out = 0
    for _ in range(width):
        out = (out << 1) | (n & 1)
        n >>= 1
    return out


def lowest_set_bit(n):
    if n == 0:
        return -1
    index = 0
    while not n & 1:
        n >>= 1
        index += 1
    return index


def set_bit(n, i, on=True):
    return n | (1 << i) if on else n & ~(1 << i)


def gray_code(n):
    return n ^ (n >> 1)
