"""Search benchmark: index time, peak memory, index size and the bytes one query downloads.

``measure`` takes a built and indexed site; ``run`` (``invoke search-bench``) first
generates and builds a site of N documents whose bodies are sentences recombined from
the sample content, so the index sees realistic Chinese vocabulary.
"""

import contextlib
import datetime
import functools
import gzip
import io
import json
import os
import random
import re
import shutil
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import search
from .commands import TYPE_FOLDERS, build

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
QUERY_WAIT_MS = 60000
DATA_FILES = ("agency.yaml", "taxonomy.yaml", "holidays.yaml")
TYPES = ("normative", "notice", "document", "plan")
TOPICS = ("国民经济管理、国有资产监管/统计", "综合政务/政务公开", "公安、安全、司法/法治建设")
SENTENCE = re.compile(r"[^。；\n]+[。；]")
GZIP_TYPES = ("text/", "application/javascript", "application/json")


def measure(output, query="统计执法", second_query="数据质量", browser=None):
    """Figures for a built site in ``output``: it is indexed again to time the indexer.

    ``browser`` is a Playwright browser to reuse; without one, Debian's Chromium is launched.
    """
    output = Path(output)
    stats = search.index(output)
    bundle = _size(output / search.BUNDLE_DIR)
    index_data = sum(_size(output / search.BUNDLE_DIR / part) for part in ("index", "fragment", "filter"))
    index_data += sum(p.stat().st_size for p in (output / search.BUNDLE_DIR).glob("*.pf_meta"))
    first, second = _query_bytes(output, query, second_query, browser)
    return {
        "pages_indexed": stats.pages, "index_seconds": round(stats.seconds, 2),
        "index_cpu_seconds": round(stats.cpu_seconds, 2),
        "index_peak_memory_mb": round(stats.peak_memory / 2**20, 1),
        "bundle_bytes": bundle, "index_data_bytes": index_data,
        "identifier_bytes": _size(output / search.IDENTIFIER_DIR),
        "query": query, "first_query": first, "second_query": second_query, "next_query": second,
    }


def _size(folder):
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _serve(folder):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _query_bytes(output, query, second_query, browser=None):
    """Bytes a fresh browser downloads for a query (page included), then for a second query on that page.

    Counts response bodies from Playwright's network events: ``bytes`` as served here
    (uncompressed), ``gzip_bytes`` as a gzip-serving host would send text files.
    """
    from playwright.sync_api import expect, sync_playwright

    if browser is None:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return _query_bytes(output, query, second_query, browser)
            finally:
                browser.close()
    with _serve(output) as base:
        context = browser.new_context()
        page = context.new_page()
        responses = []
        page.on("requestfinished", lambda request: responses.append(request.response()))
        status = page.locator("[data-search-status]")
        page.goto(f"{base}search/?q={query}")
        expect(status).to_contain_text(query, timeout=QUERY_WAIT_MS)
        first, responses[:] = _tally(responses), []
        page.get_by_label("搜索词").fill(second_query)
        page.get_by_label("搜索词").press("Enter")
        expect(status).to_contain_text(second_query, timeout=QUERY_WAIT_MS)
        second = _tally(responses)
        context.close()
    return first, second


def _tally(responses):
    total = {"requests": 0, "bytes": 0, "gzip_bytes": 0, "search_bytes": 0}
    for response in responses:
        body = response.body()
        kind = response.headers.get("content-type", "")
        total["requests"] += 1
        total["bytes"] += len(body)
        total["gzip_bytes"] += len(gzip.compress(body)) if kind.startswith(GZIP_TYPES) else len(body)
        if f"/{search.BUNDLE_DIR}/" in response.url or f"/{search.IDENTIFIER_DIR}/" in response.url:
            total["search_bytes"] += len(body)
    return total


def generate_site(root, count, project=Path(__file__).resolve().parents[2], seed=1):
    """A site of ``count`` valid documents under ``root``, built from the sample content's sentences."""
    root = Path(root)
    (root / "data").mkdir(parents=True)
    for name in DATA_FILES:
        shutil.copy(project / "data" / name, root / "data" / name)
    sentences = sorted({s.strip() for p in sorted((project / "content").rglob("*.md"))
                        for s in SENTENCE.findall(p.read_text(encoding="utf-8").split("---", 2)[-1])
                        if not re.search(r"\d{7}|[#|<>\[\]]", s)})
    rng = random.Random(seed)
    departments = ["办公室", "综合统计科", "经济统计科", "社会统计科", "统计执法监督科"]
    serials = {}
    for number in range(count):
        kind, year = TYPES[number % len(TYPES)], 2015 + number % 12
        serials[year] = serials.get(year, 0) + 1
        published = datetime.date(year, 1 + number % 12, 1 + number % 28)
        body = "\n\n".join(f"## {'一二三四五六'[part]}、{rng.choice(sentences)[:12].rstrip('。；，')}\n\n"
                           + "".join(rng.sample(sentences, 6)) for part in range(rng.randint(2, 5)))
        title = f"示例区统计局关于{rng.choice(sentences)[:16].rstrip('。；，')}的{'通知' if kind != 'plan' else '方案'}"
        meta = [f"title: {json.dumps(title, ensure_ascii=False)}",
                f"type: {kind}", f"index_number: SLQ-TJJ/{year}-{serials[year]:05d}",
                f"publish_date: {published}", f"topic: {rng.choice(TOPICS)}",
                f"department: {rng.choice(departments)}"]
        if kind == "normative":
            meta += [f"doc_number: 示统〔{year}〕{serials[year]}号", f"effective_date: {published}"]
        folder = root / "content" / TYPE_FOLDERS[kind]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{year}-{serials[year]:05d}.md").write_text("---\n" + "\n".join(meta) + "\n---\n\n" + body + "\n",
                                                              encoding="utf-8")
    return root


def run(count=1000, query="统计执法", config="pelicanconf.py", out=None):
    """Generate, build (with the search index) and measure a site of ``count`` documents; print the figures."""
    workdir = Path(tempfile.mkdtemp(prefix="search-bench-"))
    try:
        site = generate_site(workdir / "site", count)
        started = time.perf_counter()
        build(config, output=str(workdir / "output"), site_root=site, out=io.StringIO())
        figures = {"documents": count, "full_build_seconds": round(time.perf_counter() - started, 2),
                   **measure(workdir / "output", query)}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for key, value in figures.items():
        print(f"{key:>22}: {value}", file=out)
    return figures
