"""栏目不更新 and 空白栏目 (单项否决 in the 检查指标): every column of the portal and of each unit,
with the items that keep it up to date.

A unit opens a catalogue category's column only when it has items in it (or when the column is
fixed, as the 年度报告 is: views.catalog.has_column), and its 权责清单 and 标准目录 only when it
has them (has_path_column), so what can be blank are the fixed columns: 年度报告 and the unit's
公开目录 (法定主动公开内容). The prose pages (指南, 制度, 机构职能, 依申请公开) always have content.
"""

from dataclasses import dataclass

from ...data.inspection import label, since
from ...model.records import TYPE_FOLDERS, category_for
from ...model.source import display_path
from ...views import catalog, urls
from .findings import Finding, at_threshold, unit_name

STALE, BLANK = "栏目不更新", "空白栏目"
PORTAL_COLUMNS = (("政府信息公开目录", urls.CATALOG), (catalog.POLICY_TITLE, urls.POLICY))


@dataclass
class Column:
    name: str
    url: str
    dates: list  # publication (or update) dates of what it lists
    unit: object = None  # None for the portal's own columns
    category: dict = None
    where: str = ""  # where staff add to it

    @property
    def items(self):
        return len(self.dates)


def unit_columns(site, unit):
    """The columns a unit's section opens that list content, in the order of its home page."""
    def dated(records):
        return [r.publish_date for r in records]
    paths = {urls.CATALOG: lambda: dated(unit.records),
             urls.POWERS: lambda: [p.meta["updated"] for p in unit.powers],
             urls.STANDARD_CATALOG: lambda: [unit.standard_catalog["updated"]] * len(unit.standard_catalog["items"])
             if unit.standard_catalog else []}
    data_dir = display_path(unit.data_dir)
    columns = [Column(c["name"], urls.category(unit, c), dated(r for r in unit.records if r.category is c), unit, c,
                      display_path(unit.content_dir / TYPE_FOLDERS.get(c["types"][0], "")))
               for c in site.taxonomy["categories"] if catalog.has_column(site, unit, c)]
    for entry in site.taxonomy["fixed_columns"] + site.taxonomy["active_disclosure"]:
        if entry.get("path") in paths and catalog.has_path_column(unit, entry["path"]):
            columns.append(Column(entry["name"], urls.within(unit, entry["path"]), paths[entry["path"]](), unit,
                                  where=display_path(unit.content_dir) if entry["path"] == urls.CATALOG else data_dir))
    return columns


def portal_columns(site):
    """The portal's 公开目录 (every unit's items) and 政策文件库 (every unit's normative documents)."""
    normative = category_for(site.taxonomy, {"type": "normative"})
    lists = {urls.CATALOG: (site.records, None), urls.POLICY: ([r for r in site.records if r.validity], normative)}
    return [Column(name, url, [r.publish_date for r in lists[url][0]], None, lists[url][1]) for name, url in PORTAL_COLUMNS]


def all_columns(site):
    columns = portal_columns(site)
    for unit in site.units.values():
        columns += unit_columns(site, unit)
    return columns


def stale(site, rules, columns):
    """Columns of a kind the 检查指标 times (动态, 通知公告, 政策文件) whose newest item is too old."""
    day, found = site.build_date, []
    kinds = {slug: kind for kind in rules["columns"]["kinds"] for slug in kind["categories"]}
    for column in columns:
        kind = kinds.get(column.category["slug"]) if column.category else None
        if kind is None or not column.dates:
            continue
        newest, limit = max(column.dates), since(day, kind["within"])
        if newest < limit:
            found.append(Finding(
                STALE, "", f"{unit_name(column.unit)}的“{column.name}”栏目（{kind['name']}）最近一次更新是 {newest}，"
                f"已 {(day - newest).days} 天没有更新，超过 {label(kind['within'])}（应在 {limit} 之后有更新）。"
                f"请发布本栏目的新信息，或把已过时的栏目撤并。",
                unit_name(column.unit), column.name, column.where or column.url))
    return at_threshold(found, rules["columns"]["veto_at"])


def blank(site, rules, columns):
    """Columns that are open and list nothing: 有栏目无内容."""
    found = [Finding(BLANK, "", f"{unit_name(c.unit)}的“{c.name}”栏目（{c.url}）是必须开设的栏目，但没有任何内容：请发布本栏目的信息。",
                     unit_name(c.unit), c.name, c.where or c.url)
             for c in columns if not c.items]
    return at_threshold(found, rules["blank_columns"]["veto_at"])
