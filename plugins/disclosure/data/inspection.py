"""data/inspection.yaml: the thresholds of ``invoke inspect``, so a new edition of the 检查指标 is a
data edit. ``invoke check`` checks the file when it is there; ``invoke inspect`` needs it.

A period is one of ``{days: N}``, ``{weeks: N}``, ``{months: N}`` or ``{years: N}``, counted back
from the inspection date: ``since(day, period)`` is the earliest date that is still within it.
"""

import calendar
import datetime

from ..model.source import display_path

FILE, SCHEMA = "inspection.yaml", "inspection.schema.json"
UNITS = {"days": "天", "weeks": "周", "months": "个月", "years": "年"}
PERIOD_PATHS = (("home", "within"), ("normative", "expiry_within"), ("normative", "review_after"))


def load(site):
    """``site.inspection``: the checked file as a ``Source``, or None without one (or with errors)."""
    path = site.data_dir / FILE
    if not path.exists():
        return
    source = site.read_data(path, SCHEMA)
    if source is None:
        return
    data, errors = source.data, len(site.problems.errors)
    periods = list(PERIOD_PATHS)
    periods += [("columns", "kinds", n, "within") for n in range(len(data["columns"]["kinds"]))]
    for where in periods:
        period = data
        for key in where:
            period = period[key]
        if len(period) != 1:
            site.problems.error(source.path, source.line(*where), ".".join(map(str, where)),
                                f"期限应只写一项，例如 {{weeks: 2}} 或 {{months: 6}}，实际写了 {len(period)} 项。")
    slugs, seen = {c["slug"] for c in site.taxonomy.get("categories", ())}, {}
    for n, kind in enumerate(data["columns"]["kinds"]):
        for m, slug in enumerate(kind["categories"]):
            where = ("columns", "kinds", n, "categories", m)
            field = f"columns.kinds[{n}].categories[{m}]"
            if slug not in slugs:
                site.problems.error(source.path, source.line(*where), field,
                                    f"分类“{slug}”不在 data/taxonomy.yaml 的 categories 中，应为以下之一：{'、'.join(sorted(slugs))}。")
            elif seen.setdefault(slug, kind["name"]) != kind["name"]:
                site.problems.error(source.path, source.line(*where), field,
                                    f"分类“{slug}”已归入“{seen[slug]}”：每个分类只能有一个更新期限。")
    if len(site.problems.errors) == errors:
        site.inspection = source


def since(day, period):
    """The earliest date within ``period`` before ``day``: ``since(2026-11-22, {months: 6})`` = 2026-05-22."""
    return _shift(day, period, -1)


def until(day, period):
    """The last date within ``period`` after ``day``: ``until(2026-11-22, {days: 90})`` = 2027-02-20."""
    return _shift(day, period, 1)


def _shift(day, period, sign):
    (unit, count), = period.items()
    if unit in ("days", "weeks"):
        return day + sign * datetime.timedelta(days=count * (7 if unit == "weeks" else 1))
    months = day.year * 12 + day.month - 1 + sign * count * (12 if unit == "years" else 1)
    year, month = divmod(months, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def label(period):
    """``{months: 6}`` → “6 个月”."""
    (unit, count), = period.items()
    return f"{count} {UNITS[unit]}"


def shown(site):
    return display_path(site.data_dir / FILE)
