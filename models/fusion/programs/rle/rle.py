"""Run-length encoding of strings."""


def encode(text):
    """'aaab' -> [('a', 3), ('b', 1)]"""
    runs = []
    for ch in text:
        if runs and runs[-1][0] == ch:
            runs[-1] = (ch, runs[-1][1] + 1)
        else:
            runs.append((ch, 1))
    return runs


def decode(runs):
    return "".join(ch * n for ch, n in runs)


def to_string(runs):
    """Compact form: count before char, count omitted when 1."""
    out = []
    for ch, n in runs:
        if n > 1:
            out.append(str(n))
        out.append(ch)
    return "".join(out)


def from_string(text):
    runs = []
    digits = ""
    for ch in text:
        if ch.isdigit():
            digits += ch
        else:
            runs.append((ch, int(digits) if digits else 1))
            digits = ""
    return runs
