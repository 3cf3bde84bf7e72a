"""Greedy word wrapping and text justification."""


def wrap(text, width):
    lines = []
    current = ""
    for word in text.split():
        if len(word) > width:
            raise ValueError("word longer than width: %r" % word)
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def justify(line, width):
    words = line.split()
    if len(words) == 1:
        return words[0].ljust(width)
    gaps = len(words) - 1
    spaces = width - sum(len(w) for w in words)
    out = ""
    for i, w in enumerate(words[:-1]):
        extra = 1 if i < spaces % gaps else 0
        out += w + " " * (spaces // gaps + extra)
    return out + words[-1]


def fill(text, width):
    lines = wrap(text, width)
    body = [justify(l, width) for l in lines[:-1]]
    return "\n".join(body + lines[-1:])
