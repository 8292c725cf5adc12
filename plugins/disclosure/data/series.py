"""Statistical series: ``data/series/NAME.csv`` plus its sidecar ``NAME.yaml`` → validated series;
the ``datasets`` of statistics pages → charts and tables; every series → a CSV download.

A CSV holds one table in one unit: a header row, then one row per period (oldest first).
The first column is the period (``2024-09``, ``2024Q3`` or ``2024``); every other column is
a line or a set of bars, with numbers only (an empty cell means no data). The YAML sidecar
says what the numbers are: title, unit, source, frequency and the default chart kind.
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from ..model import pii
from ..model.problems import processing
from ..model.schema import field_label
from ..model.source import SourceError, display_path, read_data_file, read_text

SERIES_DIR = "series"  # under data/
SCHEMA = "series.schema.json"
FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.csv$")
NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
PERIOD = re.compile(r"^(?P<year>[0-9]{4})(?:-(?P<month>0[1-9]|1[0-2])|Q(?P<quarter>[1-4])|H(?P<half>[12]))?$")
FREQUENCY_PART = {"月度": "month", "季度": "quarter", "年度": None}  # what a period of each frequency has
FREQUENCY_EXAMPLE = {"月度": "2024-09", "季度": "2024Q3", "年度": "2024"}
QUARTER_NAMES = "一二三四"
CHART_KINDS = {"line": "折线图", "bar": "柱状图"}


@dataclass
class Row:
    period: str
    label: str  # 2024年9月
    short_label: str  # 9月, or 2024年 in January: for axis ticks
    position: int  # months, quarters or years since year 0, for calendar-aligned ticks
    end: tuple  # (year, last month), to compare with any period
    values: list  # the CSV cells as written; "" is no data
    line: int


@dataclass
class Series:
    name: str  # the CSV file name, as staff write it in datasets and chart blocks
    meta: dict
    period_header: str
    columns: list
    rows: list
    text: str

    def select(self, start=None, end=None):
        return [r for r in self.rows if (start is None or r.end >= start) and (end is None or r.end <= end)]


def period_end(text):
    """``2024-09``, ``2024Q3``, ``2024H1`` or ``2024`` → (year, last month), or None."""
    match = PERIOD.match(str(text))
    if not match:
        return None
    year, month, quarter, half = match.group("year", "month", "quarter", "half")
    last = int(month) if month else int(quarter) * 3 if quarter else int(half) * 6 if half else 12
    return int(year), last


def load(site):
    """Validate every unit's series and the ``datasets`` that name one; keep valid series in ``unit.series``."""
    for unit in site.units.values():
        _load_unit(site, unit)


def _load_unit(site, unit):
    directory = unit.data_dir / SERIES_DIR
    for path in sorted(directory.glob("*.csv")):
        with processing(display_path(path)):
            series = _load_series(path, site.schemas, site.problems)
        if series:
            unit.series[series.name] = series
    for path in sorted(directory.glob("*.yaml")):
        if not path.with_suffix(".csv").is_file():
            site.problems.error(display_path(path), 1, "", f"找不到与说明文件对应的数据文件 {path.with_suffix('.csv').name}。")
    for path in sorted(directory.iterdir()) if directory.is_dir() else ():
        if path.suffix not in (".csv", ".yaml") and not path.name.startswith("."):
            site.problems.error(display_path(path), 1, "", f"{SERIES_DIR}/ 中只能放数据序列：CSV 数据表和同名的 .yaml 说明文件，"
                                                           f"不能放“{path.name}”。")
    for record in unit.records:
        _check_datasets(site, unit, record, directory)


def period_of(record):
    """The (year, last month) a statistics item covers, or None for all periods."""
    return period_end(record.meta["period"]) if record.meta.get("period") else None


def _check_datasets(site, unit, record, directory):
    for number, name in enumerate(record.meta.get("datasets") or ()):
        if not isinstance(name, str):
            continue
        series, where = unit.series.get(name), (record.path, record.source.line("datasets", number), f"datasets[{number}]")
        if not FILE_NAME.match(name):
            site.problems.error(*where, f"“{name}”不是数据序列的文件名：应为 {display_path(directory)}/ 下的 CSV 文件名"
                                        "（小写字母、数字和连字符，以 .csv 结尾），例如 cpi.csv。")
        elif series is None and not (directory / name).is_file():
            site.problems.error(*where, f"数据序列“{name}”不存在：请把 CSV 文件放在 {display_path(directory)}/ 下，并写文件名。")
        elif series and not series.select(end=period_of(record)):
            site.problems.error(*where, f"数据序列“{name}”没有统计期 {record.meta['period']} 及以前的数据。")


