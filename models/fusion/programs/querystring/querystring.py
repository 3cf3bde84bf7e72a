"""Parse and build URL query strings with percent-encoding."""

SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~")


def unquote(text):
    out = bytearray()
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "%" and i + 2 < len(text):
            out += bytes([int(text[i + 1:i + 3], 16)])
            i += 3
            continue
        out += b" " if ch == "+" else ch.encode()
        i += 1
    return out.decode("utf-8")


def quote(text):
    out = []
    for b in text.encode("utf-8"):
        ch = chr(b)
        out.append(ch if ch in SAFE else "%%%02X" % b)
    return "".join(out)


def parse(query):
    """'a=1&b=2&a=3' -> {'a': ['1', '3'], 'b': ['2']}"""
    result = {}
    for part in query.lstrip("?").split("&"):
        if not part:
            continue
        key, _, value = part.partition("=")
        result.setdefault(unquote(key), []).append(unquote(value))
    return result


def build(params):
    parts = []
    for key in sorted(params):
        for value in params[key]:
            parts.append(quote(key) + "=" + quote(value))
    return "&".join(parts)
