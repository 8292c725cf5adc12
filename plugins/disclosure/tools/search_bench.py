"""Search figures for ``invoke bench``: pages indexed, index size and the bytes a first and a second query download."""

import contextlib
import functools
import gzip
import json
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

from ..views import urls
from .search_stable import ENTRY

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
QUERY_WAIT_MS = 60000
GZIP_TYPES = ("text/", "application/javascript", "application/json")
SEARCH_PATHS = (urls.SEARCH_BUNDLE, urls.SEARCH_BUNDLES, urls.SEARCH_IDS, urls.SEARCH_COMPACT)  # what a query loads


def measure(output, query="统计执法", second_query="数据质量", browser=None):
    """Figures for a built site in ``output``.

    ``browser`` is a Playwright browser to reuse; without one, Debian's Chromium is launched.
    """
    output = Path(output)
    listing = json.loads((output / urls.SEARCH_BUNDLES).read_text(encoding="utf-8"))
    bundles = [output / bundle["path"] for bundle in listing]
    entries = [json.loads((bundle / ENTRY).read_text(encoding="utf-8")) for bundle in bundles]
    index_data = sum(_size(bundle / part) for bundle in bundles for part in ("index", "fragment", "filter"))
    index_data += sum(p.stat().st_size for bundle in bundles for p in bundle.glob("*.pf_meta"))
    unit = listing[-1]["unit"]  # a search within one unit loads that unit's bundle only
    compact = (output / urls.SEARCH_COMPACT).is_dir()  # then a district-wide query reads the compact index
    first, second, in_unit, full = _query_bytes(output, query, second_query, unit, compact, browser)
    return {
        "pages_indexed": sum(language["page_count"] for entry in entries for language in entry["languages"].values()),
        "bundles": len(bundles), "bundle_bytes": sum(_size(bundle) for bundle in bundles), "index_data_bytes": index_data,
        "identifier_bytes": _size(output / urls.SEARCH_IDS), "compact_bytes": _size(output / urls.SEARCH_COMPACT),
        "query": query, "first_query": first, "second_query": second_query, "next_query": second,
        "unit": unit, "first_query_in_unit": in_unit, "compact": compact,
        **({"first_query_full_text": full} if compact else {}),
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


def _query_bytes(output, query, second_query, unit, compact, browser=None):
    """Bytes a fresh browser downloads for a query (page included), then for a second query on that
    page; then for the first query again in a fresh browser, within one unit (the 单位 filter), and,
    on a site with the compact district index, in every unit's full text (``scope=full``).

    Counts response bodies from Playwright's network events: ``bytes`` as served here
    (uncompressed), ``gzip_bytes`` as a gzip-serving host would send text files.
    """
    from playwright.sync_api import expect, sync_playwright

    if browser is None:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return _query_bytes(output, query, second_query, unit, compact, browser)
            finally:
                browser.close()
    with _serve(output) as base:
        def fresh_query(address):
            context = browser.new_context()
            page = context.new_page()
            responses = []
            page.on("requestfinished", lambda request: responses.append(request.response()))
            status = page.locator("[data-search-status]")
            page.goto(base + address)
            expect(status).to_contain_text(query, timeout=QUERY_WAIT_MS)
            return context, page, responses

        context, page, responses = fresh_query(f"search/?q={query}")
        status = page.locator("[data-search-status]")
        first, responses[:] = _tally(responses), []
        page.get_by_label("搜索词").fill(second_query)
        page.get_by_label("搜索词").press("Enter")
        expect(status).to_contain_text(second_query, timeout=QUERY_WAIT_MS)
        second = _tally(responses)
        context.close()
        context, _, responses = fresh_query(f"search/?q={query}&unit={quote(unit)}")
        in_unit = _tally(responses)
        context.close()
        full = None
        if compact:
            context, _, responses = fresh_query(f"search/?q={query}&scope=full")
            full = _tally(responses)
            context.close()
    return first, second, in_unit, full


def _tally(responses):
    total = {"requests": 0, "bytes": 0, "gzip_bytes": 0, "search_bytes": 0}
    for response in responses:
        body = response.body()
        kind = response.headers.get("content-type", "")
        total["requests"] += 1
        total["bytes"] += len(body)
        total["gzip_bytes"] += len(gzip.compress(body)) if kind.startswith(GZIP_TYPES) else len(body)
        if any(f"/{path}" in response.url for path in SEARCH_PATHS):
            total["search_bytes"] += len(body)
    return total
