"""规范性文件 lifecycle: derived validity on every page, banners, the list per state, 汇编, 清理结果,
lifecycle errors and compliance warnings, and the nightly rebuild that moves past an expiry date."""

import csv
import io
import re

import pytest

from support import (
    BUILD_DATE,
    build,
    catalog,
    check,
    edit,
    expect,
    expect_broken,
    line_of,
    links,
    one,
    read,
    select,
    serve_under,
    shared_build,
    shown,
    text_of,
    texts,
)

LATER = "2028-04-01"  # the day after CSX-TJJ/2023-00001's expiry_date (2028-03-31)
EXPIRING = "CSX-TJJ/2023-00001"
# Validity of the minimal fixture's normative documents on BUILD_DATE (2026-11-22).
TODAY_STATES = {
    "CSX-TJJ/2020-00001": "已废止",  # repealed by 2023-00001, in effect since 2023-04-01
    "CSX-TJJ/2021-00001": "已修订",  # amended by 2024-00001
    "CSX-TJJ/2022-00001": "已失效",  # expiry_date 2025-01-31
    "CSX-TJJ/2023-00001": "有效",
    "CSX-TJJ/2024-00001": "有效",
    "CSX-TJJ/2026-00001": "尚未施行",  # effective_date 2027-01-01
}
LATER_STATES = dict(TODAY_STATES, **{EXPIRING: "已失效", "CSX-TJJ/2026-00001": "有效"})
STATE_PAGES = {"尚未施行": "not-yet-effective", "有效": "effective", "已修订": "amended",
               "已废止": "repealed", "已失效": "expired"}
DOC_LINK = re.compile(r"(?:\.\./)*doc/([a-z0-9-]+)/")


def slug(index_number):
    return index_number.lower().replace("/", "-")


def doc_page(output, index_number):
    return read(output, f"doc/{slug(index_number)}/index.html")


def row_labels(html):
    """{索引号: 有效性 label} for every row of the document tables on a page (a row without a
    validity cell gives its whole text, which is never a label)."""
    labels = {}
    for row in select(html, "tr:has(> td.document-table__index)"):
        validity = select(row, "td.document-table__validity")
        labels[text_of(one(row, "td.document-table__index"))] = text_of(validity[-1] if validity else row)
    return labels


def related(html):
    """[(slug, validity label or '')] of the relation lists on a document page."""
    return [(DOC_LINK.fullmatch(one(item, "a")["href"]).group(1), " ".join(texts(item, "span.validity")))
            for item in select(html, "ul.related-list > li")]


def metadata_label(html):
    [label] = [text_of(one(row, "td")) for row in select(html, "table.metadata-table tr") if texts(row, "th") == ["有效性"]]
    return label


def banner(html):
    """The validity banner of a document page, or '' if it has none."""
    found = select(html, "div.validity-banner")
    return found[0] if found else ""


def filter_links(html):
    """[(url, current, label, count)] of the validity filter on a list page."""
    return [(link["href"], link.get("aria-current") == "page", "".join(link.find_all(string=True, recursive=False)),
             int(re.fullmatch(r"（(\d+) 条）", text_of(one(link, "span.validity-filter__count"))).group(1)))
            for link in select(html, "a.validity-filter__link")]


def cleanup_years(html):
    """The years of the 清理结果 page's sections, in order."""
    return [heading["id"].removeprefix("cleanup-") for heading in select(html, 'h2[id^="cleanup-"]')]


