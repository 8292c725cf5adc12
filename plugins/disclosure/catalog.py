"""Catalogue and exports: the 公开目录 pages, catalog.json/csv, the home page and sitemap.

Everything here is regenerated from the records on every build; nobody edits
the catalogue by hand.
"""

import logging
import os
import shutil

from . import views
from .reader import SITE_SETTING
from .schema import SCHEMA_DIR
from .writing import SITEMAP_ENTRIES, PageGenerator

log = logging.getLogger(__name__)

PAGE_SIZE = 50
LATEST_COUNT = 10
EXPORT_EXCLUDED_KEYS = {"pii_allow", "slug"}
CSV_COLUMNS = (
    ("index_number", "索引号"), ("title", "名称"), ("type_label", "类型"), ("category", "分类"),
    ("doc_number", "文号"), ("issuer", "发布机构"), ("written_date", "成文日期"),
    ("publish_date", "发布日期"), ("topic", "主题分类"), ("genre", "体裁分类"),
    ("validity", "有效性"), ("url", "网址"),
)


def paginate(base, items, page_size):
    """Split items into pages: ``base`` holds page 1, ``base/page/N/`` the rest."""
    chunks = [items[i:i + page_size] for i in range(0, len(items), page_size)] or [[]]
    urls = [base] + [f"{base}page/{n}/" for n in range(2, len(chunks) + 1)]
    for number, chunk in enumerate(chunks, start=1):
        yield {
            "items": chunk, "url": urls[number - 1], "number": number, "count": len(chunks),
            "previous": urls[number - 2] if number > 1 else None,
            "next": urls[number] if number < len(chunks) else None,
            "pages": [{"number": n, "url": u} for n, u in enumerate(urls, start=1)],
        }


def export_item(site, record):
    """One catalogue entry for catalog.json: its contract keys, validity and url."""
    item = {}
    for key, value in record.meta.items():
        if key in EXPORT_EXCLUDED_KEYS:
            continue
        item[key] = _jsonable(value)
    item["category"] = record.category["name"] if record.category else ""
    if record.validity:
        item["validity"] = site.label("validity", record.validity)
    item["url"] = record.url
    return item


def _jsonable(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


class CatalogGenerator(PageGenerator):
    """Writes the home page, catalogue listings, exports and the sitemap.

    It must run after the other disclosure generators: its sitemap lists the pages they wrote.
    """

    def generate_context(self):
        self.site = self.settings[SITE_SETTING]
        self.page_size = self.settings.get("DISCLOSURE_PAGE_SIZE", PAGE_SIZE)
        self.context["AGENCY"] = self.site.agency
        self.context["TAXONOMY"] = self.site.taxonomy
        self.rows = {id(r): views.item_row(self.site, r) for r in self.site.records}
        for article in self.context.get("articles", ()):
            article.view = views.document_view(self.site, article.record)

    def generate_output(self, writer):
        site = self.site
        newest = site.newest_first()
        self.write_page(writer, "index.html", "index", home=views.home_view(site, LATEST_COUNT))
        self._write_listing(writer, "catalog/", "政府信息公开目录", newest, nav=self._catalog_nav())
        for year in sorted({r.meta["publish_date"].year for r in newest}, reverse=True):
            records = [r for r in newest if r.meta["publish_date"].year == year]
            self._write_listing(writer, f"catalog/{year}/", f"{year} 年公开目录", records, nav=self._catalog_nav())
        for category in site.taxonomy["categories"]:
            self._write_category(writer, category, [r for r in newest if r.category is category])
        self._write_exports(newest)
        self._write_sitemap()
        shutil.copytree(SCHEMA_DIR, os.path.join(self.output_path, "schemas"), dirs_exist_ok=True)
        log.info("disclosure: wrote the catalogue of %d items", len(newest))

    def _catalog_nav(self):
        years = sorted({r.meta["publish_date"].year for r in self.site.records}, reverse=True)
        return {
            "years": [{"name": f"{y} 年", "url": f"catalog/{y}/"} for y in years],
            "categories": [{"name": c["name"], "url": c["slug"] + "/"} for c in self.site.taxonomy["categories"]],
        }

    def _write_category(self, writer, category, records):
        """A category's listing; one with validity (规范性文件) also gets a page per validity state."""
        base, name = category["slug"] + "/", category["name"]
        instant = len(records) <= self.page_size
        validity_filter = views.validity_filter(self.site, records, base, name, instant=instant)
        feed = self._category_feed(category, records)
        self._write_listing(writer, base, name, records, category=category, feed=feed, validity_filter=validity_filter)
        for option in validity_filter["options"] if validity_filter else ():
            if option["state"]:  # the option without a state is 全部: the listing just written
                self._write_listing(
                    writer, option["url"], option["title"],
                    [r for r in records if r.validity == option["state"]], category=category, feed=feed,
                    validity_filter=views.validity_filter(self.site, records, base, name, current=option["state"]),
                    trail=[{"name": name, "url": base}, {"name": option["label"]}])

    def _category_feed(self, category, records):
        """The category's Atom feed, which Pelican writes only for a category with items."""
        pattern = self.settings.get("CATEGORY_FEED_ATOM")
        return pattern.format(slug=category["slug"]) if pattern and records else None

    def _write_listing(self, writer, base, title, records, **extra):
        rows = [self.rows[id(r)] for r in records]
        lastmod = max((r.meta["publish_date"] for r in records), default=None)
        for page in paginate(base, rows, self.page_size):
            self.write_page(writer, page["url"] + "index.html", "listing", title=title, page=page,
                            total=len(rows), lastmod=lastmod, **extra)

    def _write_exports(self, records):
        items = [export_item(self.site, r) for r in records]
        self.write_json("catalog.json", items)
        rows = []
        for item, record in zip(items, records):
            row = dict(item, type_label=self.site.label("types", record.type))
            rows.append([_jsonable(row.get(key, "")) for key, _ in CSV_COLUMNS])
        self.write_csv("catalog.csv", [label for _, label in CSV_COLUMNS], rows)

    def _write_sitemap(self):
        entries = list(self.context.get(SITEMAP_ENTRIES, ()))
        for record in self.site.records:
            dates = [record.meta["publish_date"]] + [c["date"] for c in record.meta.get("changes") or ()]
            entries.append((record.url, max(d for d in dates if hasattr(d, "isoformat"))))
        entries += [(page.url, None) for page in self.site.pages]
        base = self.settings.get("SITEURL", "").rstrip("/")
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        for url, lastmod in sorted(set(entries), key=lambda e: e[0]):
            loc = f"{base}/{url}" if base else url or "./"
            lines.append(f"<url><loc>{loc}</loc>" + (f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else "") + "</url>")
        lines.append("</urlset>")
        with open(os.path.join(self.output_path, "sitemap.xml"), "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
