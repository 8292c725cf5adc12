"""公开目录 (the document index) → pages and exports: the home page, the paginated catalogue per
year and per category, a page per validity state of a category with validity, catalog.json/csv.

Everything here is regenerated from the records on every build; nobody edits the catalogue by hand.
"""

from collections import Counter

from . import urls
from .documents import item_row
from .pages import Page

TITLE = "政府信息公开目录"
LATEST_COUNT = 10
COMPILATION_TITLE = "制度文件汇编"
CLEANUP_TITLE = "清理结果"
EXPORT_EXCLUDED_KEYS = {"pii_allow", "slug", "summary"}
CSV_COLUMNS = (
    ("index_number", "索引号"), ("title", "名称"), ("type_label", "类型"), ("category", "分类"),
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


def pages(site, page_size, category_feed):
    """The home page and every catalogue listing; ``category_feed(slug)`` is a category's Atom feed or None."""
    newest = site.newest_first()
    rows = {id(r): item_row(site, r) for r in newest}
    listings = _Listings(rows, page_size)
    yield Page("", "index", {"home": home_view(site, newest, rows)})
    nav = catalog_nav(site, newest)
    yield from listings.pages(urls.CATALOG, TITLE, newest, nav=nav)
    for year in sorted({r.publish_date.year for r in newest}, reverse=True):
        yield from listings.pages(urls.catalog_year(year), f"{year} 年公开目录",
                                  [r for r in newest if r.publish_date.year == year], nav=nav)
    for category in site.taxonomy["categories"]:
        records = [r for r in newest if r.category is category]
        base, name = urls.category(category), category["name"]
        feed = category_feed(category["slug"]) if records else None
        validity = validity_filter(site, records, base, name, instant=len(records) <= page_size)
        yield from listings.pages(base, name, records, category=category, feed=feed, validity_filter=validity)
        for option in validity["options"] if validity else ():
            if option["state"]:  # the option without a state is 全部: the listing above
                yield from listings.pages(
                    option["url"], option["title"], [r for r in records if r.validity == option["state"]],
                    category=category, feed=feed,
                    validity_filter=validity_filter(site, records, base, name, current=option["state"]),
                    trail=[{"name": name, "url": base}, {"name": option["label"]}])


class _Listings:
    def __init__(self, rows, page_size):
        self.rows, self.page_size = rows, page_size

    def pages(self, base, title, records, **extra):
        rows = [self.rows[id(r)] for r in records]
        lastmod = max((r.publish_date for r in records), default=None)
        for page in paginate(base, rows, self.page_size):
            yield Page(page["url"], "listing", dict(extra, title=title, page=page, total=len(rows)), lastmod)


def home_view(site, newest, rows):
    """The four fixed columns, the sub-sections of 法定主动公开内容 with counts, the latest items."""
    counts = Counter(r.category["slug"] for r in site.records if r.category)
    categories = {c["slug"]: c for c in site.taxonomy["categories"]}
    sections = []
    for entry in site.taxonomy["active_disclosure"]:
        if "category" in entry:
            category = categories[entry["category"]]
            sections.append({"name": category["name"], "url": urls.category(category), "count": counts[category["slug"]]})
        else:
            sections.append({"name": entry["name"], "url": entry["path"], "count": None})
    return {"columns": [{"name": c["name"], "url": c["path"]} for c in site.taxonomy["fixed_columns"]],
            "sections": sections, "latest": [rows[id(r)] for r in newest[:LATEST_COUNT]]}


def catalog_nav(site, newest):
    years = sorted({r.publish_date.year for r in newest}, reverse=True)
    return {
        "years": [{"name": f"{y} 年", "url": urls.catalog_year(y)} for y in years],
        "categories": [{"name": c["name"], "url": urls.category(c)} for c in site.taxonomy["categories"]],
        "exports": [{"name": "CSV（可用 Excel 打开）", "url": urls.CATALOG_CSV}, {"name": "JSON", "url": urls.CATALOG_JSON}],
    }


def validity_filter(site, records, base, title, current="", instant=False):
    """Links from a list to its per-state pages, with a count each; None if nothing has validity.

    ``instant`` marks the one page that holds every row, where the script may filter in place.
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
                    {"name": CLEANUP_TITLE, "url": base + urls.CLEANUP}],
    }


def export_item(site, record):
    """One catalogue entry for catalog.json: its contract keys, summary, category, validity and url."""
    item = {key: jsonable(value) for key, value in record.meta.items() if key not in EXPORT_EXCLUDED_KEYS}
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


def csv_rows(site, items, records):
    """catalog.csv's rows for the catalog.json ``items`` of ``records``."""
    for item, record in zip(items, records):
        row = dict(item, type_label=site.label("types", record.type))
        yield [jsonable(row.get(key, "")) for key, _ in CSV_COLUMNS]
