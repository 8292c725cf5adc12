"""公开目录 (the document index) → pages and exports, for the portal and for each unit.

- the portal: its home listing every unit by group, one catalogue of all units (per year, with a
  static page per unit, so it filters by unit without JS), the 政策文件库 of every unit's normative
  documents with a page per validity state, and district-wide catalog.json/csv whose items carry ``unit``;
- a unit: its home with the four fixed columns, its catalogue per year and per category (a category
  with validity also gets a page per state), and its own catalog.json/csv.

Everything here is regenerated from the records on every build; nobody edits the catalogue by hand.
"""

from collections import Counter
from functools import partial

from ..data.guides import GUIDE
from . import guides, new_media, urls
from .documents import item_row
from .pages import Page

TITLE = "政府信息公开目录"
POLICY_TITLE = "政策文件库"
WEBSITE_REPORT_TITLE = "政府网站工作年度报表"
LATEST_COUNT = 10
COMPILATION_TITLE = "制度文件汇编"
CLEANUP_TITLE = "清理结果"
EXPORT_EXCLUDED_KEYS = {"pii_allow", "slug", "summary"}
CSV_COLUMNS = (
    ("index_number", "索引号"), ("title", "名称"), ("unit_name", "单位"), ("type_label", "类型"), ("category", "分类"),
    ("doc_number", "文号"), ("issuer", "发布机构"), ("written_date", "成文日期"),
    ("publish_date", "发布日期"), ("topic", "主题分类"), ("genre", "体裁分类"),
    ("validity", "有效性"), ("url", "网址"),
)


def paginate(base, items, page_size):
    """Split items into pages: ``base`` holds page 1, ``base/page/N/`` the rest."""
    chunks = [items[i:i + page_size] for i in range(0, len(items), page_size)] or [[]]
    addresses = [base] + [f"{base}page/{n}/" for n in range(2, len(chunks) + 1)]
    for number, chunk in enumerate(chunks, start=1):
        yield {
            "items": chunk, "url": addresses[number - 1], "number": number, "count": len(chunks),
            "previous": addresses[number - 2] if number > 1 else None,
            "next": addresses[number] if number < len(chunks) else None,
            "pages": [{"number": n, "url": u} for n, u in enumerate(addresses, start=1)],
        }


class Catalog:
    """The rows of every record, made once, and the listings built from them."""

    def __init__(self, site, page_size, row_key=None):
        """``row_key(record)``: what a record's row follows from (the preview's ``record_inputs``). With
        it, a listing's page is compared by its rows' keys (``Page.made_from``) and its rows are made
        only when it is written."""
        self.site, self.page_size, self.row_key = site, page_size, row_key
        self.newest = site.newest_first()
        self.rows = {}
        self.unit_newest = {unit: [] for unit in site.units.values()}  # each unit's records, newest first
        for record in self.newest:
            self.unit_newest[record.unit].append(record)

    def row(self, record):
        row = self.rows.get(id(record))
        if row is None:
            row = self.rows[id(record)] = item_row(self.site, record)
        return row

    def pages(self):
        yield from self.portal_pages()
        for unit in self.site.units.values():
            yield from self.unit_pages(unit)

    def portal_pages(self):
        site, newest = self.site, self.newest
        yield Page("", "portal", {"home": portal_home_view(site, [self.row(r) for r in newest[:LATEST_COUNT]])})
        nav = catalog_nav(site, None, newest)
        yield from self.listing(None, urls.CATALOG, TITLE, newest, nav=nav, show_unit=True)
        for year, records in by_year(newest).items():
            yield from self.listing(None, urls.catalog_year(None, year), f"{year} 年公开目录", records, nav=nav,
                                    show_unit=True)
        normative = [r for r in newest if r.validity]
        yield from self.with_validity(None, urls.POLICY, POLICY_TITLE, normative, related=False, show_unit=True,
                                      units=policy_units(site, normative))

    def unit_pages(self, unit):
        site = self.site
        newest = self.unit_newest[unit]
        yield Page(urls.within(unit), "index", {"home": unit_home_view(site, unit, [self.row(r) for r in newest[:LATEST_COUNT]])},
                   unit=unit)
        nav = catalog_nav(site, unit, newest)
        yield from self.listing(unit, urls.within(unit, urls.CATALOG), TITLE, newest, nav=nav)
        for year, records in by_year(newest).items():
            yield from self.listing(unit, urls.catalog_year(unit, year), f"{year} 年公开目录", records, nav=nav)
        in_category = {}  # id of a category → its records (a category is a dict of taxonomy.yaml)
        for record in newest:
            in_category.setdefault(id(record.category), []).append(record)
        for category in site.taxonomy["categories"]:
            records = in_category.get(id(category), [])
            if not records and not is_fixed(site, category):
                continue  # no column without content: see has_column
            feed = urls.feed(unit, category["slug"]) if records else None
            yield from self.with_validity(unit, urls.category(unit, category), category["name"], records, feed=feed)

    def with_validity(self, unit, base, name, records, **extra):
        """A list; one whose records have validity also gets a page per validity state."""
        related = extra.pop("related", True)
        validity = validity_filter(self.site, records, base, name, instant=len(records) <= self.page_size, related=related)
        yield from self.listing(unit, base, name, records, validity_filter=validity, **extra)
        for option in validity["options"] if validity else ():
            if option["state"]:  # the option without a state is 全部: the listing above
                yield from self.listing(
                    unit, option["url"], option["title"], [r for r in records if r.validity == option["state"]],
                    validity_filter=validity_filter(self.site, records, base, name, current=option["state"], related=related),
                    trail=[{"name": name, "url": base}, {"name": option["label"]}], **extra)

    def listing(self, unit, base, title, records, **extra):
        """The pages of a list of ``records``, newest first."""
        lastmod = records[0].publish_date if records else None
        trail = extra.pop("trail", [{"name": title}])
        if unit:
            trail = [{"name": unit.name, "url": urls.within(unit)}] + trail
        for page in paginate(base, records, self.page_size):
            params = dict(extra, title=title, page=page, total=len(records), trail=trail)
            if self.row_key is None:
                yield Page(page["url"], "listing", self._with_rows(params), lastmod, unit)
                continue
            # The list of pages follows from the address and the count.
            shown = {key: value for key, value in page.items() if key not in ("items", "pages")}
            made_from = dict(params, page=shown), [self.row_key(r) for r in page["items"]]
            yield Page(page["url"], "listing", partial(self._with_rows, params), lastmod, unit, made_from)

    def _with_rows(self, params):
        params["page"]["items"] = [self.row(r) for r in params["page"]["items"]]
        return params