def csv_labels(output):
    rows = csv.DictReader(io.StringIO(read(output, "catalog.csv").removeprefix("\ufeff")))
    return {row["索引号"]: row["有效性"] for row in rows if row["有效性"]}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The same minimal site built on BUILD_DATE and on LATER, as two nightly builds would."""
    with shared_build(tmp_path_factory.mktemp("lifecycle")) as (site, output):
        ok, text, later = build(site, output=site.parent / f"output-{LATER}", build_date=LATER)
        assert ok, text
        yield {BUILD_DATE: output, LATER: later}


BANNERS = [
    # (index number, banner title, words in the message, documents the banner links to)
    ("CSX-TJJ/2020-00001", "本文件已废止", ["废止文件自 2023-04-01 起施行"], ["CSX-TJJ/2023-00001"]),
    ("CSX-TJJ/2021-00001", "本文件已修订", ["修订文件自 2024-07-01 起施行"], ["CSX-TJJ/2024-00001"]),
    ("CSX-TJJ/2022-00001", "本文件已失效", ["有效期至 2025-01-31", "现已失效"], []),
    ("CSX-TJJ/2026-00001", "本文件尚未施行", ["自 2027-01-01 起施行"], []),
]


@pytest.mark.parametrize("index, title, words, linked", BANNERS, ids=[b[1] for b in BANNERS])
def test_each_state_shows_its_label_banner_dates_and_links(builds, index, title, words, linked):
    html = doc_page(builds[BUILD_DATE], index)
    assert metadata_label(html) == TODAY_STATES[index]
    note = banner(html)
    assert note["role"] == "note" and texts(note, 'span[aria-hidden="true"]') == ["⚠"]  # an icon and text, not colour alone
    assert title in text_of(note)
    for word in words:
        assert word in text_of(note)
    assert [href for href, _ in links(note)] == [f"../../doc/{slug(i)}/" for i in linked]


def test_documents_in_force_have_no_banner(builds):
    for index in ("CSX-TJJ/2023-00001", "CSX-TJJ/2024-00001"):
        html = doc_page(builds[BUILD_DATE], index)
        assert metadata_label(html) == "有效"
        assert banner(html) == ""


def test_relations_link_both_ways_with_current_validity(builds):
    output = builds[BUILD_DATE]
    repealing = doc_page(output, "CSX-TJJ/2023-00001")
    assert "本文件废止的文件" in repealing and "相关解读" in repealing
    assert ("csx-tjj-2020-00001", "已废止") in related(repealing)
    assert ("csx-tjj-2023-00002", "") in related(repealing)  # its interpretation
    assert ("csx-tjj-2023-00001", "有效") in related(doc_page(output, "CSX-TJJ/2020-00001"))
    assert ("csx-tjj-2024-00001", "有效") in related(doc_page(output, "CSX-TJJ/2021-00001"))
    assert ("csx-tjj-2021-00001", "已修订") in related(doc_page(output, "CSX-TJJ/2024-00001"))
    interpretation = doc_page(output, "CSX-TJJ/2023-00002")
    assert "解读的文件" in interpretation
    assert related(interpretation) == [("csx-tjj-2023-00001", "有效")]


def test_normative_list_counts_each_state_and_links_a_page_per_state(builds):
    output = builds[BUILD_DATE]
    html = read(output, "tjj/normative/index.html")
    options = filter_links(html)
    assert [(label, count) for _, _, label, count in options] == [
        ("全部", 6), ("尚未施行", 1), ("有效", 2), ("已修订", 1), ("已废止", 1), ("已失效", 1)]
    assert [current for _, current, _, _ in options] == [True, False, False, False, False, False]
    assert row_labels(html) == TODAY_STATES
    assert "../../theme/js/validity-filter.js" in [script["src"] for script in select(html, "script[src]")]
    one(html, "nav[data-validity-filter]")
    assert (output / "theme/js/validity-filter.js").is_file()
    assert {("../../tjj/normative/compilation/", "制度文件汇编"), ("../../tjj/normative/cleanup/", "清理结果")} <= set(links(html))
    for label, page in STATE_PAGES.items():
        state_html = read(output, f"tjj/normative/{page}/index.html")
        expected = {i: s for i, s in TODAY_STATES.items() if s == label}
        assert row_labels(state_html) == expected, label
        assert texts(state_html, "h1") == [f"行政规范性文件（{label}）"]
        current = [(url, lab) for url, is_current, lab, _ in filter_links(state_html) if is_current]
        assert current == [(f"../../../tjj/normative/{page}/", label)]
        assert "validity-filter.js" not in state_html  # only the complete list is filtered in place
        assert "../../../tjj/normative/compilation/" in [href for href, _ in links(state_html)]
    sitemap = read(output, "sitemap.xml")
    for page in ("", *STATE_PAGES.values(), "compilation", "cleanup"):
        assert f"<loc>tjj/normative/{page}{'/' if page else ''}</loc>" in sitemap


def test_compilation_holds_the_full_text_of_every_document_in_force(builds):
    html = read(builds[BUILD_DATE], "tjj/normative/compilation/index.html")
    toc = one(html, "nav.compilation__toc")
    in_force = [i for i, s in sorted(TODAY_STATES.items()) if s in ("有效", "已修订")]
    assert [href for href, _ in links(toc)] == [f"#{slug(i)}" for i in in_force]  # oldest first
    for index in in_force:
        one(html, f"section.compilation__document#{slug(index)}")
    for index, state in TODAY_STATES.items():
        if state not in ("有效", "已修订"):
            assert index not in html
    text = text_of(html)
    assert "第一条 本办法施行后，原办法同时废止。" in text  # the body of CSX-TJJ/2023-00001
    assert "一、将第三条修改为新的内容。" in text  # the body of CSX-TJJ/2024-00001
    assert "本文件已修订" in text  # the amended document carries its banner
    assert ("../../../doc/csx-tjj-2021-00001/", "执法检查规定") in links(html)  # {doc} link, relative to this page
    assert "../../../tjj/attachments/2023/form.txt" in [href for href, _ in links(html)]
    assert len(select(html, "h1")) == 1 and not select(html, ".compilation__body h1")
    ids = [element["id"] for element in select(html, "[id]")]
    assert len(ids) == len(set(ids))


def test_cleanup_lists_what_was_repealed_or_expired_each_year(builds):
    html = read(builds[BUILD_DATE], "tjj/normative/cleanup/index.html")
    assert cleanup_years(html) == ["2025", "2023"]
    expired = text_of(one(html, "section:has(> h2#cleanup-2025)"))
    assert "测试县统计数据质量暂行办法" in expired and "失效 2025-01-31" in expired
    repealed = one(html, "section:has(> h2#cleanup-2023)")
    assert "测试县统计调查管理办法" in text_of(repealed) and "废止 2023-04-01" in text_of(repealed)
    assert "../../../doc/csx-tjj-2023-00001/" in [href for href, _ in links(repealed)]  # the repealing document


def test_moving_the_build_date_past_an_expiry_flips_the_label_everywhere(builds):
    """The nightly case: no content edited, only the build date moved past EXPIRING's expiry_date."""
    for day, states in ((BUILD_DATE, TODAY_STATES), (LATER, LATER_STATES)):
        output = builds[day]
        label = states[EXPIRING]
        page = doc_page(output, EXPIRING)
        assert metadata_label(page) == label
        assert ("有效期至 2028-03-31" in text_of(banner(page))) == (label == "已失效")
        assert {i["index_number"]: i["validity"] for i in catalog(output) if "validity" in i} == states
        assert csv_labels(output) == states
        shown = {}  # page → labels shown for EXPIRING in its tables and relation lists
        for path in output.rglob("*.html"):
            html = path.read_text(encoding="utf-8")
            if EXPIRING not in html and slug(EXPIRING) not in html:
                continue  # a page that names it neither way can show no label for it (and parsing takes time)
            labels = [row_labels(html).get(EXPIRING)] + [lab for target, lab in related(html) if target == slug(EXPIRING)]
            if any(labels):
                shown[path.relative_to(output).parent.as_posix()] = set(filter(None, labels))
        assert shown == dict.fromkeys(
            [".", "catalog", "catalog/2023", "policy", f"policy/{STATE_PAGES[label]}",
             "tjj", "tjj/catalog", "tjj/catalog/2023", "tjj/normative", f"tjj/normative/{STATE_PAGES[label]}",
             "doc/csx-tjj-2020-00001", "doc/csx-tjj-2023-00002"], {label})  # repealed by it; its interpretation
        counts = {lab: count for _, _, lab, count in filter_links(read(output, "tjj/normative/index.html"))}
        expected = {lab: list(states.values()).count(lab) for lab in STATE_PAGES}
        assert counts == {"全部": 6, **expected}
        state_page = read(output, f"tjj/normative/{STATE_PAGES[label]}/index.html")
        assert EXPIRING in row_labels(state_page)
        assert EXPIRING not in read(output, f"tjj/normative/{STATE_PAGES['有效' if label == '已失效' else '已失效']}/index.html")
        assert (slug(EXPIRING) in read(output, "tjj/normative/compilation/index.html")) == (label == "有效")
    assert cleanup_years(read(builds[LATER], "tjj/normative/cleanup/index.html")) == ["2028", "2025", "2023"]


