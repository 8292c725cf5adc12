"""The 正文's paragraphs → Markdown: 一、 → ##, （一） → ###, 1. → #### or a bold lead-in,
（1） → an ordered list item, 第X章/节 → ##/###, 第X条 → a bold article number.

A heading and its first sentence often share a paragraph ("（一）明确责任。各科室要……"). The
lead is told apart by its formatting where the source has it (黑体/楷体/bold runs before 仿宋),
otherwise it is the first sentence when that is short enough to be a heading.
"""

import re

from .dates import FULL_WIDTH_DIGITS
from .lines import tidy
from .patterns import ARTICLE, CHAPTER, CHAPTER_NUMBER, LIST_ITEM, NUMERAL, SENTENCE_END, heading_level

LONGEST_LEAD = 60  # characters: a longer first sentence is text, not a heading
HEADING_MARKS = {1: "##", 2: "###", 3: "####"}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]])")
MARKDOWN_LINE_START = re.compile(r"^(?=[#>+-]|[0-9]+\.\s)")
LIST_ITEM_KIND = "item"
HALF_WIDTH_PARENTHESES = re.compile(rf"^[(（]([{NUMERAL}]+)[)）]")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def escape(text):
    """Text that Markdown shows as it is. Only what Markdown would act on is escaped, since
    staff edit this text."""
    return MARKDOWN_LINE_START.sub("\\\\", MARKDOWN_INLINE.sub(r"\\\1", text)).replace("<", "&lt;")


def markdown(paragraphs):
    """Markdown for whole paragraphs; list items in a row form one list."""
    blocks, previous = [], None
    for paragraph in paragraphs:
        kind, block = _block(paragraph)
        if kind == previous == LIST_ITEM_KIND:
            blocks[-1] += "\n" + block
        else:
            blocks.append(block)
        previous = kind
    return "\n\n".join(blocks)


def _block(paragraph):
    """(kind, Markdown) of one paragraph."""
    if paragraph.table:
        return "table", _table(paragraph.table)
    text = paragraph.text
    if CHAPTER.match(text):
        match = CHAPTER_NUMBER.match(text)
        name = text[match.end():].strip()
        mark = "##" if match.group().endswith("章") else "###"
        return "heading", f"{mark} {escape(match.group())}{'　' + escape(name) if name else ''}"
    if match := ARTICLE.match(text):
        return "text", f"**{escape(match.group())}**　{escape(text[match.end():].lstrip())}"
    level = heading_level(text)
    if level == 4:
        return LIST_ITEM_KIND, f"{_list_number(text)}. {escape(LIST_ITEM.sub('', text, count=1).lstrip())}"
    lead, rest = split_lead(paragraph) if level else ("", "")
    lead = HALF_WIDTH_PARENTHESES.sub(r"（\1）", lead)  # (一) as GB/T 9704 prints it: （一）
    if not lead:
        return "text", escape(text)
    if level == 3 and rest:
        return "text", f"**{escape(lead)}**{escape(rest)}"
    heading = f"{HEADING_MARKS[level]} {escape(lead.rstrip('。'))}"
    return "heading", f"{heading}\n\n{escape(rest)}" if rest else heading


def split_lead(paragraph):
    """(heading, rest) of a paragraph that starts with a level marker; ("", "") when it is a
    numbered passage of text rather than a heading."""
    text = paragraph.text
    lead = _formatted_lead(paragraph)
    if not lead:
        ends = [at for at in (text.find(mark) for mark in SENTENCE_END) if 0 <= at < len(text) - 1]
        lead = text[: min(ends) + 1] if ends else text
    if len(lead) > LONGEST_LEAD:
        return "", ""
    return lead, text[len(lead):].strip()


def _formatted_lead(paragraph):
    """The text of the leading runs set in another font or weight than the rest, if any. Runs
    without Chinese characters do not count: PDFs set digits and Latin letters in a fallback font."""
    runs = [run for run in paragraph.runs if CHINESE.search(run.text)]
    first = (runs[0].font, runs[0].bold) if runs else None
    for run in runs:
        if (run.font, run.bold) != first:
            lead = tidy("".join(r.text for r in paragraph.runs[: paragraph.runs.index(run)]))
            marker = re.match(r"\S+?[、）).．]", lead)
            return lead if paragraph.text.startswith(lead) and marker and len(lead) > marker.end() else ""
    return ""


def _list_number(text):
    digits = re.search(r"[0-9０-９]+", text[:4])
    return int(digits.group().translate(FULL_WIDTH_DIGITS)) if digits \
        else CIRCLED.index(text[0]) + 1


def _table(rows):
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join([escape(cell).replace("|", "\\|") for cell in row] + [""] * (width - len(row))) + " |"
             for row in rows]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)