def by_year(newest):
    """Year → its records, newest year first, each year's records in the order given."""
    years = {}
    for record in newest:
        years.setdefault(record.publish_date.year, []).append(record)
    return dict(sorted(years.items(), reverse=True))


def portal_home_view(site, latest):
    """Every unit by group, with its item count and last update, and the newest items of all."""
    groups = []
    for unit in site.units.values():
        if not groups or groups[-1]["slug"] != unit.group["slug"]:
            groups.append({"slug": unit.group["slug"], "name": unit.group["name"], "units": []})
        updated = max((r.publish_date for r in unit.records), default=None)
        groups[-1]["units"].append({"name": unit.name, "url": urls.within(unit), "count": len(unit.records),
                                    "updated": updated.isoformat() if updated else ""})
    links = [{"name": TITLE, "url": urls.CATALOG}, {"name": POLICY_TITLE, "url": urls.POLICY}]
    if any(r.type == GUIDE for r in site.records):
        links.append({"name": guides.TITLE, "url": urls.SERVICE_GUIDES})
    if any(unit.agency.get("new_media") for unit in site.units.values()):
        links.append({"name": new_media.MATRIX_TITLE, "url": urls.NEW_MEDIA})
    if site.website_reports:  # 国办函〔2018〕12号: shown prominently on the home page
        links.append({"name": WEBSITE_REPORT_TITLE, "url": urls.WEBSITE_REPORT})
    return {"title": f"{site.portal['name']}政府信息公开", "groups": groups, "latest": latest, "links": links}


def unit_home_view(site, unit, latest):
    """The four fixed columns, the sub-sections of 法定主动公开内容 with counts, the latest items."""
    counts = Counter(r.category["slug"] for r in unit.records if r.category)
    categories = {c["slug"]: c for c in site.taxonomy["categories"]}
    sections = []
    for entry in site.taxonomy["active_disclosure"]:
        if "category" in entry:
            category = categories[entry["category"]]
            if counts[category["slug"]] or is_fixed(site, category):
                sections.append({"name": category["name"], "url": urls.category(unit, category), "count": counts[category["slug"]]})
        elif has_path_column(unit, entry["path"]):
            sections.append({"name": entry["name"], "url": urls.within(unit, entry["path"]), "count": None})
    return {"title": f"{unit.name}政府信息公开",
            "columns": [{"name": c["name"], "url": urls.within(unit, c["path"])} for c in site.taxonomy["fixed_columns"]],
            "sections": sections, "latest": latest, "catalog": urls.within(unit, urls.CATALOG)}


