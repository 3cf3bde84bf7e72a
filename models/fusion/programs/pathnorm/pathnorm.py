"""POSIX-style path manipulation on strings."""


def normalize(path):
    absolute = path.startswith("/")
    parts = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not absolute:
                parts.append("..")
        else:
            parts.append(part)
    result = "/".join(parts)
    if absolute:
        return "/" + result
    return result or "."


def join(*parts):
    path = ""
    for p in parts:
        if p.startswith("/"):
            path = p
        elif path and not path.endswith("/"):
            path += "/" + p
        else:
            path += p
    return path


def split_ext(path):
    slash = path.rfind("/")
    dot = path.rfind(".")
    if dot <= slash + 1:
        return path, ""
    return path[:dot], path[dot:]


def relative(path, start):
    a = normalize(path).strip("/").split("/")
    b = normalize(start).strip("/").split("/")
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    rel = [".."] * (len(b) - i) + a[i:]
    return "/".join(rel) or "."
