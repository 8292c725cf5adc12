"""Word (.docx) → Lines: one per paragraph, with the east-Asian font, bold and size of each run.

Real 公文 mark their levels by direct formatting (黑体 for 一、, 楷体 for （一）, 小标宋 for the
title), not by heading styles, so each run's font is resolved through the run, its character
style, the paragraph style chain and the document defaults.
"""

import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table

from .docx_numbering import Numbering
from .docx_styles import paragraph_property, style_chain
from .errors import Refused
from .lines import Line, Run

CENTERED = {"center", "distribute"}


def read_docx(path):
    """(lines, notes): one Line per paragraph (split at manual line breaks) or table."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise Refused("无法读取 Word 文件：文件可能已损坏，或不是 .docx 格式。请用 Word 或 WPS 另存为 .docx 后再导入。") from None
    defaults = _default_run_properties(document)
    numbering = Numbering(document)
    lines = []
    for number, block in enumerate(document.iter_inner_content(), start=1):  # numbered as Word counts ¶
        if isinstance(block, Table):
            rows = _table_rows(block)
            if rows:
                text = " ".join(" ".join(row) for row in rows)
                lines.append(Line([Run(text)], number, whole=True, table=rows))
            continue
        centered = _is_centered(block)
        runs, size = [], 0.0
        for run in _runs(block):
            chain = _properties(run, block.style, defaults)
            runs.append(Run(run.text, font=_first(chain, _east_asian_font) or "", bold=bool(_first(chain, _bold))))
            if not size and run.text.strip():
                size = (_first(chain, _half_points) or 0) / 2
        marker = numbering.marker(block)
        if marker and runs:  # set like the text it numbers, so a formatted lead keeps its number
            runs.insert(0, Run(marker, runs[0].font, runs[0].bold))
        for part in _split_at_breaks(runs):
            lines.append(Line(part, number, size=size, centered=centered, whole=True))
    return lines, []


def _runs(paragraph):
    for item in paragraph.iter_inner_content():
        yield from getattr(item, "runs", [item])  # a hyperlink holds runs of its own


def _properties(run, paragraph_style, defaults):
    """The run's formatting layers, nearest first: the run, its character style, the paragraph
    style and the styles it is based on, the document defaults."""
    chain = [run._element.rPr]
    if run.style is not None:
        chain.append(run.style.element.rPr)
    chain += [style.element.rPr for style in style_chain(paragraph_style)]
    chain.append(defaults)
    return chain


def _first(properties, read):
    for rpr in properties:
        if rpr is not None and (value := read(rpr)) is not None:
            return value
    return None


def _east_asian_font(rpr):
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        return None
    # WPS often names the Chinese font only in ascii/hAnsi; Word uses eastAsia.
    return fonts.get(qn("w:eastAsia")) or fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))


def _bold(rpr):
    element = rpr.find(qn("w:b"))
    if element is None:
        return None
    return element.get(qn("w:val"), "true") not in ("0", "false", "off")


def _half_points(rpr):
    element = rpr.find(qn("w:sz"))
    return None if element is None else int(element.get(qn("w:val"), "0") or 0)


def _is_centered(paragraph):
    """Read w:jc itself: python-docx rejects values such as "start" that LibreOffice writes."""
    justification = paragraph_property(paragraph, "w:pPr", "w:jc")
    return justification is not None and justification.get(qn("w:val")) in CENTERED


def _default_run_properties(document):
    defaults = document.styles.element.find(qn("w:docDefaults"))
    return None if defaults is None else defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")


def _split_at_breaks(runs):
    """A paragraph split at its manual line breaks: 落款 lines are often one paragraph."""
    parts, current = [], []
    for run in runs:
        pieces = run.text.split("\n")
        for position, piece in enumerate(pieces):
            if position:
                parts.append(current)
                current = []
            if piece:
                current.append(Run(piece, run.font, run.bold))
    parts.append(current)
    return [part for part in parts if "".join(run.text for run in part).strip()]


def _table_rows(table):
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            if cell._tc is not previous:  # a merged cell is listed once per grid column it spans
                cells.append(" ".join(cell.text.split()))
            previous = cell._tc
        rows.append(cells)
    return [row for row in rows if any(row)]
