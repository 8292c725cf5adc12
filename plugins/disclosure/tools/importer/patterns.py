"""What marks the parts of a 公文 (GB/T 9704-2012) in its text."""

import re

from .dates import WHOLE_DATE

NUMERAL = "一二三四五六七八九十百零〇"
# Body levels. Level 3 also appears as 1、 and 1． in real files; "1.5" is a number, not a level.
LEVEL_1 = re.compile(rf"^[{NUMERAL}]+、")
LEVEL_2 = re.compile(rf"^[（(][{NUMERAL}]+[）)]")
LEVEL_3 = re.compile(r"^[0-9０-９]{1,2}\s*[.．、](?![0-9０-９])")
LIST_ITEM = re.compile(r"^(?:[（(][0-9０-９]{1,2}[）)]|[①-⑳])")
CHAPTER_NUMBER = re.compile(rf"^第[{NUMERAL}]+[章节]")
CHAPTER = re.compile(rf"^第[{NUMERAL}]+[章节](?:\s|$)|^第[{NUMERAL}]+[章节][^，。；、]{{0,30}}$")
ARTICLE = re.compile(rf"^第[{NUMERAL}]+条")
# 文号: abbreviation, year in 〔〕 (older files: [] () ［］ （）), serial, 号; the check reads it alike.
from ...model.doc_numbers import DOC_NUMBER  # noqa: E402,F401

SIGNER = re.compile(r"签发人[：:].*$")
ADDRESSEE_END = re.compile(r"[：:]$")
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[：:]\s*")
ATTACHMENT_HEADING = re.compile(r"^附\s*件\s*(?P<number>[0-9０-９]{0,2})\s*[：:]?\s*$|^附\s*件\s*[0-9０-９]{1,2}\s*[：:]")
ATTACHMENT_ITEM = re.compile(r"^[0-9０-９]{1,2}\s*[.．、]\s*(?![0-9])")
COPY_TO = re.compile(r"^(?:抄\s*送|抄\s*报|分\s*送|主\s*题\s*词)\s*[：:]")
PRINTED = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发\s*$")
NOTE = re.compile(r"^[（(](?:此件|本件|联系人|联系电话|此文|本文)[^）)]*[）)]$")
NOT_FOR_PUBLICATION = re.compile(r"^[（(](?:此件|本件|此文|本文)[^）)]*(?:不予公开|不公开|依申请公开|内部)")
SENTENCE_END = "。！？；…"
PARAGRAPH_END = SENTENCE_END + "：”’」』）)"


def heading_level(text):
    """1, 2, 3 or 4 (list item) for text starting with a level marker, else 0."""
    for level, pattern in enumerate((LEVEL_1, LEVEL_2, LEVEL_3, LIST_ITEM), start=1):
        if pattern.match(text):
            return level
    return 0


def starts_block(text):
    """True when text can only begin a paragraph of its own: a level, an article, an attachment
    note or heading, a 落款 date, a 附注 or a 版记 line."""
    return bool(heading_level(text) or CHAPTER.match(text) or ARTICLE.match(text) or ATTACHMENT_NOTE.match(text)
                or ATTACHMENT_HEADING.match(text) or WHOLE_DATE.match(text) or NOTE.match(text)
                or COPY_TO.match(text) or PRINTED.search(text))
