"""Search: the Pagefind index of a real build, and the search page in a real Chromium under /zwgk/."""

import gzip
import itertools
import json
import os
import re
import shutil
import sys
import time
import urllib.request

import pytest
import yaml
from playwright.sync_api import expect

from support import ROOT, build, build_sample, one, select, serve_under, snapshot, text_of

# A two-character word found in the body of exactly one sample document: the 2019 统计开放日 notice.
RARE_WORD, RARE_WORD_DOC = "参观", "doc/slq-tjj-2019-00003/"
DOC_NUMBER_DOC = "doc/slq-tjj-2023-00001/"  # 示统〔2023〕4号; 示统〔2023〕10号 must not match 〔2023〕1…
WAIT_MS = 15000
DONE = re.compile(r"^(?!正在)\S")  # the status line once a search has finished


def fetch(url):
    with urllib.request.urlopen(url) as response:
        return response.read().decode("utf-8")


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    context.close()
    assert not errors, errors


def search(page, sample_url, query="", **filters):
    params = "&".join(f"{k}={v}" for k, v in {"q": query, **filters}.items() if v)
    page.goto(f"{sample_url}search/?{params}")
    status = page.locator("[data-search-status]")
    expect(status).to_have_text(DONE, timeout=WAIT_MS)
    return status.text_content()


def result_links(page):
    return [link.get_attribute("href") for link in page.locator(".search-result__link").all()]


def test_document_pages_give_the_index_filters_meta_and_no_duplicates(sample_url):
    html = fetch(sample_url + DOC_NUMBER_DOC)
    filters = {element["data-pagefind-filter"]: text_of(element) for element in select(html, "[data-pagefind-filter]")}
    assert filters == {"unit": "示例区统计局", "category": "行政规范性文件", "year": "2023", "validity": "有效",
                       "topic": "国民经济管理、国有资产监管/统计", "department": "综合统计科"}
    meta = {element["data-pagefind-meta"]: text_of(element) for element in select(html, "[data-pagefind-meta]")}
    assert meta["doc_number"] == "示统〔2023〕4号" and meta["index_number"] == "SLQ-TJJ/2023-00001"
    assert meta["publish_date"] == "2023-03-10"
    assert len(select(html, "[data-pagefind-body]")) == 1 and html.count("data-pagefind-body") == 1
    for listing in ("", "catalog/", "policy/", "tjj/", "tjj/normative/", "catalog/2023/"):
        assert "data-pagefind-body" not in fetch(sample_url + listing), listing
    bundles = [bundle["path"] for bundle in json.loads(fetch(sample_url + "search/bundles.json"))]
    entries = [json.loads(fetch(f"{sample_url}{bundle}pagefind-entry.json")) for bundle in bundles]
    catalogued = len(json.loads(fetch(sample_url + "catalog.json")))
    standalone = len(list((ROOT / "content").glob("pages/*.md"))) + len(list((ROOT / "content").glob("*/pages/*.md")))
    reports = len(list((ROOT / "data" / "website_report").glob("*.yaml")))
    # documents, standalone pages and the 政府网站工作年度报表
    assert sum(entry["languages"]["zh-cn"]["page_count"] for entry in entries) == catalogued + standalone + reports
    entry = {"index_number": "SLQ-TJJ/2023-00001", "doc_number": "示统〔2023〕4号",
             "title": "示例区统计局关于印发《示例区部门统计调查项目管理办法》的通知", "url": DOC_NUMBER_DOC}
    for key in ("2023-4", "2023-1"):  # the year, and the other number of its 文号, then of its 索引号, modulo 16
        assert entry in json.loads(fetch(f"{sample_url}search/ids/{key}.json")), key
    assert entry not in json.loads(fetch(sample_url + "search/ids/2023-10.json")), "示统〔2023〕10号's file"


def bundle_pages(output, bundle):
    """The URLs of the pages one search bundle holds, read from its fragments."""
    return {json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])["url"]
            for path in (output / bundle / "fragment").glob("*.pf_fragment")}


