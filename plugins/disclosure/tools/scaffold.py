"""``invoke new``: a valid skeleton for a new item, with the next free 索引号 and the build date (today in the site's time zone)."""

import datetime

from ..data.guides import LICENSING
from ..load import load_site
from ..model import placeholders
from ..model.doc_numbers import DOC_NUMBER
from ..model.index_numbers import next_index_number, slug_of
from ..model.records import TYPE_FOLDERS
from ..model.source import display_path
from . import annual_scaffold, front_matter, website_report_scaffold
from .commands import CommandFailed, settings_for, unit_of

NEW_TYPE_KINDS = ("guide", "funds", "repost")


def new(kind, title, config="pelicanconf.py", today=None, site_root=None, unit=None, guide=None):
    """Write a valid skeleton for a new item of a unit with its next free index number; return the paths written.

    ``new report 2020`` (or a title naming 2020年) also writes the unit's annual/2020.yaml with every
    figure at 0, and writes the report item only if the year has none yet. ``new website-report 2025``
    writes only the portal's data/website_report/2025.yaml (the 政府网站工作年度报表 has no item).
    ``guide``, a list, receives the item's fields with their hints (``field_guide``), for the terminal.
    """
    if kind not in TYPE_FOLDERS and kind != website_report_scaffold.KIND:
        raise CommandFailed(f"未知类型“{kind}”，应为以下之一：{'、'.join((*TYPE_FOLDERS, website_report_scaffold.KIND))}。")
    settings = settings_for(config, site_root)
    site = load_site(settings)
    if kind == website_report_scaffold.KIND:
        return [website_report_scaffold.new(site, title, today)]
    unit = unit_of(site, unit)
    today = today or site.build_date
    written, year = [], None
    if kind == "report":
        year = annual_scaffold.report_year(title, today)
        title = annual_scaffold.default_title(unit.agency, year) if title.strip() == str(year) else title
        data_file = annual_scaffold.write_scaffold(site, unit, year)
        written = [data_file] if data_file else []
        if any(r.type == "report" and r.meta.get("year") == year for r in unit.records):
            if not written:
                raise CommandFailed(f"{unit.name} {year} 年度报告的条目和数据文件 "
                                    f"{display_path(unit.data_dir / 'annual' / f'{year}.yaml')} 都已存在，没有覆盖。")
            return written
    index = next_index_number(site, unit, today.year)
    folder = unit.content_dir / TYPE_FOLDERS[kind]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug_of(index)}.md"  # named like its address, as the web editor names it
    if path.exists():
        raise CommandFailed(f"文件 {path} 已存在，没有覆盖。")
    path.write_text(_skeleton(site, unit, kind, title, index, today, year), encoding="utf-8")
    if guide is not None:
        guide += field_guide(site, unit, kind)
    return [path] + written


def _skeleton(site, unit, kind, title, index, today, year=None):
    """The new item in the form the web editor writes (no comments: each field's hint is in the schema,
    shown in the editor's form and printed by ``field_guide``)."""
    newest_normative = next((r for r in site.newest_first(unit.records) if r.type == "normative"), None)
    newest_normative = newest_normative or next((r for r in site.newest_first() if r.type == "normative"), None)
    if kind == "interpretation" and not newest_normative:
        raise CommandFailed("还没有可解读的文件：请先发布文件，再新建解读。")
    meta = {"title": title, "type": kind, "index_number": index, "publish_date": today, "written_date": today,
            "department": unit.agency["departments"][0]["name"], "keywords": []}
    if kind == "normative":
        meta.update(doc_number=placeholders.DOC_NUMBER, effective_date=today)
    elif kind == "interpretation":
        meta.update(interprets=[newest_normative.index_number], form=site.taxonomy["interpretation_forms"][0])
    elif kind == "consultation":
        meta.update(opens=today, closes=today + datetime.timedelta(days=30))
    elif kind == "report":
        meta["year"] = year
    elif kind == "statistics":
        meta["period"] = f"{today:%Y-%m}"
    elif kind == "plan":
        meta["tasks"] = []
    elif kind in NEW_TYPE_KINDS:
        meta.update(_new_type_meta(kind, today))
    body = placeholders.REPORT_BODY if kind == "report" else placeholders.BODY
    return front_matter.item_text(meta, body, front_matter.field_order(site.schemas, kind))


def field_guide(site, unit, kind):
    """Each key of a type with its Chinese name and hint, for the terminal after ``invoke new``."""
    example = doc_number_example(site, unit, site.build_date.year)
    lines = []
    for key, spec in site.schemas.properties(f"{kind}.schema.json").items():
        if key == "type":
            continue
        hint = spec.get("description", "")
        if key == "doc_number":
            hint = f"例如 {example}。{hint}"
        elif key == "power_code" and _power_example(unit):
            hint = f"例如 {_power_example(unit)}。{hint}"
        lines.append(f"  {key}（{spec.get('title', key)}）{'：' + hint if hint else ''}")
    return lines


def _new_type_meta(kind, today):
    """The keys of a new 办事指南, 政策资金公示 or 转载 (DESIGN §3): placeholders where only the clerk knows."""
    if kind == "guide":
        return {"power_code": placeholders.POWER_CODE, "conditions": [placeholders.GUIDE_LIST],
                "materials": [placeholders.GUIDE_LIST], "steps": [placeholders.GUIDE_LIST], "legal_days": 20,
                "promised_days": 10, "fee": "不收费"}
    if kind == "funds":
        return {"dataset": placeholders.DATASET}
    return {"source_name": placeholders.SOURCE_NAME, "source_url": placeholders.SOURCE_URL,
            "source_time": f"{today} 09:00", "publish_time": "10:00"}


def _power_example(unit):
    """The power a new guide most likely belongs to: a 行政许可 without a guide, else any without one."""
    unguided = [p for p in unit.powers if not p.guides]  # a licence first: it must have a guide
    codes = [p.code for p in sorted(unguided, key=lambda p: p.kind["name"] != LICENSING)] or [p.code for p in unit.powers]
    return codes[0] if codes else None


def doc_number_example(site, unit, year):
    """An example 文号 with the unit's own 机关代字, taken from its newest 文号 (a placeholder without one)."""
    for record in site.newest_first(unit.records):
        match = DOC_NUMBER.fullmatch(str(record.meta.get("doc_number", "")))
        if match:
            return f"{match['prefix']}〔{year}〕1号"
    return f"（本单位的发文机关代字）〔{year}〕1号"



