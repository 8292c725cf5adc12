"""Whole paragraphs → the parts of a 公文 that GB/T 9704-2012 fixes.

版头 (发文机关标志, 文号), 标题 (over one or more lines), 主送机关, 正文, 附件说明, 落款 (发文机关
署名 and 成文日期), 附注, the attachments printed after the 落款, and the 版记 (抄送, 印发), which
is not part of the text. Documents without some of these parts are common: each is optional.
"""

import re
from dataclasses import dataclass, field

from ...model.doc_numbers import normalise_doc_number
from .classify import PROVISIONAL, genre_of
from .dates import DATE, parse_date, whole_date
from .lines import tidy
from .patterns import (
    ADDRESSEE_END,
    ATTACHMENT_ITEM,
    ATTACHMENT_NOTE,
    COPY_TO,
    DOC_NUMBER,
    NOTE,
    PRINTED,
    SENTENCE_END,
    SIGNER,
    starts_block,
)

HEAD_LINES = 12  # the 文号 sits in the first lines of the first page
LONGEST_TITLE_LINE = 60
LONGEST_ADDRESSEE = 80
LONGEST_ISSUER_LINE = 30
ORG_SUFFIX = ("人民政府", "政府", "委员会", "管委会", "办公室", "办公厅", "办事处", "局", "委", "办", "厅", "院", "部",
              "中心", "处", "所", "站", "队", "会", "社", "街道", "镇", "乡", "公司", "集团", "小组", "指挥部")
MASTHEAD_SUFFIX = "文件"
SIGNED = re.compile(rf"^(?P<issuer>[^，。；：]{{2,{LONGEST_ISSUER_LINE}}}?)\s*{DATE.pattern}\s*$")
CAPTION = re.compile(r"^[（(].*(?:\d{4}年|通过|发布|印发).*[）)]$")  # 题注: （2020年11月12日……通过）


@dataclass
class Gongwen:
    title: str = ""
    doc_number: str = ""
    masthead: str = ""
    addressee: str = ""
    body: list = field(default_factory=list)  # Lines, whole paragraphs
    attachments: list = field(default_factory=list)  # titles from 附件说明
    issuer: str = ""
    written_date: object = None
    notes: list = field(default_factory=list)  # 附注, e.g. （此件公开发布）
    appendix: list = field(default_factory=list)  # attachments printed after the 落款
    colophon: list = field(default_factory=list)  # 版记: 抄送, 印发 (not published)


def find_doc_number(text):
    """The normalised 文号 when a line is nothing but one (a 签发人 after it is allowed)."""
    match = DOC_NUMBER.fullmatch(tidy(SIGNER.sub("", text)))
    return normalise_doc_number(match) if match else ""


def parse(paragraphs):
    document = Gongwen()
    texts = [p.text for p in paragraphs]
    start = _head(paragraphs, texts, document)
    if start < len(texts) and _is_addressee(texts[start]):
        document.addressee = texts[start].rstrip("：:")
        start += 1
    end = _colophon_start(texts, start)
    document.colophon = texts[end:]
    date_at = next((i for i in range(start, end) if _signature(texts[i])), None)
    if date_at is None:
        document.body = paragraphs[start:end]
        return document
    signed_by, document.written_date = _signature(texts[date_at])
    issuer_at = _issuer_start(texts, start, date_at)
    names = texts[issuer_at:date_at] + ([signed_by] if signed_by else [])
    document.issuer = "、".join(names) or document.masthead.removesuffix(MASTHEAD_SUFFIX)
    body_end = _attachment_note_start(texts, start, issuer_at)
    document.attachments = _attachment_titles(texts[body_end:issuer_at])
    document.body = paragraphs[start:body_end]
    after = date_at + 1
    while after < end and NOTE.match(texts[after]):
        document.notes.append(texts[after])
        after += 1
    document.appendix = paragraphs[after:end]
    return document


def _doc_number_of(paragraph):
    """The 文号 on a line of the 版头, or in a cell of a 版头 laid out as a table (common in WPS)."""
    cells = [cell for row in paragraph.table for cell in row] if paragraph.table else [paragraph.text]
    return next((number for number in map(find_doc_number, cells) if number), "")


def _signature(text):
    """(issuer, 成文日期) of a 落款 date line, or of an issuer and date on one line; else None."""
    day = whole_date(text)
    if day:
        return "", day
    match = SIGNED.match(text)
    if match and match["issuer"].endswith(ORG_SUFFIX):
        return match["issuer"], parse_date(match)
    return None


