"""Real Pelican builds of fixture sites: catalogue, exports, pages, feeds, sitemap, safety."""

import csv
import gc
import io
import json
import math
import os
import re
import weakref
import xml.etree.ElementTree as ET

import yaml

from disclosure.model import placeholders
from disclosure.tools import scaffold
from disclosure.tools.progress import BuildProgress
from support import (
    CONFIG,
    ROOT,
    build,
    build_sample,
    catalog,
    check,
    edit,
    expect_broken,
    one,
    read,
    select,
    snapshot,
    text_of,
    texts,
)

ATOM = "{http://www.w3.org/2005/Atom}"


def content_index_numbers(site):
    numbers = set()
    for path in (site / "content").rglob("*.md"):
        if "pages" not in path.parts:
            numbers.add(yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])["index_number"])
    return numbers


def test_catalogue_lists_exactly_the_content_files(site):
    ok, text, output = build(site, DISCLOSURE_PAGE_SIZE=5)
    assert ok, text
    expected = content_index_numbers(site)
    assert {item["index_number"] for item in catalog(output)} == expected
    rows = list(csv.DictReader(io.StringIO(read(output, "catalog.csv").removeprefix("\ufeff"))))
    assert {row["索引号"] for row in rows} == expected
    listed, url, pages = [], "catalog/", 0
    while url:
        html = read(output, url + "index.html")
        listed += texts(html, "td.document-table__index")
        following = select(html, "a[rel=next]")
        url = re.fullmatch(r"(?:\.\./)*(catalog/page/\d+/)", following[0]["href"]).group(1) if following else None
        pages += 1
    assert sorted(listed) == sorted(expected)
    assert len(listed) == len(expected)
    assert pages == -(-len(expected) // 5)


def test_catalogue_is_newest_first_with_validity(minimal):
    _, output = minimal
    items = catalog(output)
    keys = [(i["publish_date"], i["index_number"]) for i in items]
    assert keys == sorted(keys, reverse=True)
    by_index = {i["index_number"]: i for i in items}
    assert by_index["CSX-TJJ/2020-00001"]["validity"] == "已废止"
    assert by_index["CSX-TJJ/2023-00001"]["doc_number"] == "测统〔2023〕1号"
    assert by_index["CSX-TJJ/2023-00001"]["url"] == "doc/csx-tjj-2023-00001/"
    assert "validity" not in by_index["CSX-TJJ/2023-00003"]


def test_catalog_csv_has_a_bom_for_excel(minimal):
    _, output = minimal
    raw = (output / "catalog.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0].startswith("索引号,名称,单位,类型")
    assert (output / "tjj" / "catalog.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_category_and_year_pages(minimal):
    _, output = minimal
    normative = text_of(read(output, "tjj/normative/index.html"))
    assert "测统〔2023〕1号" in normative and "已废止" in normative
    assert "测试县统计局2024年政务公开工作要点" not in normative
    year = read(output, "tjj/catalog/2024/index.html")
    assert read(output, "catalog/2024/index.html").count("CSX-TJJ/2024-") == year.count("CSX-TJJ/2024-")
    assert set(re.findall(r"CSX-TJJ/\d{4}-\d{5}", year)) == {"CSX-TJJ/2024-00001", "CSX-TJJ/2024-00002", "CSX-TJJ/2024-00003", "CSX-TJJ/2024-00004"}


def test_document_page_has_metadata_attachments_history_and_links(minimal):
    _, output = minimal
    html = read(output, "doc/csx-tjj-2023-00001/index.html")
    assert one(html, "html")["lang"] == "zh-CN"
    table = text_of(one(html, "table.metadata-table"))
    for expected in ("索引号 CSX-TJJ/2023-00001", "发布机构 测试县统计局", "成文日期 2023-02-24",
                     "发布日期 2023-03-01", "文号 测统〔2023〕1号", "体裁分类 办法", "有效性 有效"):
        assert expected in table
    links = [a["href"] for a in select(html, "a[href]")]
    assert "../../tjj/attachments/2023/form.txt" in links
    assert (output / "tjj/attachments/2023/form.txt").is_file()
    assert "修订记录" in html and "首次发布。" in html
    assert "../../doc/csx-tjj-2023-00002/" in links  # its interpretation
    assert "../../doc/csx-tjj-2021-00001/" in links  # the {doc} link in the body
    headers = select(html, "table.metadata-table th")
    assert headers and all(th.get("scope") == "row" for th in headers)


def test_plan_shows_task_table(minimal):
    _, output = minimal
    html = read(output, "doc/csx-tjj-2024-00002/index.html")
    table = one(html, "table.task-table")
    assert text_of(one(table, "caption")) == "任务分工"
    assert "综合科、办公室" in texts(table, "td")


def test_unit_home_page_has_fixed_columns_and_sections(minimal):
    _, output = minimal
    home = text_of(read(output, "tjj/index.html"))
    for name in ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开工作年度报告",
                 "行政规范性文件", "政策解读", "最新公开"):
        assert name in home
    assert "行政规范性文件（6条）" in home.replace(" ", "")
    assert "网站标识码：1000000000" in home and "测试县测试路 1 号" in home


def test_portal_home_lists_every_unit_by_group_with_its_count_and_last_update(minimal):
    _, output = minimal
    html = read(output, "index.html")
    table = one(html, "table.unit-list")
    assert text_of(one(table, "caption")) == "县政府部门"
    row = one(table, "tbody tr")
    assert text_of(one(row, "th")) == "测试县统计局" and one(row, "th a")["href"] == "./tjj/"
    assert texts(row, "td") == ["13 条", "2026-11-05"]


def test_feeds_and_sitemap(minimal):
    site, output = minimal
    feed = ET.parse(output / "feeds/all.atom.xml").getroot()
    assert len(feed.findall(f"{ATOM}entry")) == len(content_index_numbers(site))
    assert len(ET.parse(output / "tjj/feeds/all.atom.xml").getroot().findall(f"{ATOM}entry")) == len(content_index_numbers(site))
    normative = ET.parse(output / "tjj/feeds/normative.atom.xml").getroot()
    assert len(normative.findall(f"{ATOM}entry")) == 6
    sitemap = ET.parse(output / "sitemap.xml").getroot()
    urls = {u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"): u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}lastmod") for u in sitemap}
    assert urls["doc/csx-tjj-2023-00001/"] == "2023-03-01"
    assert {"catalog/", "policy/", "search/", "tjj/", "tjj/catalog/", "tjj/guide/", "tjj/normative/compilation/"} <= set(urls)


def test_second_bureau_builds_from_the_same_code(commerce):
    _, output = commerce
    pages = " ".join(p.read_text(encoding="utf-8") for p in output.rglob("*.html"))
    for expected in ("样例市商务局", "YLS-SWJ/2025-00001", "市场运行科", "样例市商务局政务公开办", "样ICP备99999999号"):
        assert expected in pages
    first = yaml.safe_load((ROOT / "data" / "units" / "tjj" / "agency.yaml").read_text(encoding="utf-8"))
    portal = yaml.safe_load((ROOT / "data" / "site.yaml").read_text(encoding="utf-8"))
    for absent in (first["name"], first["agency_code"], portal["identity"]["icp"], *[d["name"] for d in first["departments"] if d["name"] != "办公室"]):
        assert absent not in pages


def test_html_in_front_matter_is_rejected(site):
    path = site / "content" / "tjj" / "documents" / "a.md"
    expect_broken(site, [(path, "title: 测试县统计局", 'title: <script>alert("t")</script>测试县统计局'),
                         (path, "genre: 规定", 'genre: 规定\nsummary: "<img src=x onerror=alert(4)>"')],
                  (path, 2, "title", "字段中不能包含 HTML 标签“<script>”"),
                  (path, "summary:", "summary", "字段中不能包含 HTML 标签"))


def test_unsafe_html_in_bodies_never_reaches_the_output(site):
    path = site / "content" / "tjj" / "documents" / "a.md"
    edit(path, "办公室统一受理政府信息公开申请。",
         '<script>alert("x")</script>\n\n<img src="x.png" onerror="alert(1)" alt="图">\n\n'
         '[点我](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">再点</a> <p onclick="alert(3)">段落</p>'
         '\n\n<iframe src="https://evil.example/"></iframe><style>body{display:none}</style>')
    ok, text, output = build(site)
    assert ok, text
    everything = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in output.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".json", ".csv"))
    assert "<script>alert" not in everything
    assert not re.search(r"<[^>]+\son\w+\s*=", everything), "an inline event handler got through"
    assert not re.search(r"href=\"\s*javascript:", everything, re.I)
    page = read(output, "doc/csx-tjj-2023-00003/index.html")
    assert "<iframe" not in page and "evil.example" not in page and "display:none" not in page
    assert "段落" in page and 'alt="图"' in page