def _load_series(path, schemas, problems):
    shown = display_path(path)
    meta_path = path.with_suffix(".yaml")
    if not FILE_NAME.match(path.name):
        problems.error(shown, 1, "", f"文件名“{path.name}”无效：只能用小写字母、数字和连字符，例如 cpi.csv。")
        return None
    if not meta_path.is_file():
        problems.error(shown, 1, "", f"缺少说明文件 {meta_path.name}：请在同一目录写明 title、unit、source 和 frequency。")
        return None
    meta = _load_meta(meta_path, schemas, problems)
    try:
        text = read_text(path)
    except SourceError as exc:
        problems.error(shown, exc.line, exc.field, exc.message)
        return None
    pii.scan(text, set(), lambda line, message: problems.error(shown, line, "", message))
    rows = list(numbered_rows(text))
    if not rows or len(rows[0][1]) < 2 or not all(cell.strip() for cell in rows[0][1]):
        problems.error(shown, 1, "表头", "第一行应为表头：第一列是统计期，其后每列一个指标名称，不能留空，例如“统计期,当月”。")
        return None
    header = [cell.strip() for cell in rows[0][1]]
    broken = False
    parsed = []
    for line, cells in rows[1:]:
        row = _parse_row(shown, line, cells, header, meta and meta["frequency"], problems)
        broken |= row is None
        if row:
            if parsed and row.end <= parsed[-1].end:
                problems.error(shown, line, header[0], f"统计期“{row.period}”应晚于上一行的“{parsed[-1].period}”：请按时间先后排列，每期一行。")
                broken = True
            parsed.append(row)
    if meta is None or broken:
        return None
    if not parsed:
        problems.error(shown, 1, "", "表中没有数据行。")
        return None
    return Series(path.name, meta, header[0], header[1:], parsed, text)


def numbered_rows(text):
    """(line number, cells) for every row that is not blank; quoted cells may span lines."""
    table = csv.reader(text.splitlines(keepends=True))
    start = 1
    for cells in table:
        if any(cell.strip() for cell in cells):
            yield start, cells
        start = table.line_num + 1


def _parse_row(shown, line, cells, header, frequency, problems):
    """One data row → Row; None after reporting its problems. Without a valid sidecar
    (``frequency`` None) the row is still checked for its shape and numbers."""
    if len(cells) != len(header):
        problems.error(shown, line, "", f"这一行有 {len(cells)} 个值，表头有 {len(header)} 列（{'、'.join(header)}）：每行的值要与表头一一对应，没有数据的格子留空，但逗号要保留。")
        return None
    values = [cell.strip() for cell in cells[1:]]
    bad = [(column, value) for column, value in zip(header[1:], values) if value and not NUMBER.match(value)]
    for column, value in bad:
        problems.error(shown, line, column, f"“{value}”不是数字：这里应写数字，例如 6.3；单位写在说明文件 {Path(shown).with_suffix('.yaml').name} 的 unit 中，没有数据就留空。")
    period = cells[0].strip()
    match = PERIOD.match(period)
    part = FREQUENCY_PART.get(frequency)
    if frequency and (not match or (part and not match.group(part))
                      or any(match.group(p) for p in ("month", "quarter", "half") if p != part)):
        problems.error(shown, line, header[0], f"统计期“{period}”格式不对：{frequency}数据应写成 {FREQUENCY_EXAMPLE[frequency]} 这样。")
        return None
    if bad or not frequency:
        return None
    return Row(period, *_labels(int(match.group("year")), part, int(match.group(part) or 0) if part else 0),
               period_end(period), values, line)


def _labels(year, part, number):
    """(label, short label for axis ticks, position) of a period; a year's first period is named by its year."""
    if part == "month":
        label, short, position, per_year = f"{year}年{number}月", f"{number}月", year * 12 + number - 1, 12
    elif part == "quarter":
        name = QUARTER_NAMES[number - 1]
        label, short, position, per_year = f"{year}年{name}季度", f"{name}季度", year * 4 + number - 1, 4
    else:
        label, short, position, per_year = f"{year}年", f"{year}年", year, 1
    return label, f"{year}年" if position % per_year == 0 else short, position


def _load_meta(path, schemas, problems):
    shown = display_path(path)
    try:
        source = read_data_file(path, shown)
    except SourceError as exc:
        problems.error(shown, exc.line, exc.field, exc.message)
        return None
    if not isinstance(source.data, dict):
        problems.error(shown, 1, "", "说明文件应为“字段: 值”的形式，写明 title、unit、source 和 frequency。")
        return None
    pii.scan_data(source, lambda key_path, message: problems.error(shown, source.line(*key_path), field_label(key_path), message))
    broken = False
    for key_path, message in schemas.validate(SCHEMA, source.data):
        problems.error(shown, source.line(*key_path), field_label(key_path), f"{message}（数据序列 {path.with_suffix('.csv').name}）")
        broken = True
    return None if broken else dict(source.data, chart=source.data.get("chart", "line"))