def test_build_date_comes_from_the_environment_for_nightly_builds(site, monkeypatch):
    monkeypatch.setenv("BUILD_DATE", LATER)
    ok, text, output = build(site, build_date=None)
    assert ok, text
    assert metadata_label(doc_page(output, EXPIRING)) == "已失效"
    monkeypatch.setenv("BUILD_DATE", BUILD_DATE)
    ok, text, output = build(site, build_date=None)
    assert ok, text
    assert metadata_label(doc_page(output, EXPIRING)) == "有效"


ERRORS = [
    # (file, old text, new text, marker of the reported line, field, words in the message)
    ("normative/d.md", "amends: [CSX-TJJ/2021-00001]", "amends: [CSX-TJJ/2021-09999]", "amends:", "amends[0]",
     ["找不到", "“CSX-TJJ/2021-09999”"]),
    ("normative/c.md", "repeals: [CSX-TJJ/2020-00001]", "repeals: [CSX-TJJ/2023-00001]", "repeals:", "repeals[0]",
     ["不能引用自己", "CSX-TJJ/2023-00001"]),
    ("normative/d.md", "amends: [CSX-TJJ/2021-00001]", "amends: [CSX-TJJ/2023-00003]", "amends:", "amends[0]",
     ["只能修订或废止行政规范性文件", "“CSX-TJJ/2023-00003”", "其他文件"]),
    ("normative/c.md", "repeals: [CSX-TJJ/2020-00001]", "repeals: [CSX-TJJ/2020-00001]\namends: [CSX-TJJ/2020-00001]",
     "amends:", "amends[0]", ["不能既被修订又被废止", "“CSX-TJJ/2020-00001”"]),
    ("normative/b.md", "effective_date: 2021-06-01", "effective_date: 2021-05-01", "effective_date", "effective_date",
     ["施行日期不能早于成文日期", "2021-05-01", "2021-05-06"]),
]


