"""Cells of the exported CSV files, made safe for spreadsheets (OWASP "CSV Injection").

Excel, WPS and LibreOffice run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return before one) as a formula: a title such as ``=HYPERLINK(…)`` in catalog.csv would
run on a clerk's computer. Such a cell gets a leading ``'``, which spreadsheets show as text;
numbers, negative ones included, stay numbers. ``plugin.writing`` passes every cell of every CSV
through ``safe_row``, so no export can forget it.
"""

import re

FORMULA_START = frozenset("=+-@\t\r\n＝＋－＠")  # the full-width forms too: some spreadsheets read them alike
NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")
TEXT_MARK = "'"


def safe_cell(value):
    """A value as a CSV cell that no spreadsheet runs as a formula."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    if text[:1] not in FORMULA_START and text.lstrip(" \u3000")[:1] not in FORMULA_START:
        return text  # most cells: nothing a spreadsheet would read as a formula
    return text if NUMBER.match(text) else TEXT_MARK + text


def safe_row(row):
    return [safe_cell(value) for value in row]


def series_rows(series):
    """A statistical series as its CSV download: the header, then one row per period (checked numbers)."""
    yield [series.period_header, *series.columns]
    for row in series.rows:
        yield [row.period, *row.values]
