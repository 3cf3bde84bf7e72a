"""Reflected binary Gray codes: generation, conversion, checks and ranking."""


def gray_sequence(n):
    """All n-bit Gray code strings in reflected order."""
    if n < 0:
        raise ValueError("n must be non-negative")
    if n == 0:
        return [""]
    prev = gray_sequence(n - 1)
    return ["0" + c for c in prev] + ["1" + c for c in reversed(prev)]


def to_gray(b):
    """Gray code of the non-negative integer b."""
    if b < 0:
        raise ValueError("negative input")
    return b ^ (b >> 1)


def from_gray(g):
    """Binary integer whose Gray code is g."""
    if g < 0:
        raise ValueError("negative input")
    b = 0
    while g:
        b ^= g
        g >>= 1
    return b


def differ_by_one_bit(a, b):
    """True when equal-length bit strings a and b differ in exactly one place."""
    if len(a) != len(b):
        return False
    return sum(1 for x, y in zip(a, b) if x != y) == 1


def is_gray_sequence(codes, cyclic=True):
    """Check neighbouring codes (and last/first when cyclic) differ by one bit."""
    if len(codes) < 2:
        return True
    for i in range(len(codes) - 1):
        if not differ_by_one_bit(codes[i], codes[i + 1]):
            return False
    if cyclic and not differ_by_one_bit(codes[-1], codes[0]):
        return False
    return True


def gray_rank(code):
    """Position of the bit string code in gray_sequence(len(code))."""
    if code == "":
        return 0
    rest = gray_rank(code[1:])
    if code[0] == "0":
        return rest
    return (1 << len(code)) - 1 - rest
