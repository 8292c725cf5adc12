"""年度报告 figures: data/annual/YYYY.yaml checked, paired with its report item, totals computed.

A data file holds only the leaf figures a clerk reads off the register, laid out
as in 国办公开办函〔2021〕30号. ``annual.schema.json`` is the single source of their
keys, order and official labels. Here the build checks the one identity leaves can
break (表三, per applicant column: 一 + 二 = 三（七）+ 四), computes the 行政规范性文件
row of 表二 from the content. ``tools.annual_scaffold`` writes the zero-filled file for
``invoke new report``.
"""

import datetime
import re
from dataclasses import dataclass

from ..model import pii
from ..model.problems import processing
from ..model.source import Source, display_path
from ..model.validation import first_of_each
from ..model.validity import IN_FORCE, validity

ANNUAL_DIR = "annual"
SCHEMA = "annual.schema.json"
FORMAT_FIRST_YEAR = 2020  # the 2021 format starts with the 2020 report; older reports are plain text
YEAR = re.compile(r"^[0-9]{4}$")
REF_PREFIX = "#/$defs/"
APPLICANTS_REF = REF_PREFIX + "applicants"
PROSE_REF = REF_PREFIX + "prose"
RECEIVED, CARRIED_OVER = ("applications", "received"), ("applications", "carried_over")
RESULTS, CARRIED_FORWARD = ("applications", "results"), ("applications", "carried_forward")


@dataclass
class Report:
    """One year's figures: the data file's leaves and the 规范性文件 row computed from the content."""

    year: int
    source: Source
    normative: dict  # issued / repealed / in_force

    @property
    def data(self):
        return self.source.data


def node(schema, spec):
    """``spec`` with its local ``$ref`` merged in (the referring node's title and description win)."""
    ref = spec.get("$ref", "")
    return {**schema["$defs"][ref.removeprefix(REF_PREFIX)], **spec} if ref.startswith(REF_PREFIX) else spec


def children(schema, spec):
    """(key, child spec) under ``spec``, in the schema's order."""
    return [(key, node(schema, child)) for key, child in node(schema, spec).get("properties", {}).items()]


def at(data, path):
    for key in path:
        data = data[key]
    return data


def rows(schema, spec, path):
    """Key paths of the leaf rows (one figure per applicant type) under ``spec``, in order."""
    if spec.get("$ref") == APPLICANTS_REF:
        yield path
        return
    for key, child in children(schema, spec):
        yield from rows(schema, child, path + (key,))


def section(schema, path):
    spec = schema
    for key in path:
        spec = node(schema, spec["properties"][key])
    return spec


def applicant_columns(schema):
    return children(schema, {"$ref": APPLICANTS_REF})


def load(site):
    """Check every unit's annual/YYYY.yaml and pair each year with the unit's report item."""
    for unit in site.units.values():
        _load_unit(site, unit)


def _load_unit(site, unit):
    schema = site.schemas.documents[SCHEMA]
    items = _report_items(site, unit)
    folder = unit.data_dir / ANNUAL_DIR
    present = set()
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        if not YEAR.match(path.stem):
            site.problems.error(display_path(path), 1, "", f"文件名“{path.name}”不对：应为报告年度加 .yaml，例如 2020.yaml。")
            continue
        year = int(path.stem)
        present.add(year)
        with processing(display_path(path)):
            source = site.read_data(path, SCHEMA)
            if source is None:
                continue
            source.data = _whole_numbers(source.data)
            _check_balance(site, schema, source)
            _check_prose(site, schema, source)
            unit.annual[year] = Report(year, source, normative_counts(unit, year))
        if year not in items:
            site.problems.warning(source.path, 1, "", f"没有 {year} 年度的年度报告条目（type: report，year: {year}），"
                                  f"这些数字不会发布。请运行 invoke new report {year} 新建条目。")
    for year, record in items.items():
        if year >= FORMAT_FIRST_YEAR and year not in present:
            shown = display_path(folder / f"{year}.yaml")
            site.problems.error(record.path, record.source.line("year"), "year",
                                f"找不到 {year} 年度报告的数据文件 {shown}：按国办公开办函〔2021〕30号格式，"
                                f"报告须有表二至表四。请运行 invoke new report {year} 生成数据文件后填写。")
    _check_carry_over(site, unit, schema)