def _head(paragraphs, texts, document):
    """Fill 文号, 发文机关标志 and title; return the index of the first paragraph after the title."""
    numbers = [_doc_number_of(p) for p in paragraphs[:HEAD_LINES]]
    number_at = next((i for i, number in enumerate(numbers) if number), None)
    if number_at is not None:
        document.doc_number = numbers[number_at]
        document.masthead = "".join(texts[:number_at])
    first = 0 if number_at is None else number_at + 1
    centered = any(p.centered for p in paragraphs[first:first + 3])
    end = first
    while end < len(texts) and _is_title_line(paragraphs[end], centered):
        end += 1
    # A title ends with its 文种 (通知, 方案 …), possibly followed by （试行）: what follows is text.
    # The last such line, since a title may break after an inner one (……实施方案 / 的通知).
    named = next((i for i in range(end - 1, first - 1, -1) if genre_of(texts[i])), None)
    if named is not None:
        end = named + 2 if named + 1 < end and PROVISIONAL.fullmatch(texts[named + 1]) else named + 1
    title_start = end
    while title_start > first and _continues_title(paragraphs, title_start - 1, end, number_at is not None):
        title_start -= 1
    if number_at is None:
        document.masthead = "".join(texts[:title_start])
    document.title = "".join(texts[title_start:end])
    return end


def _is_title_line(paragraph, centered_titles):
    text = paragraph.text
    if centered_titles and not paragraph.centered:
        return False
    return bool(text) and not paragraph.table and len(text) <= LONGEST_TITLE_LINE and not starts_block(text) \
        and not text.endswith(tuple(SENTENCE_END + "：:")) and not CAPTION.match(text) and not _is_addressee(text)


def _continues_title(paragraphs, index, end, after_doc_number):
    """Whether paragraph ``index`` belongs to the title ending before ``end``: the same type size
    as the title's last line, and (without a 文号 to separate them) not the 发文机关标志."""
    line, last = paragraphs[index], paragraphs[end - 1]
    if line.size and last.size and abs(line.size - last.size) > 1:
        return False
    if after_doc_number or index == end - 1:
        return True
    text = line.text
    return not (text.endswith(MASTHEAD_SUFFIX) or text.endswith(ORG_SUFFIX))


def _is_addressee(text):
    return bool(ADDRESSEE_END.search(text)) and len(text) <= LONGEST_ADDRESSEE and not text.endswith(("如下：", "如下:")) \
        and not any(mark in text for mark in SENTENCE_END)


def _colophon_start(texts, start):
    """The 版记 (抄送, 印发) runs to the end; nothing before the body counts."""
    return next((i for i in range(start, len(texts)) if COPY_TO.match(texts[i]) or PRINTED.search(texts[i])), len(texts))


def _issuer_start(texts, start, date_at):
    """The 发文机关署名: up to three short lines right above the date, each an organisation's
    name (only the line nearest the date may be something else, for lack of a better guess)."""
    at = date_at
    while at > start and date_at - at < 3 and _is_issuer_line(texts[at - 1], nearest=at == date_at):
        at -= 1
    return at


def _is_issuer_line(text, nearest):
    if len(text) > LONGEST_ISSUER_LINE or starts_block(text) or ATTACHMENT_ITEM.match(text) \
            or text.endswith(tuple(SENTENCE_END + "：:，,")):
        return False
    return text.endswith(ORG_SUFFIX) or nearest and not re.search(r"[，。；、]", text)


def _attachment_note_start(texts, start, issuer_at):
    """Where the 附件说明 begins: a 附件： line followed only by its items and their wrapped lines."""
    for at in range(issuer_at - 1, start - 1, -1):
        if ATTACHMENT_NOTE.match(texts[at]):
            return at
        if texts[at].endswith(tuple(SENTENCE_END)) or len(texts[at]) > LONGEST_TITLE_LINE:
            break
    return issuer_at


def _attachment_titles(texts):
    """附件：1.……  2.……, items possibly wrapped over lines → the titles."""
    if not texts:
        return []
    rest = [ATTACHMENT_NOTE.sub("", texts[0])] + texts[1:]
    titles = []
    for text in rest:
        if ATTACHMENT_ITEM.match(text) or not titles:
            titles.append(ATTACHMENT_ITEM.sub("", text))
        else:
            titles[-1] += text
    return [title.strip().rstrip("。；;，,") for title in titles if title.strip()]
