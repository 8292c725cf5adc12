"""Word's automatic numbering → the marker it shows before a paragraph (一、 （一） 1. （1）).

python-docx gives a paragraph's text without the number Word draws in front of it, so a clerk
who numbered headings automatically would lose every level. Counters follow Word's rules as far
as 公文 use them: one counter per abstract numbering and level, deeper levels restart when a
shallower one advances, ``start`` and ``startOverride`` set the first value.
"""

from collections import defaultdict

from docx.oxml.ns import qn

from .dates import DIGITS
from .docx_styles import paragraph_property

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
                   "taiwaneseCounting", "ideographDigital"}


def chinese_number(value):
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九."""
    tens, ones = divmod(value, 10)
    if not tens:
        return DIGITS[ones]
    return f"{DIGITS[tens] if tens > 1 else ''}十{DIGITS[ones] if ones else ''}"


def formatted(value, number_format):
    if number_format in CHINESE_FORMATS:
        return chinese_number(value)
    if number_format in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return CIRCLED[value - 1] if value <= len(CIRCLED) else str(value)
    if number_format == "ideographTraditional":
        return HEAVENLY_STEMS[(value - 1) % len(HEAVENLY_STEMS)]
    if number_format == "decimalFullWidth":
        return "".join(chr(ord(digit) + 0xFEE0) for digit in str(value))
    return str(value)


class Numbering:
    """The markers of one document's numbered paragraphs, read in document order."""

    def __init__(self, document):
        self.levels = {}  # (numId, ilvl) → (abstractNumId, format, text, start)
        self.counters = defaultdict(int)  # (abstractNumId, ilvl) → last value shown
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstracts = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
            overrides = {o.get(qn("w:ilvl")): o.find(qn("w:startOverride")) for o in num.findall(qn("w:lvlOverride"))}
            abstract = abstracts.get(abstract_id)
            for level in abstract.findall(qn("w:lvl")) if abstract is not None else ():
                ilvl = level.get(qn("w:ilvl"))
                start = overrides.get(ilvl) if overrides.get(ilvl) is not None else level.find(qn("w:start"))
                self.levels[(num.get(qn("w:numId")), int(ilvl))] = (
                    abstract_id, _value(level, "w:numFmt", "decimal"), _value(level, "w:lvlText", ""),
                    int(start.get(qn("w:val"))) if start is not None else 1)

    def marker(self, paragraph):
        """The marker Word shows before this paragraph, counting it; "" when it has none."""
        reference = _numbering_reference(paragraph)
        if reference not in self.levels:
            return ""
        num_id, ilvl = reference
        abstract_id, number_format, text, start = self.levels[reference]
        key = (abstract_id, ilvl)
        self.counters[key] = self.counters[key] + 1 if key in self.counters else start
        for deeper in [k for k in self.counters if k[0] == abstract_id and k[1] > ilvl]:
            del self.counters[deeper]
        if number_format in ("bullet", "none"):
            return ""
        for level in range(ilvl, -1, -1):  # %1 … %9 stand for the counters of levels 0 … 8
            _, level_format, _, level_start = self.levels.get((num_id, level), (None, "decimal", "", 1))
            shown = self.counters.get((abstract_id, level), level_start)
            text = text.replace(f"%{level + 1}", formatted(shown, level_format))
        return text


def _value(element, tag, default):
    found = element.find(qn(tag))
    return found.get(qn("w:val"), default) if found is not None else default


def _numbering_reference(paragraph):
    """(numId, ilvl) from the paragraph's own properties, else from its style chain."""
    numbering = paragraph_property(paragraph, "w:pPr", "w:numPr")
    num_id = numbering.find(qn("w:numId")) if numbering is not None else None
    if num_id is None or num_id.get(qn("w:val")) == "0":  # numId 0 switches numbering off
        return None
    level = numbering.find(qn("w:ilvl"))
    return num_id.get(qn("w:val")), int(level.get(qn("w:val"))) if level is not None else 0
