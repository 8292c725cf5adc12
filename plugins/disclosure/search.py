"""Search: what each document tells the index, the search page, and the Pagefind index.

Pagefind's extended binary segments Chinese words. It indexes only the
``data-pagefind-body`` element of each page, so list pages add no duplicate hits.
Filters, meta and the sort key are decided here; article.html only renders them.
Any word index splits a 文号 such as 示统〔2023〕4号 into pieces, so the search page
also looks identifiers up exactly, in small per-year files written here.
"""

import json
import logging
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator

from .reader import SITE_SETTING

log = logging.getLogger(__name__)

FILTERS = (  # (Pagefind filter key, label on the search page)
    ("category", "类别"), ("year", "发布年份"), ("validity", "有效性"),
    ("topic", "主题分类"), ("department", "责任科室"),
)
BUNDLE_DIR = "pagefind"
# Pagefind writes filter values in hash-map order (upstream issue Pagefind#638), which also changes
# the hashes that name these files; two builds of the same site differ in them and nowhere else.
UNSTABLE_FILES = re.compile(rf"^{BUNDLE_DIR}/(filter/[^/]+\.pf_filter|pagefind\.[\w-]+\.pf_meta|pagefind-entry\.json)$")
IDENTIFIER_DIR = "search/ids"
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")


class IndexingFailed(Exception):
    """Pagefind could not index the built site; the message says why, in Chinese."""


@dataclass
class IndexStats:
    pages: int
    seconds: float  # wall clock
    cpu_seconds: float  # user + system: steadier than wall clock on a busy machine
    peak_memory: int  # bytes, the indexer's maximum resident set size


def _category(site, record):
    return record.category["name"] if record.category else site.label("types", record.type)


def filter_values(site, record):
    """Filter key → values of one record. A sub-topic also counts under its top-level class."""
    meta = record.meta
    topic = meta.get("topic") or ""
    return {
        "category": [_category(site, record)],
        "year": [str(meta["publish_date"].year)],
        "validity": [site.label("validity", record.validity)] if record.validity else [],
        "topic": [topic.split("/")[0], topic] if "/" in topic else [topic] if topic else [],
        "department": [meta["department"]] if meta.get("department") else [],
    }


def document_fields(site, record):
    """What a document page gives the index besides its body: filters, result meta, sort key."""
    meta = record.meta
    shown = {
        "index_number": record.index_number, "doc_number": meta.get("doc_number", ""),
        "publish_date": meta["publish_date"].isoformat(),
        "category": _category(site, record),
        "validity": site.label("validity", record.validity) if record.validity else "",
        "validity_state": record.validity,
    }
    return {
        # The metadata table is left out of the index (it would crowd the excerpts), but its keywords belong in it.
        "keywords": "、".join(meta.get("keywords") or ()),
        "filters": [{"key": key, "value": value}
                    for key, values in filter_values(site, record).items() for value in values],
        "meta": [{"key": key, "value": value} for key, value in shown.items() if value],
        "sort": {"key": "date", "value": shown["publish_date"]},
    }


def page_view(site):
    """The search page's filter menus: only values that some record has, in taxonomy order."""
    present = {key: set() for key, _ in FILTERS}
    for record in site.records:
        for key, values in filter_values(site, record).items():
            present[key].update(values)
    taxonomy = site.taxonomy
    topics = [t["name"] + suffix for t in taxonomy["topics"] for suffix in [""] + [f"/{c}" for c in t.get("children", ())]]
    order = {
        "category": [c["name"] for c in taxonomy["categories"]] + list(taxonomy["types"].values()),
        "year": sorted(present["year"], reverse=True),
        "validity": list(taxonomy["validity"].values()),
        "topic": topics,
        "department": [d["name"] for d in site.agency["departments"]],
    }
    filters = []
    for key, label in FILTERS:
        values = [v for v in dict.fromkeys(order[key]) if v in present[key]]
        if values:
            options = [{"value": v, "label": v.replace("/", " / ")} for v in values]
            filters.append({"key": key, "label": label, "id": f"search-filter-{key}", "options": options})
    return {"filters": filters, "hint": _hint(site), "identifiers": IDENTIFIER_DIR + "/"}


def _hint(site):
    """How to search, with identifiers of this site's own newest documents as examples."""
    newest = site.newest_first()
    doc_number = next((r.meta["doc_number"] for r in newest if r.meta.get("doc_number")), "")
    kinds = ["词语"] + ([f"文号（如 {doc_number}）"] if doc_number else [])
    kinds += [f"索引号（如 {newest[0].index_number}）"] if newest else []
    return f"输入{'、'.join(kinds[:-1])}或{kinds[-1]}。" if len(kinds) > 1 else "输入要查找的词语。"


def identifier_shards(site):
    """year → [{index_number, doc_number, title, url}] for every record whose identifiers name that year.

    A 文号 or 索引号 always carries a year, so the search page fetches one small shard per query.
    """
    shards = {}
    for record in site.newest_first():
        doc_number = record.meta.get("doc_number", "")
        entry = {"index_number": record.index_number, "title": record.meta["title"], "url": record.url}
        if doc_number:
            entry["doc_number"] = doc_number
        for year in sorted(set(YEAR.findall(f"{record.index_number} {doc_number}"))):
            shards.setdefault(year, []).append(entry)
    return shards


class SearchGenerator(Generator):
    """Writes the search page and the identifier shards it looks 文号 and 索引号 up in."""

    def generate_output(self, writer):
        site = self.settings[SITE_SETTING]
        writer.write_file("search/index.html", self.get_template("search"),
                          dict(self.context, search=page_view(site)), relative_urls=True)
        folder = Path(self.output_path, IDENTIFIER_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        for year, entries in identifier_shards(site).items():
            (folder / f"{year}.json").write_text(json.dumps(entries, ensure_ascii=False, separators=(",", ":")),
                                                 encoding="utf-8")


def pagefind_binary():
    """The extended Pagefind binary: the standard one cannot split Chinese text into words."""
    try:
        from pagefind_bin_extended import get_executable

        return str(get_executable())
    except (ImportError, FileNotFoundError):
        raise IndexingFailed("找不到 Pagefind 扩展版（pagefind_extended）。请运行 pip install -r requirements.txt。") from None


def index(folder):
    """Index the built site in ``folder`` into ``folder/pagefind/``; returns IndexStats.

    Runs the binary directly (not the Python service wrapper) so that its peak memory
    can be read from ``wait4``.
    """
    command = [pagefind_binary(), "--site", str(folder), "--output-subdir", BUNDLE_DIR]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               encoding="utf-8", errors="replace")
    output = process.stdout.read()
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    found = INDEXED_PAGES.search(output)
    if process.returncode != 0 or not found:
        raise IndexingFailed(f"Pagefind 建立搜索索引失败（退出码 {process.returncode}）：\n{output.strip()}")
    stats = IndexStats(pages=int(found[1]), seconds=seconds, cpu_seconds=usage.ru_utime + usage.ru_stime,
                       peak_memory=usage.ru_maxrss * 1024)
    log.info("disclosure: indexed %d pages for search in %.2f s", stats.pages, stats.seconds)
    return stats
