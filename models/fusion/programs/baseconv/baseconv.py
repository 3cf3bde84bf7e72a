"""Integer conversion between bases 2..36."""

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def to_base(n, base):
    if not 2 <= base <= 36:
        raise ValueError("base out of range")
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n > 0:
        n, r = divmod(n, base)
        out.append(DIGITS[r])
    return sign + "".join(reversed(out))


def from_base(text, base):
    text = text.strip().lower()
    sign = 1
    if text.startswith("-"):
        sign = -1
        text = text[1:]
    if not text:
        raise ValueError("no digits")
    value = 0
    for ch in text:
        d = DIGITS.find(ch)
        if d < 0 or d >= base:
            raise ValueError("bad digit %r" % ch)
        value = value * base + d
    return sign * value


def convert(text, src, dst):
    return to_base(from_base(text, src), dst)
