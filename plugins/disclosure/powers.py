"""权责清单 (the power and responsibility list): data/powers/*.yaml → checked items → pages and exports.

``load(site)`` checks every file and sets ``site.powers``, in taxonomy kind order, then by code.
``PowersGenerator`` writes the table (``powers/``), static pages per kind and per department
(so filtering works without JS), a page per item, ``powers.csv`` and ``powers.json``.
"""

import logging
from dataclasses import dataclass

from .reader import SITE_SETTING
from .schema import to_dates
from .writing import PageGenerator

log = logging.getLogger(__name__)

POWERS_DIR = "powers"
SCHEMA = "powers.schema.json"
BASE_URL = "powers/"
LIST_SEPARATOR = "\n"  # between the entries of a list inside one CSV cell
CSV_COLUMNS = (
    ("code", "事项编码"), ("name", "事项名称"), ("kind", "职权类别"), ("subject", "实施主体"),
    ("department", "承办科室"), ("basis", "设定依据"), ("responsibilities", "责任事项"),
    ("accountability", "追责情形"), ("updated", "更新日期"), ("url", "网址"),
)
JSON_KEYS = ("code", "name", "kind", "basis", "responsibilities", "accountability", "department", "updated", "url")


@dataclass(eq=False)
class Power:
    """One checked item of the list, with its kind and department entries from data/."""

    meta: dict
    kind: dict  # the power_kinds entry of taxonomy.yaml
    department: dict  # the departments entry of agency.yaml

    @property
    def code(self):
        return self.meta["code"]

    @property
    def url(self):
        return f"{BASE_URL}item/{self.code.lower()}/"


def kind_url(kind):
    return f"{BASE_URL}kind/{kind['slug']}/"


def department_url(department):
    return f"{BASE_URL}department/{department['slug']}/"


def load(site):
    """Check data/powers/*.yaml; unknown kinds or departments and duplicate codes are errors."""
    site.powers = []
    folder = site.data_dir / POWERS_DIR
    if not folder.is_dir():
        return
    schemas = site.schemas
    checker = _ItemChecker(site)
    for path in sorted(folder.glob("*.yaml")):
        source, clean = schemas.check_file(path, SCHEMA, site.problems)
        for number, item in enumerate(source.data if source and isinstance(source.data, list) else ()):
            power = checker.check(source, number, item) if isinstance(item, dict) else None
            if clean and power:
                site.powers.append(power)
    order = {kind["name"]: number for number, kind in enumerate(site.taxonomy["power_kinds"])}
    site.powers.sort(key=lambda p: (order[p.kind["name"]], p.code))


class _ItemChecker:
    def __init__(self, site):
        self.problems = site.problems
        self.kinds = {kind["name"]: kind for kind in site.taxonomy["power_kinds"]}
        self.departments = {d["name"]: d for d in site.agency["departments"]}
        self.codes = {}  # lower-case code → (path, line): codes become URLs, so case does not count

    def check(self, source, number, item):
        """A Power, or None when the item names a kind or department that data/ does not define."""
        def error(key, message):
            self.problems.error(source.path, source.line(number, key), f"[{number}].{key}", message)

        kind, department, code = item.get("kind"), item.get("department"), item.get("code")
        kind_entry = self.kinds.get(kind) if isinstance(kind, str) else None
        department_entry = self.departments.get(department) if isinstance(department, str) else None
        if isinstance(kind, str) and not kind_entry:
            error("kind", f"职权类别“{kind}”不在 data/taxonomy.yaml 的 power_kinds 中，应为以下之一：{'、'.join(self.kinds)}。")
        if isinstance(department, str) and not department_entry:
            error("department", f"承办科室“{department}”不在 data/agency.yaml 的 departments 中，应为以下之一：{'、'.join(self.departments)}。")
        elif department_entry and not department_entry.get("slug"):
            error("department", f"科室“{department}”承担权责事项，请在 data/agency.yaml 中为它填写 slug（英文网址名，例如 office）。")
        if isinstance(code, str):
            where = (source.path, source.line(number, "code"))
            first = self.codes.setdefault(code.lower(), where)
            if first != where:
                error("code", f"事项编码“{code}”与 {first[0]}:{first[1]} 重复。编码决定事项页面的网址，必须唯一（不区分大小写）。")
        to_dates(item, {"updated"})
        if kind_entry and department_entry and department_entry.get("slug"):
            return Power(item, kind_entry, department_entry)
        return None


def power_row(power):
    """One line of a 权责清单 table."""
    return {
        "code": power.code, "name": power.meta["name"], "url": power.url,
        "kind": power.kind["name"], "kind_slug": power.kind["slug"],
        "department": power.department["name"], "department_slug": power.department["slug"],
        "updated": power.meta["updated"].isoformat(),
    }


