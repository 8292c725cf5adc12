"""Lines placed on a page (PDF, OFD) → Lines with the hints ``reflow`` needs.

公文 indent the first line of every paragraph by two characters and fill every other line to
the right margin, so a line's distance from both margins tells where paragraphs start and end.
The margins are measured on the document itself: the body's left edge is the leftmost edge
that several lines share, the right edge the rightmost one.
"""

import statistics
from collections import Counter
from dataclasses import dataclass

from .errors import Refused
from .lines import Line

# Lines whose edges are closer than this share of the type size share an edge.
EDGE_TOLERANCE = 0.5
LARGER_THAN_BODY = 1.15
CENTERED_MARGIN = 3  # characters free on each side


@dataclass
class Placed:
    """One visual line: its page, horizontal extent, type size (any unit, the same for all) and runs."""

    page: int
    x0: float
    x1: float
    size: float
    runs: list


def read_placed(placed, empty_pages, no_text):
    """(lines, notes) for a reader of placed lines: a file without any text (a scan) is refused
    with ``no_text``; pages without text are named in a note for staff."""
    if not placed:
        raise Refused(no_text)
    notes = [f"第{'、'.join(map(str, empty_pages))}页没有文字（可能是扫描页），这些页的内容没有导入，请对照原件补录。"] \
        if empty_pages else []
    return hinted_lines(placed), notes


def hinted_lines(placed):
    """Lines with indent, short_by and centered measured against the body's margins."""
    size = statistics.median(line.size for line in placed) or 1.0
    left = _shared_edge([line.x0 for line in placed], size, min)
    right = _shared_edge([line.x1 for line in placed], size, max)
    middle = (left + right) / 2
    lines = []
    for number, line in enumerate(placed, start=1):
        indent = (line.x0 - left) / size
        short_by = (right - line.x1) / size
        # A first line indented two characters is nearly symmetric too, so a centered line of body
        # size must leave more room on both sides; a title in a larger size may fill its line.
        set_apart = min(indent, short_by) >= CENTERED_MARGIN or line.size > size * LARGER_THAN_BODY
        centered = set_apart and abs((line.x0 + line.x1) / 2 - middle) < size
        lines.append(Line(line.runs, number, page=line.page, size=line.size, centered=centered,
                          indent=max(indent, 0.0), short_by=max(short_by, 0.0)))
    return lines


def _shared_edge(edges, size, pick):
    """The leftmost (``min``) or rightmost (``max``) edge that at least two lines share."""
    step = size * EDGE_TOLERANCE
    counts = Counter(round(edge / step) for edge in edges)
    shared = [bucket for bucket, count in counts.items() if count >= 2] or list(counts)
    bucket = pick(shared)
    return pick(edge for edge in edges if round(edge / step) == bucket)
