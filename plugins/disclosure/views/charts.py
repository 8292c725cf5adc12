"""Charts for statistical series: a Vega-Lite spec → SVG at build time (vl-convert), made lean
and accessible, plus the parameters the ``components/chart.html`` macro displays, both for the
``datasets`` of a statistics item and for ``chart`` blocks in a body.

The SVG keeps its text as ``<text>``, uses presentation attributes only (the page's
Content-Security-Policy blocks inline styles), and carries a ``<title>`` and ``<desc>``;
each point or bar has a ``<title>`` with its value, shown as a tooltip without JavaScript.
"""

import functools
import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from ..data.series import CHART_KINDS, period_of
from . import urls, vega

VEGA_LITE_VERSION = "6.4"  # pinned, so an upgrade of vl-convert cannot change the output
SVG_NS = "http://www.w3.org/2000/svg"
WIDTH, HEIGHT = 360, 250  # user units; text is sized to stay readable from 320 px to 30 rem wide
FONT = "PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, Source Han Sans SC, sans-serif"  # as site.css
FONT_SIZE = 15
LABEL_ROOM = 52  # right padding for the latest value written after the end of a line
TEXT_COLOR = "#1b1b1b"
COLORS = ("#0b4f9c", "#a3161b", "#1d6b3a")  # ≥ 4.5:1 on white; dashes and shapes tell lines apart too
DASHES = ((1, 0), (6, 3), (2, 2))
SHAPES = ("circle", "square", "triangle-up")
MAX_TICKS = 4  # axis labels that fit side by side at 15 user units
TICK_STEPS = {"月度": (1, 2, 3, 6, 12), "季度": (1, 2, 4), "年度": (1, 2, 5, 10)}
GEOMETRY = ("transform", "d", "x", "y", "x1", "x2", "y1", "y2", "width", "height")
LONG_DECIMAL = re.compile(r"-?\d+\.\d{3,}")
EMPTY_PATHS = ("", "M0,0h0v0h0Z")
SMALLEST_SPEC = '{"mark": "point"}'

ET.register_namespace("", SVG_NS)


def chart_view(unit, series, rows, kind, chart_id):
    """Parameters for the chart component: the SVG, its data table and the CSV download."""
    span = f"{rows[0].label}—{rows[-1].label}"
    return {
        "id": chart_id,
        "title": series.meta["title"],
        "span": span,
        "unit": series.meta["unit"],
        "source": series.meta["source"],
        "note": series.meta.get("note", ""),
        "svg": Markup(render_svg(series, rows, kind, chart_id, f"{series.meta['title']}（{span}）")),
        "period_header": series.period_header,
        "columns": series.columns,
        "rows": [{"label": row.label, "cells": row.values} for row in rows],
        "csv_url": urls.series(unit, series.name),
        "csv_name": series.name,
    }


def dataset_views(site, record):
    """Charts and tables for the ``datasets`` of a statistics item, up to the item's period."""
    views = []
    unit = record.unit
    for name in record.meta.get("datasets") or ():
        series = unit.series[name]
        views.append(chart_view(unit, series, series.select(end=period_of(record)), series.meta["chart"],
                                f"dataset-{name.removesuffix('.csv')}"))
    return views


def block_view(unit, block, number):
    """A ``chart`` block of a body (data.chart_blocks.ChartBlock), the ``number``-th on its page."""
    data = unit.series[block.series]
    return chart_view(unit, data, data.select(block.start, block.end), block.kind,
                      f"chart-{number + 1}-{block.series.removesuffix('.csv')}")


def render_html(settings, params, siteurl):
    """The chart component as HTML, for charts embedded in a Markdown body."""
    macro = _templates(settings["THEME"]).get_template("components/chart.html").module.chart
    return str(macro(params, siteurl))


@functools.lru_cache(maxsize=4)
def _templates(theme):
    return Environment(loader=FileSystemLoader(str(Path(theme) / "templates")), autoescape=True,
                       trim_blocks=True, lstrip_blocks=True)


def render_svg(series, rows, kind, chart_id, title):
    svg = _vega_svg(json.dumps(_spec(series, rows, kind), ensure_ascii=False, sort_keys=True))
    return _finish(svg, chart_id, title, describe(series, rows, kind))


def describe(series, rows, kind):
    """The chart's <desc>: what it shows, and the latest, highest and lowest value of each line."""
    parts = [f"{CHART_KINDS[kind]}，{series.meta['frequency']}数据，共 {len(rows)} 期，单位：{series.meta['unit']}。"]
    for number, column in enumerate(series.columns):
        points = [(row, float(row.values[number])) for row in rows if row.values[number]]
        if not points:
            continue
        latest = points[-1][0]
        high = max(points, key=lambda p: p[1])[0]
        low = min(points, key=lambda p: p[1])[0]
        parts.append(f"{column}：{latest.label}为 {latest.values[number]}，最高 {high.values[number]}（{high.label}），"
                     f"最低 {low.values[number]}（{low.label}）。")
    parts.append("各期数值见图旁的数据表。")
    return "".join(parts)


def _ticks(series, rows):
    """Calendar-aligned axis ticks (every N months, quarters or years) and their short labels."""
    steps = TICK_STEPS[series.meta["frequency"]]
    step = next((s for s in steps if math.ceil(len(rows) / s) <= MAX_TICKS), steps[-1])
    ticks = [i for i, row in enumerate(rows) if row.position % step == 0] or [0]
    labels = [""] * len(rows)
    for i in ticks:
        names_year = rows[i].short_label.endswith("年")
        labels[i] = rows[i].label if i == ticks[0] and not names_year else rows[i].short_label
    return ticks, labels


