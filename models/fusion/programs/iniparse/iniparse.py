"""Parse a simple INI format into nested dicts."""


def parse(text):
    data = {}
    section = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            data.setdefault(section, {})
            continue
        if "=" not in line:
            raise ValueError("line %d: expected key = value" % number)
        if section is None:
            raise ValueError("line %d: key outside a section" % number)
        key, value = line.split("=", 1)
        data[section][key.strip().lower()] = value.strip()
    return data


def get_int(data, section, key, default=0):
    try:
        return int(data[section][key])
    except KeyError:
        return default


def get_bool(data, section, key):
    value = data.get(section, {}).get(key, "").lower()
    return value in ("1", "yes", "true", "on")