def test_each_unit_has_its_own_search_bundle_and_the_portal_one_for_its_own_pages(sample):
    units = [path.name for path in sorted((ROOT / "data" / "units").iterdir())]
    listing = json.loads((sample / "search" / "bundles.json").read_text(encoding="utf-8"))
    assert listing[0] == {"path": "pagefind/", "unit": ""}, "the portal's comes first: the search page loads it first"
    names = {unit: yaml.safe_load((ROOT / "data" / "units" / unit / "agency.yaml").read_text(encoding="utf-8"))["name"]
             for unit in units}
    assert listing[1:] == [{"path": f"{unit}/pagefind/", "unit": names[unit]} for unit in units]
    bundles = [bundle["path"] for bundle in listing]
    catalog = json.loads((sample / "catalog.json").read_text(encoding="utf-8"))
    held = {bundle: bundle_pages(sample, bundle) for bundle in bundles}
    for item in catalog:  # a document sits at doc/<索引号>/ but is indexed with its unit
        assert "/" + item["url"] in held[f"{item['unit']}/pagefind/"], item["url"]
    assert all(not url.startswith("/doc/") for url in held["pagefind/"])
    for unit in units:
        assert {url for url in held[f"{unit}/pagefind/"] if not url.startswith("/doc/")} <= {
            url for url in held[f"{unit}/pagefind/"] if url.startswith(f"/{unit}/")}
    assert sum(map(len, held.values())) == len(set().union(*held.values())), "no page is in two bundles"


def runs_at_once(monkeypatch):
    """Counts the Pagefind processes under way (each holds its bundle in memory); [the most at once] so far."""
    from disclosure.tools import search_index

    most, launch = [0], search_index.Indexer.launch

    def counted(indexer, *args):
        run = launch(indexer, *args)
        with indexer.room:
            most[0] = max(most[0], len(indexer.under_way))
        return run

    monkeypatch.setattr(search_index.Indexer, "launch", counted)
    return most


def test_a_unit_larger_than_a_bundle_is_split_and_searched_as_one(tmp_path, monkeypatch, page):
    from disclosure.views import search as search_view

    monkeypatch.setattr(search_view, "BUNDLE_PAGES", 4)
    output = build_sample(tmp_path)
    listing = json.loads((output / "search" / "bundles.json").read_text(encoding="utf-8"))
    held = {bundle["path"]: bundle_pages(output, bundle["path"]) for bundle in listing}
    assert all(0 < len(pages) <= 4 for pages in held.values())
    assert sum(map(len, held.values())) == len(set().union(*held.values())), "no page is in two bundles"
    unit = next(bundle for bundle in listing if bundle["path"] == "tjj/pagefind-3/")
    own = [bundle["path"] for bundle in listing if bundle["unit"] == unit["unit"]]
    assert own[:3] == ["tjj/pagefind/", "tjj/pagefind-2/", "tjj/pagefind-3/"]
    for item in json.loads((output / "catalog.json").read_text(encoding="utf-8")):  # a document is with its unit's
        assert any("/" + item["url"] in pages for bundle, pages in held.items() if bundle.startswith(item["unit"] + "/"))

    requested = []
    page.on("request", lambda request: requested.append(request.url))
    with serve_under(output, "zwgk") as url:
        assert "全文搜索找到" in search(page, url, "统计", unit=unit["unit"])
        bundles = {re.search(r"/zwgk/(.*?pagefind(?:-\d+)?/)", url)[1] for url in requested if "/pagefind" in url}
        assert bundles == {"pagefind/", *own}, "the unit's bundles, all of them, and no other unit's"
        assert all(meta.startswith(unit["unit"]) for meta in page.locator(".search-result__meta").all_text_contents())
        search(page, url, RARE_WORD)  # in the body of one document, in one of the bundles
        assert result_links(page)[0] == f"/zwgk/{RARE_WORD_DOC}"


@pytest.mark.parametrize("readings, at_once", [([2**40], 2), ([1], 1), ([2**40, 1], 2)],
                         ids=["took much", "took little", "took much, then a fresh worker took over"])