def _spec(series, rows, kind):
    columns = series.columns
    values = [
        {"i": i, "s": column, "v": float(value), "t": f"{row.label} {column}：{value}", "last": False}
        for i, row in enumerate(rows) for column, value in zip(columns, row.values) if value
    ]
    for column in columns:  # the latest value of each column is written on the chart
        latest = [v for v in values if v["s"] == column]
        if latest:
            latest[-1]["last"] = True
    ticks, labels = _ticks(series, rows)
    scheme = {"domain": columns, "range": list(COLORS[:len(columns)])}
    legend = {"orient": "top", "title": None, "direction": "horizontal"} if len(columns) > 1 else None
    x = {"field": "i", "type": "ordinal", "title": None, "scale": {"domain": list(range(len(rows)))},
         "axis": {"values": ticks, "labelExpr": json.dumps(labels, ensure_ascii=False) + "[datum.value]",
                  "labelAngle": 0, "labelOverlap": False, "ticks": True, "grid": False}}
    y = {"field": "v", "type": "quantitative", "scale": {"zero": kind == "bar", "nice": True},
         "axis": {"title": None, "tickCount": 5}}
    color = {"field": "s", "type": "nominal", "scale": scheme, "legend": legend, "sort": columns}
    if kind == "bar":
        marks = [{"mark": {"type": "bar"}, "encoding": {
            "xOffset": {"field": "s", "sort": columns} if len(columns) > 1 else None,
            "color": color, "description": {"field": "t"}}}]
    else:
        marks = [
            {"mark": {"type": "line", "strokeWidth": 2.5, "strokeJoin": "round"}, "encoding": {
                "color": color, "strokeDash": {"field": "s", "scale": {"domain": columns, "range": [list(d) for d in DASHES[:len(columns)]]}, "legend": None},
                "description": None}},
            {"mark": {"type": "point", "filled": True, "size": 36, "opacity": 1}, "encoding": {
                "color": dict(color, legend=None), "shape": {"field": "s", "scale": {"domain": columns, "range": list(SHAPES[:len(columns)])}, "legend": legend},
                "description": {"field": "t"}}},
        ]
    # Bars carry their latest value on top; lines at their right end, clear of the line.
    place = {"dy": -12, "align": "center"} if kind == "bar" else {"dx": 8, "align": "left", "baseline": "middle"}
    marks.append({"transform": [{"filter": "datum.last"}],
                  "mark": dict(place, type="text", fontSize=FONT_SIZE, fontWeight="bold"),
                  "encoding": {"text": {"field": "v", "type": "quantitative"}, "color": dict(color, legend=None),
                               "xOffset": {"field": "s", "sort": columns} if kind == "bar" and len(columns) > 1 else None}})
    for mark in marks:
        mark["encoding"] = {k: v for k, v in mark["encoding"].items() if v is not None}
    return {
        "$schema": f"https://vega.github.io/schema/vega-lite/v{VEGA_LITE_VERSION.split('.')[0]}.json",
        "width": WIDTH, "height": HEIGHT, "autosize": {"type": "fit", "contains": "padding"},
        "padding": {"top": 4, "left": 4, "right": 16 if kind == "bar" else LABEL_ROOM, "bottom": 4},
        "title": {"text": f"单位：{series.meta['unit']}", "anchor": "start", "frame": "bounds", "orient": "top",
                  "fontSize": FONT_SIZE, "fontWeight": "normal", "color": TEXT_COLOR, "offset": 6},
        "background": "#ffffff",
        "config": {"font": FONT, "view": {"stroke": None},
                   "axis": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "titleFontWeight": "normal",
                            "labelColor": TEXT_COLOR, "titleColor": TEXT_COLOR, "gridColor": "#d9d9d9",
                            "domainColor": "#6f6f6f", "tickColor": "#6f6f6f"},
                   "legend": {"labelFontSize": FONT_SIZE, "labelColor": TEXT_COLOR, "symbolStrokeWidth": 2.5}},
        "data": {"values": values},
        "encoding": {"x": x, "y": y},
        "layer": marks,
    }


def start_engine():
    """Start vl-convert's engine in this process, with the Vega-Lite version the charts use."""
    vega.to_svg(SMALLEST_SPEC, VEGA_LITE_VERSION)


@functools.lru_cache(maxsize=64)
def _vega_svg(spec):
    return vega.to_svg(spec, VEGA_LITE_VERSION)


def _finish(svg, chart_id, title, desc):
    """Lean, accessible SVG: named by <title> and <desc>, a tooltip per point, no ARIA noise."""
    root = ET.fromstring(svg)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.get("display") == "none" or (child.tag == f"{{{SVG_NS}}}path" and child.get("d") in EMPTY_PATHS):
                parent.remove(child)
    for element in root.iter():
        label = element.get("aria-label")
        if label and element.get("role") == "graphics-symbol":
            ET.SubElement(element, f"{{{SVG_NS}}}title").text = label
        for name in list(element.attrib):
            if name.startswith("aria-") or name in ("role", "class", "pointer-events"):
                del element.attrib[name]
            elif name in GEOMETRY:
                element.set(name, LONG_DECIMAL.sub(lambda m: _short(m.group()), element.get(name)))
    for name in ("width", "height", "version"):
        root.attrib.pop(name, None)
    root.set("class", "chart__svg")
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title")
    root.set("aria-describedby", f"{chart_id}-desc")
    for position, (tag, text) in enumerate((("title", title), ("desc", desc))):
        element = ET.Element(f"{{{SVG_NS}}}{tag}", id=f"{chart_id}-{tag}")
        element.text = text
        root.insert(position, element)
    return ET.tostring(root, encoding="unicode")


def _short(number):
    return f"{float(number):.2f}".rstrip("0").rstrip(".")