@pytest.mark.parametrize("name, old, new, marker, field, words", ERRORS, ids=["unknown", "self", "non-normative", "amends-and-repeals", "effective-before-written"])
def test_lifecycle_errors_name_file_line_and_field(site, name, old, new, marker, field, words):
    path = site / "content" / "tjj" / name
    expect_broken(site, (path, old, new), (path, marker, field, *words), errors=1)


def test_a_repeal_cycle_is_an_error(site):
    repealed = site / "content" / "tjj" / "normative" / "a.md"
    closing = site / "content" / "tjj" / "normative" / "c.md"  # the reference that closes the cycle
    expect_broken(site, (repealed, "keywords: [统计调查]", "keywords: [统计调查]\nrepeals: [CSX-TJJ/2023-00001]"),
                  (closing, "repeals:", "repeals", "循环", "CSX-TJJ/2020-00001 → CSX-TJJ/2023-00001 → CSX-TJJ/2020-00001"),
                  via_build=True)


WARNINGS = [
    # (build date, file, old text, new text, marker of the reported line, field, words in the message)
    (BUILD_DATE, "interpretations/c.md", "publish_date: 2023-03-02", "publish_date: 2023-03-10", "publish_date",
     "publish_date", ["解读比文件“CSX-TJJ/2023-00001”晚 7 个工作日", "3 个工作日内"]),
    ("2028-01-15", "normative/c.md", "", "", "expiry_date", "expiry_date", ["清理提醒", "2028-03-31", "还有 76 天"]),
    (BUILD_DATE, "normative/b.md", "written_date: 2021-05-06", "written_date: 2021-03-01", "publish_date",
     "publish_date", ["比成文日期晚", "20 个工作日"]),
]


@pytest.mark.parametrize("day, name, old, new, marker, field, words", WARNINGS, ids=["late-interpretation", "expiring", "late-publication"])
def test_compliance_warnings_print_and_fail_only_under_strict(site, day, name, old, new, marker, field, words):
    path = site / "content" / "tjj" / name
    if old:
        edit(path, old, new)
    ok, report = check(site, build_date=day)
    assert ok, report
    expect(report, shown(path), line_of(path, marker), field, "警告：", *words)
    assert "共发现 0 个错误，1 个警告" in report
    expect_broken(site, [], (path, marker, field, "警告：", *words), strict=True, build_date=day, via_build=True)


