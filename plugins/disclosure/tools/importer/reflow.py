"""Lines → whole paragraphs: page numbers dropped, lines that wrap inside a sentence joined.

PDF, OFD and text extractions break every line, and page breaks split sentences with a page
number in between. Which hints decide depends on what the format gave:

- margins (PDF, OFD): a line continues the one before when it starts at the left margin and
  the one before reaches the right margin;
- a hard-wrapped text file (most lines equally wide): when the line before is full width;
- one paragraph per line (text saved from Word, where only page breaks split paragraphs, and
  Word paragraphs, which such text pasted into Word keeps): when the paragraph so far does not
  end a sentence and is longer than a title or a label.
"""

import statistics
import unicodedata

from .lines import PAGE_NUMBER, Line
from .patterns import PARAGRAPH_END, SENTENCE_END, heading_level, starts_block

FULL_LINE_SLACK = 2.5  # characters: line-end punctuation rules leave full lines a little short
SHORTEST_SPLIT = 24  # characters: a page break only splits a paragraph that fills a line
WRAPPED_SHARE = 0.15  # this share of equally wide lines (at least MIN_WRAPPED_LINES) means hard wraps
MIN_WRAPPED_LINES = 4
WIDER_SHARE = 0.05
LONGEST_HEADING = 40
OPENING_PARAGRAPH = 40  # characters: longer than any title line or 主送机关
NO_LINE_START = "，。、；：？！）》〕」』”’…·"
NO_LINE_END = "（《〔「『“‘"


def paragraphs(lines):
    lines = [line for line in lines if line.table or (line.text and not PAGE_NUMBER.match(line.text))]
    width = _wrap_width(lines)
    result, last = [], None
    for line in lines:
        if last is not None and _continues(result[-1], last, line, width, _sentence_seen(result)):
            result[-1].runs.extend(line.runs)
        else:
            result.append(Line(list(line.runs), line.number, page=line.page, size=line.size,
                               centered=line.centered, whole=line.whole, table=line.table))
        last = line
    return result


def _sentence_seen(paragraphs):
    """Whether the body has begun: a sentence has ended, or a paragraph too long and too punctuated
    for a title or 主送机关 has passed (an opening paragraph may end in “如下：”)."""
    return any(p.text.endswith(tuple(SENTENCE_END)) or ("，" in p.text and len(p.text) > OPENING_PARAGRAPH)
               for p in paragraphs)


def _continues(paragraph, last, line, width, in_body):
    if last.centered or line.centered or last.table or line.table or starts_block(line.text):
        return False
    # Typesetting never starts a line with closing punctuation nor ends one with an opening bracket.
    if line.text.startswith(tuple(NO_LINE_START)) or last.text.endswith(tuple(NO_LINE_END)):
        return True
    if last.short_by is not None and line.indent is not None:
        return line.indent < 1 and last.short_by < FULL_LINE_SLACK
    if line.indent:
        return False
    if width and not line.whole:
        return display_width(last.text) >= width - 2 * FULL_LINE_SLACK
    text = paragraph.text
    is_heading = heading_level(text) and len(text) <= LONGEST_HEADING and "。" not in text
    # Page 1 starts with the 版头, title and 主送机关, lines that end no sentence: no page break
    # falls among them, so nothing is joined before the first sentence.
    return in_body and not text.endswith(tuple(PARAGRAPH_END)) and len(text) >= SHORTEST_SPLIT and not is_heading


def _wrap_width(lines):
    """The display width of a hard-wrapped text's full lines, or 0 if lines are not wrapped:
    wrapped text has a band of equally wide lines at the top and almost nothing wider."""
    widths = [display_width(line.text) for line in lines if line.short_by is None and not line.whole]
    if len(widths) < MIN_WRAPPED_LINES:
        return 0
    widest = statistics.quantiles(widths, n=10)[-1]
    slack = 2 * FULL_LINE_SLACK
    full = sum(1 for w in widths if abs(w - widest) <= slack)
    wider = sum(1 for w in widths if w > widest + slack)
    wrapped = full >= max(MIN_WRAPPED_LINES, WRAPPED_SHARE * len(widths)) and wider <= WIDER_SHARE * len(widths)
    return widest if wrapped else 0


def display_width(text):
    """Width in half-width cells: a Chinese character or full-width sign counts two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