def test_new_scaffolds_a_valid_file_with_the_next_index_number(site):
    import datetime
    path, = scaffold.new("notice", "关于测试的通知", config=CONFIG,
                        today=datetime.date(2026, 11, 20), site_root=site)
    text = path.read_text(encoding="utf-8")
    assert "index_number: CSX-TJJ/2026-00004" in text
    assert "publish_date: 2026-11-20" in text
    ok, report = check(site)
    assert not ok and "正文还是 invoke new 写入的占位文字" in report  # a clerk must write the body first
    edit(path, placeholders.BODY, "本站将于 12 月 1 日起试运行。")
    ok, report = check(site)
    assert ok, report
    for kind in ("normative", "interpretation", "consultation", "report", "plan", "statistics", "document"):
        written, *_ = scaffold.new(kind, f"新的{kind}", config=CONFIG, today=datetime.date(2026, 11, 20), site_root=site)
        text = written.read_text(encoding="utf-8")
        for placeholder in (placeholders.BODY, placeholders.REPORT_BODY):
            text = text.replace(placeholder, "正文。")
        written.write_text(text.replace(placeholders.DOC_NUMBER, "测统〔2026〕2号"), encoding="utf-8")
    ok, report = check(site)
    assert ok, report


def test_a_build_outside_a_terminal_shows_its_stages_in_plain_lines(site, tmp_path):
    shown = io.StringIO()  # not a terminal: plain lines, as CI's log shows them
    ok, text, output = build(site, output=tmp_path / "output", progress=BuildProgress(shown))
    assert ok, text
    lines = shown.getvalue().splitlines()
    bundles = len(json.loads((output / "search" / "bundles.json").read_text(encoding="utf-8")))
    assert bundles == 2, "the portal's search bundle and the unit's"
    assert [line for line in lines if line.endswith("开始") or "开始（" in line] == [
        "检查：开始（1）", "正文：开始（1）", "页面：开始", f"搜索索引：开始（{bundles}）"]
    assert lines[-1] == f"搜索索引：{bundles}/{bundles}"


