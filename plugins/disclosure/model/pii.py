"""Personal information that must never be published by accident.

Finds 18-digit 身份证号 with a valid check digit, 11-digit mobile numbers and
bank card numbers that pass the Luhn check. A file may allow a specific value
through its ``pii_allow`` list, each entry with a reason.

Numbers are read as a reader sees them: full-width digits count as digits, and inline
markup, character references, escapes and invisible characters inside a number
(``138<b>1234</b>5678``, ``138&#49;…``, ``138\\-1234``) do not hide it.
"""

import html
import re

ID_CARD = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9][0-9](?:[- ]?[0-9]{4}){2})(?![0-9])")
BANK_CARD = re.compile(r"(?<![0-9])[1-9][0-9]{3}(?:[ -]?[0-9]{4}){2,3}(?:[ -]?[0-9]{1,3})?(?![0-9])")

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CODES = "10X98765432"
KIND_LABELS = {"id_card": "身份证号", "mobile": "手机号码", "bank_card": "银行卡号"}
FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ＋－　", "0123456789Xx+- ")
# What a reader does not see: comments, tags, character references, Markdown emphasis and escapes,
# zero-width characters and soft hyphens.
HIDDEN = re.compile(r"<!--.*?-->|<\s*(/?)\s*([A-Za-z][A-Za-z0-9]*)[^>]*>|&#?[A-Za-z0-9]+;|[*_`~\\\u200b-\u200d\u2060\ufeff\u00ad]", re.S)
INLINE_TAGS = {"a", "abbr", "b", "code", "del", "em", "font", "i", "ins", "mark", "s", "small", "span", "strong", "sub", "sup", "u"}


def visible(text):
    """(the text as read, the offset in ``text`` of each character of it)."""
    out, offsets, position = [], [], 0
    for match in HIDDEN.finditer(text):
        out.append(text[position:match.start()])
        offsets.extend(range(position, match.start()))
        token = match.group()
        if token.startswith("&"):
            shown = html.unescape(token)
        elif match.group(2):
            shown = "" if match.group(2).lower() in INLINE_TAGS else " "  # a block tag parts its neighbours
        else:
            shown = ""
        out.append(shown)
        offsets.extend([match.start()] * len(shown))
        position = match.end()
    out.append(text[position:])
    offsets.extend(range(position, len(text)))
    return "".join(out).translate(FULL_WIDTH), offsets


def valid_id_card(value):
    digits = value[:17]
    total = sum(int(d) * w for d, w in zip(digits, ID_WEIGHTS))
    return ID_CHECK_CODES[total % 11] == value[17].upper()


def luhn_ok(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        n = int(char)
        if position % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def find_pii(text):
    """Yield (kind, value, offset) for each piece of personal information in text."""
    taken = []
    for match in ID_CARD.finditer(text):
        # A final X marks a 身份证号 even when a digit is mistyped: it is still someone's number, not a card's.
        if valid_id_card(match.group()) or match.group()[17] in "Xx":
            taken.append(match.span())
            yield "id_card", match.group(), match.start()
    for match in MOBILE.finditer(text):
        yield "mobile", match.group(), match.start()
    for match in BANK_CARD.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        overlaps = any(start <= match.start() < end for start, end in taken)
        if 16 <= len(digits) <= 19 and not overlaps and luhn_ok(digits):
            yield "bank_card", match.group(), match.start()


def scan(text, allowed, report, first_line=1):
    """Report each unallowed finding in text as (line, message) through ``report``."""
    seen, offsets = visible(text)
    for kind, value, offset in find_pii(seen):
        if _normalise(value) in allowed:
            continue
        line = first_line + text.count("\n", 0, offsets[offset] if offset < len(offsets) else len(text))
        report(
            line,
            f"疑似{KIND_LABELS[kind]}“{value}”不应公开。请删除或打码；"
            f"如确需公开（如单位办公电话），在 pii_allow 中写明该值和理由。",
        )


def allowed_values(entries):
    return {_normalise(entry.get("value", "")) for entry in entries or () if isinstance(entry, dict)}


def scan_data(source, report):
    """Every text value of a data file (``source.Source``), reported as (key path, message)."""
    data = source.data
    allowed = allowed_values(data.get("pii_allow")) if isinstance(data, dict) and isinstance(data.get("pii_allow"), list) else set()
    stack = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            scan(value, allowed, lambda line, message, path=path: report(path, message))
        elif isinstance(value, dict):
            stack.extend((path + (key,), item) for key, item in value.items() if key != "pii_allow")
        elif isinstance(value, list):
            stack.extend((path + (number,), item) for number, item in enumerate(value))


def _normalise(value):
    return re.sub(r"[ -]", "", str(value).translate(FULL_WIDTH))
