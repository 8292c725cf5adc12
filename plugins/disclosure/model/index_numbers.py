"""索引号: the configured format as a pattern, a formatter, and the next free number of a year."""

import re
import string

from .. import settings as config


def index_number_pattern(settings, agency):
    """A regex for the configured index-number format, with ``year`` and ``serial`` groups."""
    parts = []
    for literal, name, spec, _ in string.Formatter().parse(config.index_number_format(settings)):
        parts.append(re.escape(literal))
        if name == "year":
            parts.append(r"(?P<year>[0-9]{4})")
        elif name == "serial":
            width = int(re.sub(r"\D", "", spec) or 1)
            parts.append(rf"(?P<serial>[0-9]{{{width},}})")
        elif name:
            parts.append(re.escape(str(agency.get(name, ""))))
    return re.compile("^" + "".join(parts) + "$")


def slug_of(index_number):
    """The index number as a name in addresses and files: doc/slq-tjj-2024-00005/, slq-tjj-2024-00005.md."""
    return str(index_number).lower().replace("/", "-")


def format_index_number(settings, agency, year, serial):
    return config.index_number_format(settings).format(**agency, year=year, serial=serial)


def next_index_number(site, unit, year):
    """The unit's first unused serial after its highest one of ``year``."""
    pattern = index_number_pattern(site.settings, unit.agency)
    serials = [
        int(m["serial"]) for r in unit.records + unit.scheduled
        if isinstance(r.index_number, str) and (m := pattern.match(r.index_number)) and int(m["year"]) == year
    ]
    return format_index_number(site.settings, unit.agency, year, max(serials, default=0) + 1)
