"""Search: what each document tells the index, the search page, and the identifier files.

Pagefind (``tools.search_index``) indexes only the ``data-pagefind-body`` element of each
page, so list pages add no duplicate hits. Filters, meta and the sort key are decided here;
article.html only renders them. Any word index splits a 文号 such as 示统〔2023〕4号 into
pieces, so the search page also looks identifiers up exactly, in small files by year and number.
"""

import re
import unicodedata

from . import urls
from .pages import Page
from .parts import PORTAL

FILTERS = (  # (Pagefind filter key, label on the search page)
    ("unit", "单位"), ("category", "类别"), ("year", "发布年份"), ("validity", "有效性"),
    ("topic", "主题分类"), ("department", "责任科室"),
)
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)", re.ASCII)  # as search.js reads a query, after NFKC
NUMBER = re.compile(r"\d+", re.ASCII)
IDENTIFIER_BUCKETS = 16  # files per year of the exact 文号 and 索引号 lookup
# Pages in one search bundle at most. Pagefind holds a bundle's pages in memory while it indexes it,
# about 80 MB and 0.36 MB per page of 3–6 KB of text (measured: 530 MB for 1,252 pages, 1,050 MB for
# 2,500), which bounds a build's memory whatever the size of a unit: at most 620 MB a run, one run at a
# time (tools.search_index). Every bundle costs a first query its own index chunks, so smaller bundles
# save memory at the reader's expense (docs/scaling.md).
BUNDLE_PAGES = 1500
COMPACT_SCOPE = "标题、文号和关键词"  # what the compact district index holds (views.compact_index)
FULL_SCOPE = "full"  # the search page's scope=full: every unit's full text, even with the compact index
COMPACT_HINT = f"未选单位时，搜索各单位文件的{COMPACT_SCOPE}；选择单位或搜索范围，可搜索全文。"


def _category(site, record):
    return record.category["name"] if record.category else site.label("types", record.type)


def filter_values(site, record):
    """Filter key → values of one record. A sub-topic also counts under its top-level class."""
    meta = record.meta
    topic = meta.get("topic") or ""
    return {
        "unit": [record.unit.name],
        "category": [_category(site, record)],
        "year": [str(meta["publish_date"].year)],
        "validity": [site.label("validity", record.validity)] if record.validity else [],
        "topic": [topic.split("/")[0], topic] if "/" in topic else [topic] if topic else [],
        "department": [meta["department"]] if meta.get("department") else [],
    }


def result_meta(site, record):
    """What a search result shows of a document besides its title and excerpt (empty values left out)."""
    meta = record.meta
    shown = {
        "unit": record.unit.name,
        "index_number": record.index_number, "doc_number": meta.get("doc_number", ""),
        "publish_date": meta["publish_date"].isoformat(),
        "category": _category(site, record),
        "validity": site.label("validity", record.validity) if record.validity else "",
        "validity_state": record.validity,
        "source": meta.get("source_name", "") if record.type == "repost" else "",  # a 转载's 来源
    }
    return {key: value for key, value in shown.items() if value}


def document_fields(site, record):
    """What a document page gives the index besides its body: filters, result meta, sort key."""
    meta = record.meta
    shown = result_meta(site, record)
    return {
        # The metadata table is left out of the index (it would crowd the excerpts), but its keywords belong in it.
        "keywords": "、".join(meta.get("keywords") or ()),
        "filters": [{"key": key, "value": value}
                    for key, values in filter_values(site, record).items() for value in values],
        "meta": [{"key": key, "value": value} for key, value in shown.items()],
        "sort": {"key": "date", "value": shown["publish_date"]},
    }