def test_bundles_are_indexed_two_at_a_time_only_within_the_memory_the_documents_took(
        tmp_path, monkeypatch, sample, readings, at_once):
    """At 100,000 documents writing them takes more memory than the build and two Pagefind runs: a second
    run then costs no memory. What they took is the most read while they were written: a worker grows
    until a fresh one replaces it, so the last reading may find much less. The output is the same site as
    the one-at-a-time build's, byte for byte."""
    from disclosure.plugin import articles
    from disclosure.tools import search_index

    most = runs_at_once(monkeypatch)
    monkeypatch.setattr(articles, "PARALLEL_FROM", 0)  # the documents written by workers, whose memory is then read
    monkeypatch.setattr(articles, "RUNS_PER_READING", 1)
    read = iter(readings)  # then the last reading again
    monkeypatch.setattr(articles, "tree_memory", lambda pid: next(read, readings[-1]))
    monkeypatch.setattr(search_index, "MEMORY_CEILING", 0)  # no room but what the documents took
    output = build_sample(tmp_path)
    assert most[0] == at_once
    assert snapshot(output) == snapshot(sample)


# Stands in for Pagefind: reads its pages (takes 30 MB of its own, a megabyte every 5 ms, on the cores it
# was given), builds its index (30 MB more) and holds it for 1.5 s, long enough for the next run to reach
# the ceiling however busy the machine, then runs the real Pagefind for the output. It notes the cores
# it may use as it starts and as it ends.
FAKE_PAGEFIND = """#!{python}
import os, subprocess, sys, time
def note(when):
    with open({log!r}, "a") as log:
        log.write(f"{{when}} {{len(os.sched_getaffinity(0))}}\\n")
note("start")
ballast = []
for n in range(60):
    if n == 30:
        print({read_line!r}, flush=True)
    ballast.append(b"x" * (1 << 20))
    time.sleep(0.005)
time.sleep(1.5)
note("end")
sys.exit(subprocess.run([{real!r}]).returncode)
"""


def over_by_at_most_growth(readings, ceiling, rate):
    """Whether the guard's ``readings`` ((when, bytes), in order) go over ``ceiling`` by no more than the runs
    grow (``rate``, bytes a second) from the reading before the first over it to the one after, where the
    young run is paused by then: on a busy machine the guard reads late, but memory stops growing."""
    for n in range(1, len(readings)):
        if readings[n][1] > ceiling >= readings[n - 1][1]:
            episode = itertools.takewhile(lambda reading: reading[1] > ceiling, readings[n:])
            paused_by = readings[min(n + 1, len(readings) - 1)][0]
            if max(amount for _, amount in episode) > ceiling + rate * (paused_by - readings[n - 1][0]) + (2 << 20):
                return False
    return True


