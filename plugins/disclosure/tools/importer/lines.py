"""What every reader produces: lines of text with the layout hints their format can give.

A ``Line`` is one line of the source (PDF, OFD, text) or one paragraph (Word). After
``reflow`` every Line is a whole paragraph. Hints a format cannot give stay ``None``.
"""

import re
from dataclasses import dataclass, field

CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# Chinese never puts spaces between characters; extraction adds them around digits and Latin
# words ("2020 年", "17 号") and inside lines of justified text.
SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{CJK}“”‘’])[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+(?=[{CJK}“”‘’])")
# Page numbers as 公文 print them: "— 3 —", "-3-", "第3页", "第 3 页 共 9 页", "3/9", a bare 3.
PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*[，,]?\s*共\s*\d{1,3}\s*页)?"
                         r"|\d{1,3}\s*/\s*\d{1,3}|\d{1,3})\s*$")


def tidy(text):
    """Text without the spaces extraction puts between Chinese characters."""
    return SPACE_NEXT_TO_CJK.sub("", text).strip()


@dataclass
class Run:
    """A stretch of text in one font, as the source formats it."""

    text: str
    font: str = ""
    bold: bool = False


@dataclass
class Line:
    runs: list
    number: int  # where it is: line of a text file, paragraph of a Word file, line of a PDF/OFD
    page: int = 0
    size: float = 0.0  # font size in points; 0 when unknown
    centered: bool = False
    indent: float = None  # characters from the left margin of the body text
    short_by: float = None  # characters left free before the right margin
    whole: bool = False  # the source says this is a whole paragraph (Word)
    table: list = field(default=None)  # rows of cell texts, for a table

    @property
    def text(self):
        return tidy("".join(run.text for run in self.runs))

    @property
    def location(self):
        """How messages name where the line is, e.g. 第2页 or 第12段."""
        if self.page:
            return f"第{self.page}页"
        return f"第{self.number}段" if self.whole else f"第{self.number}行"


def plain(text, number, **hints):
    """A Line of one unformatted run."""
    return Line([Run(text)], number, **hints)