def page_view(site, compact=None, values_of=None):
    """The search page's filter menus (only values that some record has, in taxonomy order), and
    ``compact``: the settings of the compact district index, when the page searches it.
    ``values_of(record)``: ``filter_values``' result, which the preview keeps between rebuilds."""
    present = {key: set() for key, _ in FILTERS}
    for record in site.records:
        for key, values in (values_of(record) if values_of else filter_values(site, record)).items():
            present[key].update(values)
    taxonomy = site.taxonomy
    topics = [t["name"] + suffix for t in taxonomy["topics"] for suffix in [""] + [f"/{c}" for c in t.get("children", ())]]
    order = {
        "unit": [unit.name for unit in site.units.values()],
        "category": [c["name"] for c in taxonomy["categories"]] + list(taxonomy["types"].values()),
        "year": sorted(present["year"], reverse=True),
        "validity": list(taxonomy["validity"].values()),
        "topic": topics,
        "department": [d["name"] for unit in site.units.values() for d in unit.agency["departments"]],
    }
    filters = []
    for key, label in FILTERS:
        values = [v for v in dict.fromkeys(order[key]) if v in present[key]]
        if values:
            options = [{"value": v, "label": v.replace("/", " / ")} for v in values]
            filters.append({"key": key, "label": label, "id": f"search-filter-{key}", "options": options})
    view = {"filters": filters, "hint": _hint(site), "identifiers": urls.SEARCH_IDS,
            "identifier_buckets": IDENTIFIER_BUCKETS, "bundles": urls.SEARCH_BUNDLES}
    if compact:
        view["compact"] = {"path": urls.SEARCH_COMPACT, **compact}
        view["hint"] += COMPACT_HINT
        view["scope"] = {"id": "search-scope", "label": "搜索范围", "all_label": COMPACT_SCOPE,
                         "options": [{"value": FULL_SCOPE, "label": "全部单位的全文（下载较多，较慢）"}]}
    return view


def _hint(site):
    """How to search, with identifiers of this site's own newest documents as examples."""
    newest = site.newest_first()
    doc_number = next((r.meta["doc_number"] for r in newest if r.meta.get("doc_number")), "")
    kinds = ["词语"] + ([f"文号（如 {doc_number}）"] if doc_number else [])
    kinds += [f"索引号（如 {newest[0].index_number}）"] if newest else []
    return f"输入{'、'.join(kinds[:-1])}或{kinds[-1]}。" if len(kinds) > 1 else "输入要查找的词语。"


def identifier_shards(site, entry_of=None):
    """``year-bucket`` → [{index_number, doc_number, title, url}] of the records whose identifiers name
    that year and, besides it, a number in that bucket (the number modulo ``IDENTIFIER_BUCKETS``).
    ``entry_of(record)``: ``identifier_entry``'s result, which the preview keeps between rebuilds.

    A query the search page looks up names a year and another number, each whole in any identifier it
    matches (search.js), so it fetches one small file: at 100,000 documents a year's file alone would
    be a megabyte.
    """
    shards = {}
    for record in site.newest_first():
        entry, keys = (entry_of or identifier_entry)(record)
        for key in keys:
            shards.setdefault(key, []).append(entry)
    return shards


def identifier_entry(record):
    """A record's entry in the identifier files, and the keys of the files that hold it."""
    doc_number = record.meta.get("doc_number", "")
    entry = {"index_number": record.index_number, "title": record.meta["title"], "url": record.url}
    if doc_number:
        entry["doc_number"] = doc_number
    keys = set()
    for identifier in (record.index_number, unicodedata.normalize("NFKC", doc_number)):
        numbers = NUMBER.findall(identifier)
        for year in set(YEAR.findall(identifier)):
            others = numbers.copy()
            others.remove(year)
            keys.update(f"{year}-{int(number) % IDENTIFIER_BUCKETS}" for number in others)
    return entry, sorted(keys)


def bundles(parts, paths):
    """Search bundle → the indexed pages it holds (paths below the output folder), the portal's first.

    Each part of the site (``views.parts``: a document belongs to its unit's, wherever its page sits)
    has its own bundles, so a search within one unit loads that unit's alone. A part of more than
    ``BUNDLE_PAGES`` pages is split, in the order of their paths, into bundles of equal size: Pagefind
    holds every page of a bundle in memory while it indexes it. The search page merges them all.
    """
    grouped = {}
    for path in sorted(paths):
        grouped.setdefault(parts.owner(path), []).append(path)
    found = {}
    for part in sorted(grouped, key=lambda part: (part != PORTAL, parts.search_bundle(part))):
        pages = grouped[part]
        count = -(-len(pages) // BUNDLE_PAGES)
        for n in range(count):
            found[parts.search_bundle(part, n + 1)] = pages[n * len(pages) // count:(n + 1) * len(pages) // count]
    return found


def bundle_list(parts, bundles):
    """``search/bundles.json``: each bundle's folder and the unit whose pages it holds, by the name its
    单位 filter shows ("" for the portal's), so that a search within one unit loads that unit's bundles only."""
    return [{"path": bundle, "unit": parts.units[owner].name if (owner := parts.owner(bundle)) != PORTAL else ""}
            for bundle in bundles]


def page(site, compact=None, values_of=None):
    return Page(urls.SEARCH, "search", {"search": page_view(site, compact, values_of)})