def test_a_second_run_reads_its_pages_while_the_first_builds_on_one_core_paused_where_it_would_go_over(
        tmp_path, monkeypatch, sample):
    """At 10,000 documents the build and one run take most of the 1 GiB. A second run reads its pages on one
    core while the first builds its index and writes it on the other, is paused (SIGSTOP) as soon as the
    two would go over the ceiling, and gets every core once it is the oldest. Here the runs stand in for
    Pagefind with memory of their own, and only theirs is counted, against a ceiling of 120 MB."""
    from disclosure.tools import search_index

    fake, log = tmp_path / "pagefind", tmp_path / "cores.log"
    fake.write_text(FAKE_PAGEFIND.format(python=sys.executable, log=str(log), read_line=search_index.READ_LINE,
                                         real=search_index.pagefind_binary()), encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(search_index, "pagefind_binary", lambda: str(fake))
    build_process, resident = os.getpid(), search_index._resident
    monkeypatch.setattr(search_index, "_resident", lambda pid: 0 if pid == build_process else resident(pid))
    monkeypatch.setattr(search_index, "MEMORY_CEILING", 120 << 20)
    monkeypatch.setattr(search_index, "START_ROOM", 30 << 20)
    most, pauses, readings = runs_at_once(monkeypatch), [], []  # readings: (when, bytes) of each
    pause, memory = search_index._Run.pause, search_index.Indexer._memory

    def paused(run, stop):
        if stop:
            pauses.append(resident(run.process.pid))
        pause(run, stop)

    def measured(indexer):
        now = memory(indexer)
        readings.append((time.monotonic(), now))
        return now

    monkeypatch.setattr(search_index._Run, "pause", paused)
    monkeypatch.setattr(search_index.Indexer, "_memory", measured)
    output = build_sample(tmp_path / "site")
    assert most[0] == 2
    assert pauses, "the second run was never paused"
    assert over_by_at_most_growth(readings, 120 << 20, 2 * (1 << 20) / 0.005), \
        f"over the ceiling by more than the runs grow until the guard reads again: {readings}"
    assert snapshot(output) == snapshot(sample)
    noted = log.read_text(encoding="utf-8").split("\n")
    cores = len(search_index.CORES)
    if cores > 1:
        assert "start 1" in noted, "a run started beside another is held to one core"
        assert f"end {cores}" in noted and "end 1" not in noted, "and has every core once it is the oldest"


def test_date_order_runs_across_the_units_bundles(page, sample_url):
    status = search(page, sample_url, "统计", sort="date")
    assert "全文搜索找到" in status
    more = page.locator(".search__more")
    more.click()
    expect(page.locator(".search-result")).to_have_count(20, timeout=WAIT_MS)
    dates = [re.search(r"发布日期：(\S{10})", text)[1] for text in page.locator(".search-result__meta").all_text_contents()]
    units = {text.split("索引号")[0] for text in page.locator(".search-result__meta").all_text_contents()}
    assert len(dates) == 20 and dates == sorted(dates, reverse=True)
    assert len(units) > 1, "the newest results come from more than one unit's bundle"


def test_a_two_character_word_finds_the_one_document_that_contains_it(page, sample_url):
    status = search(page, sample_url, RARE_WORD)
    assert "找到 1 条结果" in status
    assert result_links(page)[0] == f"/zwgk/{RARE_WORD_DOC}"
    assert page.locator(".search-result__excerpt mark").first.text_content() == RARE_WORD
    page.locator(".search-result__link").first.click()
    expect(page).to_have_url(sample_url + RARE_WORD_DOC)


def test_a_filter_narrows_the_results_to_effective_normative_documents(page, sample_url):
    everything = search(page, sample_url, "统计调查")
    page.get_by_label("有效性").select_option("有效")
    status = page.locator("[data-search-status]")
    expect(status).to_contain_text("筛选前", timeout=WAIT_MS)
    narrowed = int(re.search(r"找到 (\d+) 条", status.text_content())[1])
    assert 0 < narrowed < int(re.search(r"找到 (\d+) 条", everything)[1])
    assert page.locator(".search-result").count() == narrowed
    for result in page.locator(".search-result").all():
        expect(result.locator(".search-result__meta")).to_contain_text("行政规范性文件")
        expect(result.locator(".validity")).to_have_text("有效")
    assert "validity=%E6%9C%89%E6%95%88" in page.url, "the filter is kept in the address, so the page can be shared"


@pytest.mark.parametrize("query, document", [(query, DOC_NUMBER_DOC) for query in (
    "示统〔2023〕4号", "〔2023〕4号", "示统[2023]4号", "示统〔２０２３〕４号", "SLQ-TJJ/2023-00001")] + [
    ("示政办〔2026〕18号", "doc/slq-zfb-2026-00004/")])  # 18: past the 16 files of a year, in the third
def test_a_doc_number_or_index_number_finds_its_document_first(page, sample_url, query, document):
    page.goto(sample_url)
    page.get_by_label("搜索公开信息").fill(query)
    page.get_by_label("搜索公开信息").press("Enter")
    expect(page.locator("[data-search-status]")).to_contain_text("文号、索引号匹配 1 条", timeout=WAIT_MS)
    assert result_links(page)[0] == f"/zwgk/{document}"


def test_the_search_page_works_by_keyboard_and_announces_results(page, sample_url):
    page.goto(sample_url + "search/")
    query = page.get_by_label("搜索词")
    query.focus()
    page.keyboard.type("统计")
    page.keyboard.press("Enter")
    status = page.locator("[data-search-status]")
    assert status.get_attribute("role") == "status"
    expect(status).to_contain_text("全文搜索找到", timeout=WAIT_MS)
    more = page.locator(".search__more")
    expect(more).to_be_visible()
    shown = page.locator(".search-result").count()
    more.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".search-result")).to_have_count(shown + 10, timeout=WAIT_MS)
    focused = page.locator(":focus")
    expect(focused).to_have_class(re.compile("search-result__link"))
    target = focused.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(sample_url.removesuffix("/zwgk/") + target)