def test_holidays_do_not_count_as_working_days(site):
    """National Day 2024 (data/holidays.yaml): 2024-09-30 → 2024-10-08 is one working day."""
    edit(site / "content" / "tjj" / "normative" / "d.md", "publish_date: 2024-06-03\nwritten_date: 2024-05-30\neffective_date: 2024-07-01",
         "publish_date: 2024-09-30\nwritten_date: 2024-09-27\neffective_date: 2024-11-01")
    interpretation = site / "content" / "tjj" / "interpretations" / "c.md"
    edit(interpretation, "interprets: [CSX-TJJ/2023-00001]", "interprets: [CSX-TJJ/2024-00001]")
    edit(interpretation, "publish_date: 2023-03-02", "publish_date: 2024-10-08")
    ok, report = check(site, strict=True)
    assert ok, report
    expect_broken(site, (interpretation, "publish_date: 2024-10-08", "publish_date: 2024-10-11"),
                  (interpretation, "publish_date:", "publish_date", "晚 4 个工作日"), strict=True)


def filter_each_state_by_keyboard(browser, url):
    """Press Enter on every filter link of the list at ``url``: each state shows exactly its rows,
    the live region says how many, and the page is not reloaded. Returns the counts seen."""
    page = browser.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error"
            and not message.location["url"].endswith("favicon.ico") else None)  # CSP refusals would show here
    page.goto(url)
    links = page.locator(".validity-filter__link")
    options = [re.fullmatch(r"(.+)（(\d+) 条）", text).groups() for text in links.all_inner_texts()]
    assert [label for label, _ in options] == ["全部", *STATE_PAGES]
    for position, (label, count) in reversed(list(enumerate(options))):
        links.nth(position).focus()
        page.keyboard.press("Enter")
        assert page.url == url  # filtered in place
        rows = page.locator(".document-table tbody tr:visible")
        if int(count):
            assert rows.count() == int(count), label
            if label != "全部":
                assert set(rows.locator(".document-table__validity").all_inner_texts()) == {label}
        else:
            assert rows.all_inner_texts() == ["暂无内容。"]
        summary = page.locator("#listing-summary")
        assert summary.get_attribute("role") == "status"
        assert summary.inner_text().startswith(f"共 {count} 条" if label == "全部" else f"{label}：共 {count} 条")
        assert links.nth(position).get_attribute("aria-current") == "page"
        assert page.locator(".validity-filter__link[aria-current]").count() == 1
        assert page.locator(".document-table caption").inner_text() == ("行政规范性文件" if label == "全部" else f"行政规范性文件（{label}）")
    assert page.locator(".document-table tbody tr:visible").count() == int(options[0][1])
    assert errors == []
    page.close()
    return {label: int(count) for label, count in options}


def test_filter_script_filters_the_sample_list_in_place(browser, sample_url):
    counts = filter_each_state_by_keyboard(browser, sample_url + "tjj/normative/")
    assert all(counts.values())  # the sample has a document in each state


def test_filter_script_shows_an_empty_state(browser, builds):
    with serve_under(builds[LATER]) as base:
        counts = filter_each_state_by_keyboard(browser, base + "tjj/normative/")
    assert counts["尚未施行"] == 0


def test_filter_works_without_javascript(browser, sample_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_url + "tjj/normative/")
    page.get_by_role("link", name=re.compile("^已废止")).click()
    assert page.url == sample_url + "tjj/normative/repealed/"
    assert page.locator("h1").inner_text() == "行政规范性文件（已废止）"
    labels = page.locator(".document-table tbody .document-table__validity").all_inner_texts()
    assert labels and {t.split(" ")[-1] for t in labels} == {"已废止"}
    context.close()


@pytest.mark.parametrize("path", ["tjj/normative/", "tjj/normative/repealed/", "tjj/normative/compilation/", "tjj/normative/cleanup/", "doc/slq-tjj-2019-00001/"])
def test_lifecycle_pages_have_no_axe_violations(browser, sample_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.goto(sample_url + path)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert results.violations_count == 0, results.generate_report()
    page.close()
