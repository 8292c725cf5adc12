"""Lines → whole paragraphs: page numbers dropped, lines that wrap inside a sentence joined.

PDF, OFD and text extractions break every line, and page breaks split sentences with a page
number in between. Which hints decide depends on what the format gave:

- margins (PDF, OFD): a line continues the one before when it starts at the left margin and
  the one before reaches the right margin;
- a hard-wrapped text file (most lines equally wide): when the line before is full width;
- one paragraph per line (text saved from Word, where only page breaks split paragraphs):
  when the paragraph so far does not end a sentence and is longer than a title or a label.
"""

import statistics
import unicodedata

from .lines import PAGE_NUMBER, Line
from .patterns import PARAGRAPH_END, heading_level, starts_block

FULL_LINE_SLACK = 2.5  # characters: line-end punctuation rules leave full lines a little short
SHORTEST_SPLIT = 24  # characters: a page break only splits a paragraph that fills a line
WRAPPED_SHARE = 0.3  # this share of equally wide lines means the text is hard-wrapped
LONGEST_HEADING = 40


def paragraphs(lines):
    lines = [line for line in lines if line.table or (line.text and not PAGE_NUMBER.match(line.text))]
    width = _wrap_width(lines)
    result, last = [], None
    for line in lines:
        if last is not None and _continues(result[-1], last, line, width):
            result[-1].runs.extend(line.runs)
        else:
            result.append(Line(list(line.runs), line.number, page=line.page, size=line.size,
                               centered=line.centered, whole=line.whole, table=line.table))
        last = line
    return result


def _continues(paragraph, last, line, width):
    if last.whole or line.whole or last.centered or line.centered or starts_block(line.text):
        return False
    if last.short_by is not None and line.indent is not None:
        return line.indent < 1 and last.short_by < FULL_LINE_SLACK
    if line.indent:
        return False
    if width:
        return display_width(last.text) >= width - 2 * FULL_LINE_SLACK
    text = paragraph.text
    is_heading = heading_level(text) and len(text) <= LONGEST_HEADING and "。" not in text
    return not text.endswith(tuple(PARAGRAPH_END)) and len(text) >= SHORTEST_SPLIT and not is_heading


def _wrap_width(lines):
    """The display width of a hard-wrapped text's full lines, or 0 if lines are not wrapped."""
    widths = [display_width(line.text) for line in lines if line.short_by is None and not line.whole]
    if len(widths) < 5:
        return 0
    widest = statistics.quantiles(widths, n=10)[-1]
    full = [w for w in widths if widest - 2 * FULL_LINE_SLACK <= w <= widest + 2 * FULL_LINE_SLACK]
    return widest if len(full) >= WRAPPED_SHARE * len(widths) else 0


def display_width(text):
    """Width in half-width cells: a Chinese character or full-width sign counts two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