def catalog_nav(site, unit, newest):
    """Ways into a catalogue: by year, by category (a unit's) or by unit (the portal's), and the exports."""
    years = by_year(newest)
    nav = {
        "years": [{"name": f"{y} 年", "url": urls.catalog_year(unit, y)} for y in years],
        "exports": [{"name": "CSV（可用 Excel 打开）", "url": urls.within(unit, urls.CATALOG_CSV)},
                    {"name": "JSON", "url": urls.within(unit, urls.CATALOG_JSON)}],
    }
    if unit:
        nav["categories"] = [{"name": c["name"], "url": urls.category(unit, c)} for c in site.taxonomy["categories"]
                             if has_column(site, unit, c)]
    else:
        nav["units"] = [{"name": u.name, "url": urls.within(u, urls.CATALOG), "count": len(u.records)} for u in site.units.values()]
    return nav


def is_fixed(site, category):
    """True for a category that is one of the four fixed columns (年度报告): always opened."""
    return urls.category(None, category) in {column["path"] for column in site.taxonomy["fixed_columns"]}


def has_column(site, unit, category):
    """Whether a unit's section opens a category's column: when it holds items of the category, or when
    the column is fixed. A column with nothing in it is a 空白栏目 that inspectors count against the
    site (政府网站与政务新媒体检查指标), so a unit opens only the columns it has content for."""
    return is_fixed(site, category) or any(r.category is category for r in unit.records)


def has_path_column(unit, path):
    """Whether a unit opens a column of data/ (权责清单, 标准目录, 政务新媒体): only when it has the data;
    the other columns (指南, 制度, 机构职能, 依申请公开) are pages every unit has."""
    held = {urls.POWERS: lambda: bool(unit.powers), urls.STANDARD_CATALOG: lambda: unit.standard_catalog is not None,
            urls.NEW_MEDIA: lambda: bool(unit.agency.get("new_media"))}
    return held[path]() if path in held else True


def policy_units(site, normative):
    """The 政策文件库 by unit: each unit's own 规范性文件 list, with its count."""
    counts = Counter(r.unit.slug for r in normative)
    category = next((c for c in site.taxonomy["categories"] if "normative" in c["types"]), None)
    if category is None:
        return []
    return [{"name": u.name, "url": urls.category(u, category), "count": counts[u.slug]}
            for u in site.units.values() if counts[u.slug]]


def validity_filter(site, records, base, title, current="", instant=False, related=True):
    """Links from a list to its per-state pages, with a count each; None if nothing has validity.

    ``instant`` marks the one page that holds every row, where the script may filter in place;
    ``related`` adds the lifecycle pages that a unit's 规范性文件 list has below it.
    """
    if not any(r.validity for r in records):
        return None
    counts = Counter(r.validity for r in records)
    options = [("", "全部", base, len(records))] + [
        (state, label, urls.validity_state(base, state), counts[state])
        for state, label in site.taxonomy["validity"].items()
    ]
    return {
        "options": [{
            "state": state, "label": label, "url": url, "count": count, "current": state == current,
            "title": f"{title}（{label}）" if state else title,
            "summary": (f"{label}：" if state else "") + f"共 {count} 条，按发布日期从新到旧排列。",
        } for state, label, url, count in options],
        "instant": instant,
        "related": [{"name": COMPILATION_TITLE, "url": base + urls.COMPILATION},
                    {"name": CLEANUP_TITLE, "url": base + urls.CLEANUP}] if related else [],
    }


def export_item(site, record):
    """One catalogue entry for catalog.json: its contract keys, unit, summary, category, validity and url."""
    item = {key: jsonable(value) for key, value in record.meta.items() if key not in EXPORT_EXCLUDED_KEYS}
    item["unit"] = record.unit.slug
    item["unit_name"] = record.unit.name
    item["summary"] = record.summary
    item["category"] = record.category["name"] if record.category else ""
    if record.validity:
        item["validity"] = site.label("validity", record.validity)
    item["url"] = record.url
    return item


def jsonable(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def csv_row(site, item, record):
    """catalog.csv's row for ``record``, whose catalog.json entry is ``item``."""
    row = dict(item, type_label=site.label("types", record.type))
    return [jsonable(row.get(key, "")) for key, _ in CSV_COLUMNS]