def power_view(site, power):
    """Everything an item page shows."""
    meta = power.meta
    return {
        "title": meta["name"],
        "rows": [
            {"label": "事项编码", "value": power.code},
            {"label": "职权类别", "value": power.kind["name"]},
            {"label": "实施主体", "value": site.agency["name"]},
            {"label": "承办科室", "value": power.department["name"]},
            {"label": "更新日期", "value": meta["updated"].isoformat()},
        ],
        "sections": [
            {"id": "basis", "heading": "设定依据", "entries": meta["basis"]},
            {"id": "responsibilities", "heading": "责任事项", "entries": meta["responsibilities"]},
            {"id": "accountability", "heading": "追责情形", "entries": meta["accountability"]},
        ],
        "kind": {"name": power.kind["name"], "url": kind_url(power.kind)},
        "department": {"name": power.department["name"], "url": department_url(power.department)},
    }


def counts(powers, key, url_of):
    """Each kind or department that holds powers, in the order met, with its count and page."""
    found = {}
    for power in powers:
        entry = getattr(power, key)
        found.setdefault(entry["slug"], {"name": entry["name"], "slug": entry["slug"], "url": url_of(entry), "count": 0})
        found[entry["slug"]]["count"] += 1
    return list(found.values())


def export(power):
    """One item of powers.json: the contract keys, with names for kind and department, and its url."""
    item = dict(power.meta, kind=power.kind["name"], department=power.department["name"],
                updated=power.meta["updated"].isoformat(), url=power.url)
    return {key: item[key] for key in JSON_KEYS}


def _table(caption, powers, anchor="", **columns):
    return {"caption": caption, "rows": [power_row(p) for p in powers], "id": anchor, **columns}


class PowersGenerator(PageGenerator):
    """Writes the 权责清单 pages and exports."""

    def generate_context(self):
        self.site = self.settings[SITE_SETTING]

    def generate_output(self, writer):
        powers = self.site.powers
        departments_order = [d["name"] for d in self.site.agency["departments"]]
        self.kinds = counts(powers, "kind", kind_url)
        self.departments = counts(sorted(powers, key=lambda p: departments_order.index(p.department["name"])),
                                  "department", department_url)
        self._write_listing(writer, BASE_URL, "权责清单", powers,
                            [_table("权责清单", powers, "power-table", show_kind=True, show_department=True, filterable=True)],
                            with_filter=True)
        for kind in self.kinds:
            chosen = [p for p in powers if p.kind["slug"] == kind["slug"]]
            self._write_listing(writer, kind["url"], f"{kind['name']}事项", chosen,
                                [_table(f"{kind['name']}事项", chosen, show_department=True)])
        for department in self.departments:
            chosen = [p for p in powers if p.department["slug"] == department["slug"]]
            tables = [_table(f"{department['name']} · {kind['name']}（{kind['count']} 项）",
                             [p for p in chosen if p.kind["slug"] == kind["slug"]], kind["slug"])
                      for kind in counts(chosen, "kind", kind_url)]
            self._write_listing(writer, department["url"], f"{department['name']}的权责事项", chosen, tables,
                                contents=[{"name": t["caption"], "url": "#" + t["id"]} for t in tables])
        for power in powers:
            self.write_page(writer, power.url + "index.html", "power", power=power_view(self.site, power),
                            lastmod=power.meta["updated"])
        self.write_json("powers.json", [export(p) for p in powers])
        self.write_csv("powers.csv", [label for _, label in CSV_COLUMNS], [self._csv_row(p) for p in powers])
        log.info("disclosure: wrote the 权责清单 of %d items", len(powers))

    def _write_listing(self, writer, url, title, powers, tables, with_filter=False, contents=()):
        updated = max((p.meta["updated"] for p in powers), default=None)
        listing = {
            "title": title, "count": len(powers), "total": len(self.site.powers),
            "updated": updated.isoformat() if updated else "", "tables": tables,
            "trail": [{"name": "权责清单", "url": BASE_URL}, {"name": title}] if url != BASE_URL else [{"name": title}],
            "kinds": [dict(k, current=k["url"] == url) for k in self.kinds],
            "departments": [dict(d, current=d["url"] == url) for d in self.departments],
            "is_all": url == BASE_URL, "filter": with_filter, "contents": contents,
            "filter_fields": [
                _filter_field("kind", "职权类别", "全部类别", self.kinds),
                _filter_field("department", "承办科室", "全部科室", self.departments),
            ],
        }
        self.write_page(writer, url + "index.html", "powers", listing=listing, lastmod=updated)

    def _csv_row(self, power):
        item = dict(export(power), subject=self.site.agency["name"])
        return [LIST_SEPARATOR.join(item[key]) if isinstance(item[key], list) else item[key] for key, _ in CSV_COLUMNS]


def _filter_field(name, label, all_label, choices):
    """One menu of the instant filter; the script matches its values against the rows' slugs."""
    return {"block": "power-filter__field", "id": f"power-filter-{name}", "name": name, "label": label,
            "all_label": all_label, "options": [{"value": c["slug"], "label": c["name"]} for c in choices]}
