"""Front matter written the way the web editor writes it, byte for byte.

Decap CMS saves an item by building the YAML anew with the JavaScript ``yaml`` library (1.x, YAML
1.2, 80 columns): block lists indented under their key, keys in the order of the form's fields,
strings plain unless they must be quoted, long lines folded at spaces, no comments. ``invoke new``,
``invoke import`` and any rewrite of existing files write the same bytes, so the first edit of a
file in the editor changes only the lines the clerk changed. ``dump`` is a port of that library's
``stringify`` for the values front matter holds (text, numbers, booleans, dates, lists, mappings);
``tests/test_cms.py`` compares it with the library's own output.
"""

import datetime
import json
import re
from decimal import Decimal

from ..model import yaml12

LINE_WIDTH, MIN_CONTENT_WIDTH = 80, 20  # the library's fold options
INDENT = "  "
LOW_HALF = "\udc00"  # stands for the second UTF-16 unit of a character outside the BMP: JavaScript counts two
FLOW, QUOTED, BLOCK = "flow", "quoted", "block"
MIN_MULTILINE_LENGTH = 40  # a quoted text shorter than this keeps its line breaks as \\n
PLAIN_REFUSED = re.compile(r"^[\n\t ,\[\]{}#&*!|>'\"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
JSON_ESCAPES = {"0000": "\\0", "0007": "\\a", "000b": "\\v", "001b": "\\e", "0085": "\\N", "00a0": "\\_",
                "2028": "\\L", "2029": "\\P"}


def field_order(schemas, kind):
    """The keys of a type in the contract's order: the order of the editor's form and of every file written."""
    return list(schemas.properties(f"{kind}.schema.json"))


def dump(meta, order=()):
    """A mapping as YAML text: keys named in ``order`` first, in that order, then any others as they come."""
    rank = {key: number for number, key in enumerate(order)}
    keys = sorted(meta, key=lambda key: rank.get(key, len(rank)))
    return _mapping({key: meta[key] for key in keys}, "") + "\n"


def item_text(meta, body, order=()):
    """A whole item: the front matter between ``---`` lines, a blank line, then the Markdown body."""
    return f"---\n{dump(meta, order)}---\n\n{body}" + ("" if body.endswith("\n") else "\n")


def _node(value, indent, indent_at_start=None):
    """One value: ``indent`` is where continuation lines start."""
    if isinstance(value, dict):
        return _mapping(value, indent) if value else "{}"
    if isinstance(value, (list, tuple)):
        return _sequence(value, indent) if value else "[]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, datetime.date):
        value = value.isoformat()
    return _string(str(value), indent, indent_at_start)


def _mapping(mapping, indent):
    if all(value is None for value in mapping.values()):  # the library writes a set: keys alone
        return f"\n{indent}".join("? " + _string(str(key), indent + INDENT, implicit_key=True) for key in mapping)
    lines = []
    for key, value in mapping.items():
        head = _string(str(key), indent + INDENT, implicit_key=True) + ":"
        if isinstance(value, (dict, list, tuple)) and value:
            lines.append(f"{head}\n{indent}{INDENT}{_node(value, indent + INDENT)}")
        else:
            text = _node(value, indent + INDENT, len(_units(head)) + 1)
            lines.append(head + ("" if text.startswith("\n") else " ") + text)
    return f"\n{indent}".join(lines)


def _sequence(items, indent):
    return f"\n{indent}".join("- " + _node(item, indent + INDENT) for item in items)


def _number(value):
    """As JavaScript's JSON.stringify writes a number."""
    if value != value or value in (float("inf"), float("-inf")):
        return ".nan" if value != value else ("-.inf" if value < 0 else ".inf")
    text = repr(value)
    mantissa, _, exponent = text.partition("e")
    if not exponent:
        return text[:-2] if text.endswith(".0") else text
    if -7 < int(exponent) < 21:
        return format(Decimal(text), "f")
    return f"{mantissa.removesuffix('.0')}e{'+' if int(exponent) > 0 else '-'}{abs(int(exponent))}"


def _string(value, indent, indent_at_start=None, implicit_key=False):
    if CONTROL.search(value):
        return _double_quoted(value, indent, indent_at_start, implicit_key)
    if implicit_key and re.search(r"[\n\[\]{},]", value):
        return _double_quoted(value, indent, indent_at_start, implicit_key)
    if not value or PLAIN_REFUSED.search(value):
        if implicit_key or "\n" not in value:
            if '"' in value and "'" not in value:
                return _single_quoted(value, indent, indent_at_start, implicit_key)
            return _double_quoted(value, indent, indent_at_start, implicit_key)
        return _block(value, indent)
    if not implicit_key and "\n" in value:
        return _block(value, indent)
    if any(pattern.match(value) for _, pattern, _ in yaml12.CORE_RESOLVERS):  # would read back as a number, true …
        return _double_quoted(value, indent, indent_at_start, implicit_key)
    return value if implicit_key else _fold(value, indent, FLOW, indent_at_start)


def _double_quoted(value, indent, indent_at_start, implicit_key):
    encoded, text, i = json.dumps(value, ensure_ascii=False), "", 0
    while i < len(encoded):  # JSON's escapes, in YAML's shorter forms; line breaks fold as the library folds them
        character = encoded[i]
        if character == " " and encoded[i + 1:i + 3] == "\\n":
            text, i, character = text + "\\ ", i + 1, "\\"
        if character == "\\" and encoded[i + 1] == "u":
            code = encoded[i + 2:i + 6]
            text += JSON_ESCAPES.get(code, f"\\x{code[2:]}" if code.startswith("00") else encoded[i:i + 6])
            i += 6
            continue
        if character == "\\" and encoded[i + 1] == "n" and not implicit_key and encoded[i + 2] != '"' \
                and len(encoded) >= MIN_MULTILINE_LENGTH:
            text += "\n\n"
            while encoded[i + 2:i + 4] == "\\n" and encoded[i + 4] != '"':
                text, i = text + "\n", i + 2
            text += indent + ("\\" if encoded[i + 2] == " " else "")
            i += 2
            continue
        if character == "\\":
            text, i = text + encoded[i:i + 2], i + 2
            continue
        text, i = text + character, i + 1
    return text if implicit_key else _fold(text, indent, QUOTED, indent_at_start)


def _single_quoted(value, indent, indent_at_start, implicit_key):
    if "\n" in value if implicit_key else re.search(r"[ \t]\n|\n[ \t]", value):
        return _double_quoted(value, indent, indent_at_start, implicit_key)
    text = "'" + re.sub(r"\n+", lambda m: m[0] + "\n" + indent, value.replace("'", "''")) + "'"
    return text if implicit_key else _fold(text, indent, FLOW, indent_at_start)


def _block(value, indent):
    """A text with line breaks: literal (``|``) when no line is too long, else folded (``>``)."""
    if re.search(r"\n[\t ]+$", value) or not value.strip():
        return _double_quoted(value, indent, None, False)
    literal = not _over_limit(value, len(indent))
    header = "|" if literal else ">"
    trailing = re.search(r"[\n\t ]*$", value)[0]
    if "\n" not in trailing:
        header += "-"
    elif value == trailing or trailing.index("\n") != len(trailing) - 1:
        header += "+"
    value = value[:len(value) - len(trailing)]
    end = trailing.removesuffix("\n") if trailing.endswith("\n") else trailing
    leading = re.match(r"[\n ]*", value)[0]
    if " " in leading:
        header += "2"
    spaces = re.search(r" +$", leading)
    start = leading[:-len(spaces[0])] if spaces else leading
    value = value[len(leading) - (len(spaces[0]) if spaces else 0):]
    end = re.sub(r"\n+(?!\n|$)", lambda m: m[0] + indent, end)
    start = re.sub(r"\n+", lambda m: m[0] + indent, start)
    if not value:
        return f"{header}2\n{indent}{end}"
    if literal:
        return f"{header}\n{indent}{start}" + re.sub(r"\n+", lambda m: m[0] + indent, value) + end
    value = re.sub(r"\n+", lambda m: "\n" + m[0], value)
    value = re.sub(r"(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?", lambda m: m[1] + (m[2] or ""), value)
    value = re.sub(r"\n+", lambda m: m[0] + indent, value)
    return f"{header}\n{indent}" + _fold(f"{start}{value}{end}", indent, BLOCK)


def _over_limit(text, indent_length):
    limit = LINE_WIDTH - indent_length
    return any(len(_units(line)) > limit for line in text.split("\n"))


def _units(text):
    """The text as JavaScript sees it: one entry per UTF-16 unit."""
    units = []
    for character in text:
        units += [character, LOW_HALF] if ord(character) > 0xFFFF else [character]
    return units


def _more_indented(units, i):
    """The library's ``consumeMoreIndentedLines``: skip lines that start with a space or tab."""
    following = units[i + 1] if i + 1 < len(units) else None
    while following in (" ", "\t"):
        i += 1
        while i < len(units) and units[i] != "\n":
            i += 1
        following = units[i + 1] if i + 1 < len(units) else None
    return i


def _fold(text, indent, mode, indent_at_start=None):
    """Break long lines at spaces (the library's ``foldFlowLines``)."""
    units = _units(text)
    end_step = max(1 + MIN_CONTENT_WIDTH, 1 + LINE_WIDTH - len(indent))
    if len(units) <= end_step:
        return text
    folds, escaped = [], set()
    end = LINE_WIDTH - len(indent)
    if indent_at_start:
        if indent_at_start > LINE_WIDTH - max(2, MIN_CONTENT_WIDTH):
            folds.append(0)
        else:
            end = LINE_WIDTH - indent_at_start
    split = previous = None
    escape_start = escape_end = -1
    i = -1
    if mode == BLOCK:
        i = _more_indented(units, i)
        if i != -1:
            end = i + end_step
    while True:
        i += 1
        if i >= len(units):
            break
        character = units[i]
        if mode == QUOTED and character == "\\":
            escape_start = i
            i += {"x": 3, "u": 5, "U": 9}.get(units[i + 1] if i + 1 < len(units) else "", 1)
            escape_end = i
        if character == "\n":
            if mode == BLOCK:
                i = _more_indented(units, i)
            end, split = i + end_step, None
        else:
            following = units[i + 1] if i + 1 < len(units) else None
            if character == " " and previous not in (None, " ", "\n", "\t") and following not in (None, " ", "\n", "\t"):
                split = i
            if i >= end:
                if split:
                    folds.append(split)
                    end, split = split + end_step, None
                elif mode == QUOTED:
                    while previous in (" ", "\t"):
                        previous, i = character, i + 1
                        character = units[i] if i < len(units) else None
                    j = i - 2 if i > escape_end + 1 else escape_start - 1
                    if j in escaped:
                        return text
                    folds.append(j)
                    escaped.add(j)
                    end, split = j + end_step, None
        previous = character
        if character is None:
            break
    if not folds:
        return text
    pieces = [] if folds[0] == 0 else [units[:folds[0]]]
    for number, fold in enumerate(folds):
        stop = folds[number + 1] if number + 1 < len(folds) else len(units)
        if fold == 0:
            pieces = [["\n", indent, *units[:stop]]]
        else:
            extra = [units[fold], "\\"] if mode == QUOTED and fold in escaped else []
            pieces.append([*extra, "\n", indent, *units[fold + 1:stop]])
    return "".join(unit for piece in pieces for unit in piece if unit != LOW_HALF)
