"""Charts in Markdown bodies: a fenced ``chart`` block names a series, and the page shows its
chart, data table and CSV download in that place::

    ```chart
    series: cpi.csv
    kind: line        (optional: line or bar; default from the series' YAML)
    from: 2025-01     (optional first and last period, inclusive)
    to: 2026-09
    ```

The blocks are found and checked once, when the site loads (after ``series``), and kept on the
record; ``plugin.bodies`` swaps each for a placeholder, sanitizes the author's HTML, then
inserts the generated chart.
"""

import re
from dataclasses import dataclass

from ..model.problems import processing
from ..model.source import SourceError, display_path, parse_yaml
from . import series

CHART_BLOCK = re.compile(r"^```chart[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
CHART_FENCE = "```chart"  # in every block: most bodies have none, and looking for it is much cheaper than the pattern
CHART_KEYS = ("series", "kind", "from", "to")


@dataclass
class ChartBlock:
    series: str
    kind: str
    start: tuple
    end: tuple
    span: tuple  # (start, end) offsets of the block in the body


def load(site):
    """Find and check the chart blocks of every body against the series loaded before."""
    for record in site.records + site.pages:
        with processing(record.path):
            record.charts = find(site, record, site.problems)


def find(site, record, problems):
    """The valid ``chart`` blocks of a Markdown body; every problem is reported."""
    body, source = record.source.body, record.source
    blocks = []
    if CHART_FENCE not in body:
        return blocks
    for match in CHART_BLOCK.finditer(body):
        first_line = source.body_line + body.count("\n", 0, match.start(1))
        try:
            options, lines = parse_yaml(match.group(1), first_line)
        except SourceError as exc:
            problems.error(source.path, exc.line, "chart", exc.message)
            continue

        def error(key, message):
            problems.error(source.path, lines.get((key,), first_line - 1), f"chart.{key}", message)

        if not isinstance(options, dict) or "series" not in options:
            error("series", "chart 块里应写“字段: 值”，至少要有 series，例如 series: cpi.csv。")
            continue
        for key in options:
            if key not in CHART_KEYS:
                error(key, f"chart 块里没有字段“{key}”，可用的有：{'、'.join(CHART_KEYS)}。")
        name = str(options["series"])
        unit = record.unit
        available = unit.series if unit else {}
        data = available.get(name)
        if not series.FILE_NAME.match(name):
            error("series", f"“{name}”不是数据序列的文件名：series 应写本单位 series/ 下的 CSV 文件名，例如 cpi.csv。")
            continue
        if data is None and unit and (unit.data_dir / series.SERIES_DIR / name).is_file():
            continue  # the file exists but has problems of its own, reported at its lines
        if data is None:
            known = "、".join(sorted(available)) or "（无）"
            folder = f"{display_path(unit.data_dir / series.SERIES_DIR)}/" if unit else "本单位的 series/"
            error("series", f"数据序列“{name}”不存在：应为 {folder} 下的 CSV 文件名，现有：{known}。")
            continue
        kind = options.get("kind", data.meta["chart"])
        if not isinstance(kind, str) or kind not in series.CHART_KINDS:
            error("kind", f"图表类型“{kind}”无效，应为 line（折线图）或 bar（柱状图）。")
            continue
        start, end = (series.period_end(options[key]) if key in options else None for key in ("from", "to"))
        for key, value in (("from", start), ("to", end)):
            if key in options and value is None:
                error(key, f"统计期“{options[key]}”格式不对，应形如 2024-09、2024Q3 或 2024。")
        if not data.select(start, end):
            error("series", f"数据序列“{name}”在所选统计期内没有数据。")
            continue
        blocks.append(ChartBlock(name, kind, start, end, match.span()))
    return blocks