def test_the_search_page_with_results_has_no_axe_violations(page, sample_url):
    from axe_playwright_python.sync_playwright import Axe

    search(page, sample_url, "统计执法")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_without_javascript_the_search_page_points_to_the_catalogue(browser, sample_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_url + "search/?q=统计")
    expect(page.locator("[data-search]")).to_be_hidden()
    link = page.locator("#main").get_by_role("link", name="政府信息公开目录")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(sample_url + "catalog/")
    context.close()


def test_a_failed_index_leaves_the_published_site_untouched(minimal, tmp_path, monkeypatch):
    from disclosure.tools import search_index as search_module

    site, published = minimal
    output = shutil.copytree(published, tmp_path / "output")  # a good build, published
    assert (output / "pagefind" / "pagefind-entry.json").is_file()
    before = snapshot(output)
    monkeypatch.setattr(search_module, "pagefind_binary", lambda: "/bin/false")
    ok, text, _ = build(site, output=output)
    assert not ok
    assert "Pagefind 建立搜索索引失败" in text and "原有的 output/ 保持不变" in text
    assert snapshot(output) == before


def test_the_search_benchmark_measures_a_generated_site(tmp_path, browser):
    from disclosure.tools import bench_site, search_bench

    site = bench_site.generate_site(tmp_path / "site", 8)
    ok, text, output = build(site, output=tmp_path / "output")
    assert ok, text
    figures = search_bench.measure(output, query="统计", second_query="数据", browser=browser)
    pages = len(list((site / "content").glob("**/pages/*.md")))  # 指南, 制度, 关于本站 … are searchable too
    assert figures["pages_indexed"] == 8 + pages
    assert figures["index_data_bytes"] > 0 and figures["identifier_bytes"] > 0
    first, second = figures["first_query"], figures["next_query"]
    assert 0 < first["search_bytes"] < first["bytes"], "the first query loads the page and the search bundle"
    assert second["bytes"] < first["bytes"], "a second query loads at most new index chunks and fragments"
    in_unit = figures["first_query_in_unit"]
    assert figures["unit"] and 0 < in_unit["search_bytes"] < first["search_bytes"], "one unit's bundle, not every one"


def test_a_bundle_holds_exactly_its_pages_whatever_their_addresses(tmp_path):
    """Pagefind picks a bundle's pages by a glob: an address with the glob's own syntax is one page."""
    from disclosure.tools import search_index as search_module

    for name in ("a{b,c}", "ab", "ac", "x[1]", "x1", "p(1)"):
        (tmp_path / "site" / name).mkdir(parents=True)
        (tmp_path / "site" / name / "index.html").write_text(
            f'<html lang="zh-CN"><body><main data-pagefind-body><p>统计数据 {name}</p></main></body></html>', encoding="utf-8")
    chosen = ["a{b,c}/index.html", "x[1]/index.html", "p(1)/index.html"]
    pages, _, _ = search_module._pagefind(tmp_path / "site", chosen, tmp_path / "run", tmp_path / "out", "pagefind")
    assert pages == len(chosen)
    with pytest.raises(search_module.IndexingFailed, match="反斜杠"):
        search_module._pagefind(tmp_path / "site", ["a\\b/index.html"], tmp_path / "run", tmp_path / "out", "pagefind")


