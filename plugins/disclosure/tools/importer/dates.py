"""Dates as 公文 write them: 2020年11月12日, or 二〇二〇年十一月十二日 in older files."""

import datetime
import re

DIGITS = "〇一二三四五六七八九"
# 〇 is often typed as O, ○, Ｏ or 零; full-width digits turn up in WPS files.
ZERO_VARIANTS = str.maketrans({"O": "〇", "○": "〇", "Ｏ": "〇", "零": "〇", "o": "〇"})
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
YEAR = r"[0-9０-９]{4}|[〇○OoＯ零一二三四五六七八九]{4}"
MONTH_OR_DAY = r"[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}"
DATE = re.compile(rf"(?P<year>{YEAR})\s*年\s*(?P<month>{MONTH_OR_DAY})\s*月\s*(?P<day>{MONTH_OR_DAY})\s*日")
WHOLE_DATE = re.compile(rf"^\s*{DATE.pattern}\s*$")


def parse_date(match):
    """The date of a ``DATE`` match, or None when it names no real day."""
    try:
        return datetime.date(_number(match["year"]), _number(match["month"]), _number(match["day"]))
    except ValueError:
        return None


def whole_date(text):
    """The date when the text is nothing but a date (a 成文日期 line), else None."""
    match = WHOLE_DATE.match(text)
    return parse_date(match) if match else None


def _number(text):
    text = text.translate(FULL_WIDTH_DIGITS).translate(ZERO_VARIANTS)
    if text.isdigit():
        return int(text)
    if "十" in text:  # 十 = 10, 十二 = 12, 二十 = 20, 三十一 = 31
        tens, _, ones = text.partition("十")
        return (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(ones) if ones else 0)
    return int("".join(str(DIGITS.index(char)) for char in text))
