"""Personal information that must never be published by accident.

Finds 18-digit 身份证号 with a valid check digit, 11-digit mobile numbers and
bank card numbers that pass the Luhn check. A file may allow a specific value
through its ``pii_allow`` list, each entry with a reason.
"""

import re

ID_CARD = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9][0-9](?:[- ]?[0-9]{4}){2})(?![0-9])")
BANK_CARD = re.compile(r"(?<![0-9])[1-9][0-9]{3}(?:[ -]?[0-9]{4}){2,3}(?:[ -]?[0-9]{1,3})?(?![0-9])")

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CODES = "10X98765432"
KIND_LABELS = {"id_card": "身份证号", "mobile": "手机号码", "bank_card": "银行卡号"}


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
        if valid_id_card(match.group()):
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
    for kind, value, offset in find_pii(text):
        if _normalise(value) in allowed:
            continue
        line = first_line + text.count("\n", 0, offset)
        report(
            line,
            f"疑似{KIND_LABELS[kind]}“{value}”不应公开。请删除或打码；"
            f"如确需公开（如单位办公电话），在 pii_allow 中写明该值和理由。",
        )


def allowed_values(entries):
    return {_normalise(entry.get("value", "")) for entry in entries or () if isinstance(entry, dict)}


def _normalise(value):
    return re.sub(r"[ -]", "", str(value))