def test_two_builds_are_byte_identical_search_index_included(minimal, tmp_path):
    """Pagefind writes filter values in hash-map order (upstream issue Pagefind#638); the build
    rewrites them sorted, so the filter files, the metadata and the entry file are identical too."""
    site, output = minimal
    ok, text, again = build(site, output=tmp_path / "second")
    assert ok, text
    first, second = snapshot(output), snapshot(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert any("/pagefind/filter/" in name for name in first), "the filter indexes are compared too"


def test_the_units_bundles_start_once_every_document_is_written_while_the_lists_are_not(minimal, tmp_path, monkeypatch):
    from disclosure.tools import search_index as search_module

    site, published = minimal
    seen = []
    start = search_module.Indexer.start

    def watched(indexer, *args):
        folder = indexer.folder
        seen.append(({p.relative_to(folder).as_posix() for p in folder.glob("doc/*/index.html")},
                     (folder / "catalog.json").exists(), set(indexer.runs)))
        return start(indexer, *args)

    monkeypatch.setattr(search_module.Indexer, "start", watched)
    ok, text, output = build(site, output=tmp_path / "output")
    assert ok, text
    (documents, lists_written, _), (_, at_the_end, started_early) = seen
    assert documents == {p.relative_to(output).as_posix() for p in output.glob("doc/*/index.html")} != set()
    assert not lists_written and at_the_end
    assert started_early and "pagefind/" not in started_early, "the units' bundles first; the portal's at the end"


def test_a_search_within_one_unit_downloads_that_units_bundle_only(page, sample_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    unit = json.loads(fetch(sample_url + "search/bundles.json"))[-1]
    status = search(page, sample_url, "统计", unit=unit["unit"])
    assert "全文搜索找到" in status
    bundles = {re.search(r"/zwgk/(.*?pagefind/)", url)[1] for url in requested if "pagefind/" in url}
    assert bundles == {"pagefind/", unit["path"]}
    for meta in page.locator(".search-result__meta").all_text_contents():
        assert meta.startswith(unit["unit"])
    page.get_by_label("单位").select_option("")  # the whole district: the other units' bundles are merged now
    expect(page.locator("[data-search-status]")).not_to_have_text(status, timeout=WAIT_MS)
    assert len({re.search(r"/zwgk/(.*?pagefind/)", url)[1] for url in requested if "pagefind/" in url}) > 2


@pytest.fixture(scope="module")
def compact_sample(tmp_path_factory):
    """The sample built as a large site: a search with no unit chosen reads the compact district index,
    here cut into many small term and row files, so that the page's hashing and paging are exercised."""
    from disclosure.views import compact_index

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compact_index, "COMPACT_FROM", 0)
        patch.setattr(compact_index, "ROWS_PER_SHARD", 2)
        patch.setattr(compact_index, "ROWS_PER_FILE", 7)
        output = build_sample(tmp_path_factory.mktemp("compact"))
    with serve_under(output, "zwgk") as url:
        yield output, url


def compact_rows(output):
    folder = output / "search" / "compact" / "rows"
    return [row for number in range(len(list(folder.iterdir())))
            for row in json.loads((folder / f"{number}.json").read_text(encoding="utf-8"))]


def holding(output, query):
    """The catalogue's items whose title, 文号 or keywords hold ``query``: what the compact index must find."""
    return {"/zwgk/" + item["url"] for item in json.loads((output / "catalog.json").read_text(encoding="utf-8"))
            if any(query in text for text in [item["title"], item.get("doc_number", ""), *item.get("keywords", [])])}


def test_a_large_site_has_a_compact_district_index_of_every_document_and_page(compact_sample, sample):
    output, _ = compact_sample
    app = one((output / "search" / "index.html").read_text(encoding="utf-8"), "[data-search]")
    shards, per_file = int(app["data-compact-shards"]), int(app["data-compact-rows"])
    assert shards > 1 and shards & (shards - 1) == 0 and per_file == 7
    assert len(list((output / "search" / "compact" / "terms").iterdir())) == shards
    rows = compact_rows(output)
    catalog = json.loads((output / "catalog.json").read_text(encoding="utf-8"))
    assert sorted(row["url"] for row in rows if "publish_date" in row) == sorted(item["url"] for item in catalog)
    dates = [row["publish_date"] for row in rows if "publish_date" in row]
    assert dates == sorted(dates, reverse=True), "rows are numbered newest first: date order is number order"
    standalone = len(list((ROOT / "content").glob("pages/*.md"))) + len(list((ROOT / "content").glob("*/pages/*.md")))
    assert len(rows) == len(catalog) + standalone and len({row["url"] for row in rows}) == len(rows)
    assert not (sample / "search" / "compact").exists(), "a small site searches every unit's full text"
    assert "data-compact" not in (sample / "search" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("query", ["统计执法", "局", "示统〔2023〕4号", "2023"])
def test_a_district_wide_search_on_a_large_site_reads_the_compact_index_and_no_bundle(page, compact_sample, query):
    output, url = compact_sample
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    status = search(page, url, query)
    wanted = holding(output, query)
    assert f"标题、文号和关键词中找到 {len(wanted)} 条结果" in status
    more = page.locator(".search__more")
    while more.is_visible():
        shown = page.locator(".search-result").count()
        more.click()
        expect(page.locator(".search-result")).not_to_have_count(shown, timeout=WAIT_MS)
    found = [link.get_attribute("href") for link in page.locator("[data-search-results] .search-result__link").all()]
    assert len(found) == len(set(found)) and set(found) == wanted
    assert not [address for address in requested if "pagefind" in address], "no unit's full text for a district-wide search"
    assert len({address for address in requested if "/search/compact/terms/" in address}) <= max(len(query) - 1, 1)


def test_the_compact_index_puts_title_matches_first_and_orders_by_date_on_request(page, compact_sample):
    output, url = compact_sample
    search(page, url, "统计", sort="date")
    dates = [re.search(r"发布日期：(\S{10})", text)[1] for text in page.locator(".search-result__meta").all_text_contents()]
    assert len(dates) == 10 and dates == sorted(dates, reverse=True)
    search(page, url, "数据")  # 数据 is in the keywords of some items whose titles lack it
    titles = page.locator("[data-search-results] .search-result__link").all_text_contents()
    with_word = [("数据" in title) for title in titles]
    assert with_word == sorted(with_word, reverse=True), "every title holding the word before any that does not"


def test_filters_narrow_the_compact_search_and_browse_without_a_query(page, compact_sample):
    output, url = compact_sample
    catalog = json.loads((output / "catalog.json").read_text(encoding="utf-8"))
    status = search(page, url, "", year="2023")
    assert f"符合所选条件的有 {sum(item['publish_date'].startswith('2023') for item in catalog)} 条" in status
    status = search(page, url, "统计", category="行政规范性文件")
    assert "筛选前" in status
    for result in page.locator(".search-result").all():
        expect(result.locator(".search-result__meta")).to_contain_text("行政规范性文件")


def test_a_word_only_in_bodies_leads_the_reader_to_the_full_text(page, compact_sample):
    output, url = compact_sample
    status = search(page, url, RARE_WORD)
    assert "标题、文号和关键词中没有" in status and "全部单位的全文" in status
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.get_by_label("搜索范围").select_option("full")
    expect(page.locator("[data-search-status]")).to_contain_text("全文搜索找到 1 条结果", timeout=WAIT_MS)
    assert result_links(page)[0] == f"/zwgk/{RARE_WORD_DOC}" and "scope=full" in page.url
    assert len({re.search(r"/zwgk/(.*?pagefind/)", address)[1] for address in requested if "pagefind/" in address}) > 2
    unit = json.loads((output / "search" / "bundles.json").read_text(encoding="utf-8"))[-1]
    status = search(page, url, "统计", unit=unit["unit"])  # a unit chosen: its full text, whatever the scope
    assert "全文搜索找到" in status


def test_the_compact_search_page_with_results_has_no_axe_violations(page, compact_sample):
    from axe_playwright_python.sync_playwright import Axe

    search(page, compact_sample[1], "统计执法")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_search_benchmark_measures_the_compact_index_and_the_full_text_it_spares(compact_sample, browser):
    from disclosure.tools import search_bench

    figures = search_bench.measure(compact_sample[0], query="统计", second_query="数据", browser=browser)
    first, full = figures["first_query"], figures["first_query_full_text"]
    assert figures["compact"] and figures["compact_bytes"] > 0
    assert 0 < first["search_bytes"] < full["search_bytes"], "the compact index costs a first query less than every bundle"