def test_a_large_sites_documents_are_written_on_every_core_byte_for_byte(tmp_path, monkeypatch):
    from disclosure.plugin import articles

    serial = build_sample(tmp_path / "serial")  # fewer documents than PARALLEL_FROM: one by one
    writers = tmp_path / "writers"
    writers.mkdir()
    write_articles = articles.write_articles

    def noted(generator, write, pages):  # the writing process leaves its number
        (writers / str(os.getpid())).touch()
        write_articles(generator, write, pages)

    monkeypatch.setattr(articles, "PARALLEL_FROM", 0)
    monkeypatch.setattr(articles, "RUN", 7)
    monkeypatch.setattr(articles, "DOCUMENTS_PER_WORKER", 14)  # two runs, then a fresh worker
    monkeypatch.setattr(articles, "write_articles", noted)
    shown = []
    ok, text, parallel = build(ROOT, output=tmp_path / "parallel" / "output",
                               progress=lambda stage, done, total: shown.append((stage, done)))
    assert ok, text
    documents = len(json.loads((parallel / "catalog.json").read_text(encoding="utf-8")))
    workers = {path.name for path in writers.iterdir()} - {str(os.getpid())}
    assert len(workers) >= math.ceil(documents / 14), "written by forked workers, each ending after its 14 documents"
    assert snapshot(parallel) == snapshot(serial), "the same pages, and the sitemap hears every one"
    counts = [done for stage, done in shown if stage == "页面"]
    assert counts == list(range(1, len(counts) + 1)) and counts[-1] > documents, "the workers' pages are counted too"


def test_a_worker_that_fails_on_a_document_stops_the_build_naming_its_file(tmp_path, monkeypatch):
    from disclosure.plugin import articles

    write_articles = articles.write_articles

    def failing(generator, write, pages):
        if any(page.record.index_number == "SLQ-TJJ/2023-00001" for page in pages):
            raise ValueError("模板出错")
        write_articles(generator, write, pages)

    monkeypatch.setattr(articles, "PARALLEL_FROM", 0)
    monkeypatch.setattr(articles, "write_articles", failing)
    ok, text, output = build(ROOT, output=tmp_path / "output")
    assert not ok and not output.exists()
    assert re.search(r"content/tjj/\S+\.md:1: -: 内部错误：.*ValueError.*模板出错", text), text


def test_nothing_of_the_site_is_kept_while_the_search_index_is_made(tmp_path, monkeypatch):
    """The build goes on indexing for search after Pelican is done (half its time at 10,000 documents).
    By then the loaded site and Pelican's pages are let go, and their memory is room for the index's
    runs (``tools.search_index``): Pelican's memoized methods would keep every page they were asked about."""
    from pelican import signals

    from disclosure import settings as config
    from disclosure.tools import search_index

    made, alive = [], []

    def note(generator):
        site = config.site_of(generator.settings)
        made.extend(weakref.ref(thing) for thing in [site, *site.records, *generator.articles])

    finish = search_index.Indexer.finish

    def finishing(indexer, *args):
        gc.collect()
        alive.extend(ref() for ref in made if ref() is not None)
        return finish(indexer, *args)

    monkeypatch.setattr(search_index.Indexer, "finish", finishing)
    signals.article_generator_finalized.connect(note)
    try:
        build_sample(tmp_path)
    finally:
        signals.article_generator_finalized.disconnect(note)
    assert len(made) > 100
    assert not alive, alive[:3]
