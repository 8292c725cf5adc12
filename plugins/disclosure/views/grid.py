"""Cells of the report tables that ``components/grid_table.html`` prints (年度报告, 政府网站工作年度报表):
every header cell has its ``scope`` and ``id``, every figure names all its headers (``headers``),
so a screen reader announces each level of a multi-row header."""

FIGURE_CLASS = "grid-table__figure"
TEXT_CLASS = "grid-table__text"


def number(value):
    return str(value) if isinstance(value, int) else f"{value:.4f}".rstrip("0").rstrip(".")


def th(text, scope, cell_id, colspan=1, rowspan=1):
    attrs = {"scope": scope, "id": cell_id}
    attrs.update({name: span for name, span in (("colspan", colspan), ("rowspan", rowspan)) if span > 1})
    return {"tag": "th", "text": text, "attrs": attrs}


def td(value, headers, colspan=1):
    """A figure: a number, centred; text (names, 是/否) is ``text_cell``."""
    attrs = {"class": FIGURE_CLASS, "headers": " ".join(headers)}
    if colspan > 1:
        attrs["colspan"] = colspan
    return {"tag": "td", "text": number(value), "attrs": attrs}


def text_cell(text, headers):
    return {"tag": "td", "text": text, "attrs": {"class": TEXT_CLASS, "headers": " ".join(headers)}}