def _report_items(site, unit):
    """Year → its report item; a second item for the same year is an error."""
    reports = [r for r in unit.records if r.type == "report"]
    return first_of_each(
        site, reports, lambda r: r.meta["year"] if isinstance(r.meta.get("year"), int) else None, "year",
        lambda year, first: f"{year} 年度已有年度报告 {first.path}（{first.index_number}），每个年度只能有一份。")


def _whole_numbers(value):
    """The schema accepts 2.0 as an integer; keep it an int so it prints as 2."""
    if isinstance(value, dict):
        return {key: _whole_numbers(item) for key, item in value.items()}
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _check_balance(site, schema, source):
    """表三, in every applicant column: 一 新收 + 二 上年结转 = 三（七）办理结果总计 + 四 结转下年度."""
    data, results = source.data, list(rows(schema, section(schema, RESULTS), RESULTS))
    result_lines = [source.line(*path) for path in results]
    where = (f"第 {source.line(*RECEIVED)} 行（一）、第 {source.line(*CARRIED_OVER)} 行（二）、"
             f"第 {min(result_lines)}–{max(result_lines)} 行（三）、第 {source.line(*CARRIED_FORWARD)} 行（四）")
    for key, spec in applicant_columns(schema):
        received, carried_over = at(data, RECEIVED)[key], at(data, CARRIED_OVER)[key]
        handled = sum(at(data, path)[key] for path in results)
        carried_forward = at(data, CARRIED_FORWARD)[key]
        if received + carried_over != handled + carried_forward:
            site.problems.error(
                source.path, source.line(*RECEIVED), f"applications.*.{key}",
                f"表三“{spec['title']}”列不平衡：一 本年新收 {received} + 二 上年结转 {carried_over} = "
                f"{received + carried_over}，而 三（七）办理结果总计 {handled} + 四 结转下年度 {carried_forward} = "
                f"{handled + carried_forward}，两边应相等。请对照登记簿核对该列在{where}的数字。")


def _check_prose(site, schema, source):
    """Report text is published: no personal information."""
    for key, spec in children(schema, schema):
        text = source.data.get(key)
        if spec.get("$ref") == PROSE_REF and text:
            first_line = source.line(key) + ("\n" in text)  # a block scalar starts below its key
            pii.scan(text, set(), lambda line, message: site.problems.error(source.path, line, key, message),
                     first_line=first_line)


def _check_carry_over(site, unit, schema):
    """二 上年结转 should repeat the previous report's 四 结转下年度继续办理, column by column."""
    for year, report in sorted(unit.annual.items()):
        previous = unit.annual.get(year - 1)
        if previous is None:
            continue
        now, before = at(report.data, CARRIED_OVER), at(previous.data, CARRIED_FORWARD)
        differ = [f"{spec['title']} {now[key]}（上年报告为 {before[key]}）"
                  for key, spec in applicant_columns(schema) if now[key] != before[key]]
        if differ:
            site.problems.warning(
                report.source.path, report.source.line(*CARRIED_OVER), "applications.carried_over",
                f"二 上年结转与 {previous.source.path}:{previous.source.line(*CARRIED_FORWARD)} 的“四 结转下年度继续办理”"
                f"不一致：{'、'.join(differ)}。两者应相等。")


def normative_counts(unit, year):
    """表二 行政规范性文件 for ``year``, from the unit's own content: published in the year, repealed
    in it (by the repealing document's effective date), and in force on 31 December."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    normative = [r for r in unit.records if r.type == "normative" and isinstance(r.meta.get("publish_date"), datetime.date)]
    return {
        "issued": sum(first <= r.meta["publish_date"] <= last for r in normative),
        "repealed": sum(first <= repealed <= last for r in normative if (repealed := _repealed_on(r))),
        "in_force": sum(r.meta["publish_date"] <= last and validity(r, last) in IN_FORCE for r in normative),
    }


def _repealed_on(record):
    dates = [p.meta.get("effective_date") or p.meta.get("publish_date") for p in record.links.get("repealed_by", ())]
    return min((d for d in dates if isinstance(d, datetime.date)), default=None)
