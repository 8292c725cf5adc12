"""权责清单 → each unit's pages: the whole table, a page per kind and per department (so filtering
works without JS), a page per item, and the rows of its powers.csv and powers.json.
"""

from functools import partial

from . import urls
from .pages import Page

TITLE = "权责清单"
LIST_SEPARATOR = "\n"  # between the entries of a list inside one CSV cell
CSV_COLUMNS = (
    ("code", "事项编码"), ("name", "事项名称"), ("kind", "职权类别"), ("subject", "实施主体"),
    ("department", "承办科室"), ("basis", "设定依据"), ("responsibilities", "责任事项"),
    ("accountability", "追责情形"), ("updated", "更新日期"), ("url", "网址"),
)
JSON_KEYS = ("code", "name", "kind", "basis", "responsibilities", "accountability", "department", "updated", "url")


def power_row(unit, power):
    """One line of a 权责清单 table."""
    return {
        "code": power.code, "name": power.meta["name"], "url": urls.power(unit, power.code),
        "kind": power.kind["name"], "kind_slug": power.kind["slug"],
        "department": power.department["name"], "department_slug": power.department["slug"],
        "updated": power.meta["updated"].isoformat(),
    }


def power_view(unit, power):
    """Everything an item page shows."""
    meta = power.meta
    kind = {"name": power.kind["name"], "url": urls.power_kind(unit, power.kind)}
    return {
        "title": meta["name"],
        "trail": [_unit_link(unit), {"name": TITLE, "url": urls.within(unit, urls.POWERS)}, kind, {"name": meta["name"]}],
        "rows": [
            {"label": "事项编码", "value": power.code},
            {"label": "职权类别", "value": power.kind["name"]},
            {"label": "实施主体", "value": unit.name},
            {"label": "承办科室", "value": power.department["name"]},
            {"label": "更新日期", "value": meta["updated"].isoformat()},
        ],
        "sections": [
            {"id": "basis", "heading": "设定依据", "entries": meta["basis"]},
            {"id": "responsibilities", "heading": "责任事项", "entries": meta["responsibilities"]},
            {"id": "accountability", "heading": "追责情形", "entries": meta["accountability"]},
        ],
        "kind": kind,
        "department": {"name": power.department["name"], "url": urls.power_department(unit, power.department)},
        "guides": [{"title": r.meta["title"], "url": r.url} for r in sorted(power.guides, key=lambda r: r.index_number)],
    }


def counts(powers, key, url_of):
    """Each kind or department that holds powers, in the order met, with its count and page."""
    found = {}
    for power in powers:
        entry = getattr(power, key)
        found.setdefault(entry["slug"], {"name": entry["name"], "slug": entry["slug"], "url": url_of(entry), "count": 0})
        found[entry["slug"]]["count"] += 1
    return list(found.values())


def department_counts(unit):
    """Departments that hold powers, in agency.yaml order."""
    order = [d["name"] for d in unit.agency["departments"]]
    return counts(sorted(unit.powers, key=lambda p: order.index(p.department["name"])), "department",
                  partial(urls.power_department, unit))


def pages(site):
    """Every unit's 权责清单 pages; a unit without powers opens no such column."""
    for unit in site.units.values():
        if unit.powers:
            yield from unit_pages(unit)


def unit_pages(unit):
    powers = unit.powers
    kinds = counts(powers, "kind", partial(urls.power_kind, unit))
    listing = _Listing(unit, kinds, department_counts(unit))
    yield listing.page(listing.home, TITLE, powers,
                       [_table(unit, TITLE, powers, "power-table", show_kind=True, show_department=True, filterable=True)],
                       with_filter=True)
    for kind in kinds:
        chosen = [p for p in powers if p.kind["slug"] == kind["slug"]]
        yield listing.page(kind["url"], f"{kind['name']}事项", chosen,
                           [_table(unit, f"{kind['name']}事项", chosen, show_department=True)])
    for department in listing.departments:
        chosen = [p for p in powers if p.department["slug"] == department["slug"]]
        tables = [_table(unit, f"{department['name']} · {kind['name']}（{kind['count']} 项）",
                         [p for p in chosen if p.kind["slug"] == kind["slug"]], kind["slug"])
                  for kind in counts(chosen, "kind", partial(urls.power_kind, unit))]
        yield listing.page(department["url"], f"{department['name']}的权责事项", chosen, tables,
                           contents=[{"name": t["caption"], "url": "#" + t["id"]} for t in tables])
    for power in powers:
        yield Page(urls.power(unit, power.code), "power", {"power": power_view(unit, power)}, power.meta["updated"], unit)


class _Listing:
    """The pages that list a unit's powers share their navigation by kind and department."""

    def __init__(self, unit, kinds, departments):
        self.unit, self.kinds, self.departments = unit, kinds, departments
        self.home = urls.within(unit, urls.POWERS)

    def page(self, url, title, powers, tables, with_filter=False, contents=()):
        updated = max((p.meta["updated"] for p in powers), default=None)
        trail = [_unit_link(self.unit)] + ([{"name": TITLE, "url": self.home}] if url != self.home else []) + [{"name": title}]
        listing = {
            "title": title, "count": len(powers), "total": len(self.unit.powers), "subject": self.unit.name,
            "updated": updated.isoformat() if updated else "", "tables": tables, "trail": trail,
            "kinds": [dict(k, current=k["url"] == url) for k in self.kinds],
            "departments": [dict(d, current=d["url"] == url) for d in self.departments],
            "home": self.home, "is_all": url == self.home, "filter": with_filter, "contents": contents,
            "exports": {"csv": urls.within(self.unit, urls.POWERS_CSV), "json": urls.within(self.unit, urls.POWERS_JSON)},
            "filter_fields": [
                _filter_field("kind", "职权类别", "全部类别", self.kinds),
                _filter_field("department", "承办科室", "全部科室", self.departments),
            ],
        }
        return Page(url, "powers", {"listing": listing}, updated, self.unit)


def _unit_link(unit):
    return {"name": unit.name, "url": urls.within(unit)}


def _table(unit, caption, powers, anchor="", **columns):
    return {"caption": caption, "rows": [power_row(unit, p) for p in powers], "id": anchor, **columns}


def _filter_field(name, label, all_label, choices):
    """One menu of the instant filter; the script matches its values against the rows' slugs."""
    return {"block": "power-filter__field", "id": f"power-filter-{name}", "name": name, "label": label,
            "all_label": all_label, "options": [{"value": c["slug"], "label": c["name"]} for c in choices]}


def export(unit, power):
    """One item of powers.json: the contract keys, with names for kind and department, and its url."""
    item = dict(power.meta, kind=power.kind["name"], department=power.department["name"],
                updated=power.meta["updated"].isoformat(), url=urls.power(unit, power.code))
    return {key: item[key] for key in JSON_KEYS}


def csv_rows(unit):
    """The rows of a unit's powers.csv: one line per item, list entries on separate lines of a cell."""
    for power in unit.powers:
        item = dict(export(unit, power), subject=unit.name)
        yield [LIST_SEPARATOR.join(item[key]) if isinstance(item[key], list) else item[key] for key, _ in CSV_COLUMNS]
