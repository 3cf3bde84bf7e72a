"""Convert identifiers between naming conventions."""
import re


def split_words(name):
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", name)
    return [w.lower() for w in re.split(r"[\s_\-]+", name) if w]


def snake(name):
    return "_".join(split_words(name))


def kebab(name):
    return "-".join(split_words(name))


def camel(name):
    words = split_words(name)
    if not words:
        return ""
    return words[0] + "".join(w.capitalize() for w in words[1:])


def pascal(name):
    return "".join(w.capitalize() for w in split_words(name))


def slugify(title):
    title = re.sub(r"[^a-z0-9\s-]", "", title.lower())
    return re.sub(r"[\s-]+", "-", title).strip("-")
