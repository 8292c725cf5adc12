"""年度报告: tables from data/units/tjj/annual/YYYY.yaml and the content, totals computed, the identity checked."""

import datetime
import io
import os
import re

import pytest
import yaml

from disclosure.data import annual
from disclosure.model import placeholders
from disclosure.model.schema import Schemas
from disclosure.tools import annual_scaffold
from support import (
    CONFIG,
    build,
    check,
    commands,
    config_for,
    edit,
    expect_broken,
    invoke,
    line_of,
    one,
    read,
    reported,
    select,
    text_of,
    texts,
)

REPORT_PAGE = "doc/csx-tjj-2024-00004/index.html"  # the minimal fixture's report for 2023
SECTIONS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def data_file(site, year=2023):
    return site / "data" / "units" / "tjj" / "annual" / f"{year}.yaml"


def table(html, modifier):
    return one(html, f"table.grid-table--{modifier}")


def figures(table, header_id):
    """The figures of one row or column: the cells whose headers name ``header_id``, in order."""
    return texts(table, f'td[headers~="{header_id}"]')


def test_report_page_has_sections_one_to_six_and_computed_totals(minimal):
    _, output = minimal
    html = read(output, REPORT_PAGE)
    assert texts(html, "h2.annual-report__heading") == SECTIONS
    assert "测试县统计局全年主动公开统计数据和政策文件。" in html  # 一 from the data file
    assert "本报告根据《中华人民共和国政府信息公开条例》编制。" in html  # the preface is the item's body
    six = text_of(one(html, 'section[aria-labelledby="annual-other_matters"]'))
    assert "无。" in six
    two, three, four = table(html, "active"), table(html, "applications"), table(html, "review")
    assert figures(two, "t2-penalties") == ["4"] and figures(two, "t2-fees") == ["1.5"]
    assert figures(three, "t3-received") == ["3", "2", "0", "0", "1", "0", "6"]
    assert figures(three, "t3-results-total") == ["3", "2", "0", "0", "0", "0", "5"]
    assert figures(three, "t3-col-total") == ["6", "0", "3", "0"] + ["0"] * 8 + ["2", "0", "0"] + ["0"] * 8 + ["5", "1"]
    assert figures(four, "t4-review-total") == ["1"]
    assert figures(four, "t4-litigation-direct") == ["0"] * 5


def test_every_figure_names_existing_headers_and_every_header_has_a_scope(minimal):
    _, output = minimal
    html = read(output, REPORT_PAGE)
    for modifier in ("active", "applications", "review"):
        part = table(html, modifier)
        assert text_of(one(part, "caption.grid-table__caption")).startswith("2023年")
        headers = select(part, "th")
        ids = {th["id"] for th in headers}
        assert len(ids) == len(headers)
        for th in headers:
            assert th.get("scope") in ("col", "colgroup", "row", "rowgroup"), th
        for td in select(part, "td"):
            if text_of(td):  # every figure; only 表三's empty corner cell has no headers
                named = td["headers"]
                assert set(named) <= ids and len(named) >= 2, td


def test_normative_row_counts_what_the_content_says_and_follows_a_new_repeal(minimal, site):
    # 2023: published c (2023-00001); c repeals a from 2023-04-01; in force on 12-31: b, c and e.
    assert figures(table(read(minimal[1], REPORT_PAGE), "active"), "t2-normative") == ["1", "1", "3"]
    edit(site / "content" / "tjj" / "normative" / "c.md", "repeals: [CSX-TJJ/2020-00001]",
         "repeals: [CSX-TJJ/2020-00001, CSX-TJJ/2022-00001]")
    ok, text, output = build(site)
    assert ok, text
    assert figures(table(read(output, REPORT_PAGE), "active"), "t2-normative") == ["1", "2", "2"]


def test_normative_counts_equal_an_independent_count_of_the_front_matter(site):
    loaded = commands.check(CONFIG, site_root=site, out=io.StringIO(), BUILD_DATE="2026-11-22")
    documents = [yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
                 for path in sorted((site / "content" / "tjj" / "normative").glob("*.md"))]
    repealed_on = {}
    for doc in documents:
        for target in doc.get("repeals", ()):
            repealed_on[target] = min(doc["effective_date"], repealed_on.get(target, doc["effective_date"]))
    for year in range(2019, 2028):
        last = datetime.date(year, 12, 31)
        expected = {
            "issued": sum(doc["publish_date"].year == year for doc in documents),
            "repealed": sum(day.year == year for day in repealed_on.values()),
            "in_force": sum(doc["publish_date"] <= last and doc["effective_date"] <= last
                            and not repealed_on.get(doc["index_number"], datetime.date.max) <= last
                            and not doc.get("expiry_date", datetime.date.max) < last for doc in documents),
        }
        assert annual.normative_counts(loaded.units["tjj"], year) == expected, year
    assert loaded.units["tjj"].annual[2023].normative == {"issued": 1, "repealed": 1, "in_force": 3}


@pytest.mark.parametrize("old, new, column, left, right", [
    ("received: {natural_person: 3, business: 2,", "received: {natural_person: 3, business: 3,", "business",
     "一 本年新收 3 + 二 上年结转 0 = 3", "三（七）办理结果总计 2 + 四 结转下年度 0 = 2"),
    ("not_held: {natural_person: 1,", "not_held: {natural_person: 2,", "natural_person",
     "一 本年新收 3 + 二 上年结转 0 = 3", "三（七）办理结果总计 4 + 四 结转下年度 0 = 4"),
], ids=["received", "result"])
def test_unbalanced_column_is_an_error_naming_column_sides_file_and_lines(site, old, new, column, left, right):
    path = data_file(site)
    label = {"business": "商业企业", "natural_person": "自然人"}[column]
    report = expect_broken(site, (path, old, new), (path, "received:", f"applications.*.{column}",
                                                    f"表三“{label}”列不平衡", left, right), errors=1, via_build=True)
    [message] = reported(report, path, line_of(path, "received:"), f"applications.*.{column}")
    changed = line_of(path, new)
    parts = re.search(r"第 (\d+) 行（一）、第 (\d+) 行（二）、第 (\d+)–(\d+) 行（三）、第 (\d+) 行（四）", message)
    first, second, start, end, fourth = map(int, parts.groups())
    assert changed in (first, second, fourth) or start <= changed <= end
    assert (first, second, fourth) == tuple(line_of(path, key) for key in ("received:", "carried_over:", "carried_forward:"))


@pytest.mark.parametrize("old, new, field, words", [
    ("licensing: 2", "licensing: -1", "active_disclosure.licensing", ["-1", "不小于 0"]),
    ("fees: 1.5", "fees: -0.5", "active_disclosure.fees", ["-0.5", "不小于 0"]),
    ("received: {natural_person: 3,", "received: {natural_person: 2.5,", "applications.received.natural_person", ["应为整数", "2.5"]),
    ("review: {upheld: 1,", "review: {upheld: 一,", "review_litigation.review.upheld", ["应为整数", "一"]),
    ("licensing: 2", "licencing: 2", "active_disclosure.licencing", ["您是不是要写 licensing"]),
], ids=["negative", "negative-amount", "fraction", "text", "typo"])
def test_bad_figures_are_errors_with_file_line_and_field(site, old, new, field, words):
    path = data_file(site)
    report = expect_broken(site, (path, old, new), (path, new, field, *words))
    assert len(reported(report, path, line_of(path, new), field)) == 1


def test_report_years_and_data_files_must_pair_up(site):
    report = site / "content" / "tjj" / "reports" / "a.md"
    data = data_file(site)
    kept = data.read_text(encoding="utf-8")
    # a report in the 2021 format cannot go out without its tables
    text = expect_broken(site, (data, None, None), (report, "year:", "year", "data/units/tjj/annual/2023.yaml", "invoke new report 2023"))
    assert len(reported(text, report, line_of(report, "year:"), "year")) == 1
    data.write_text(kept, encoding="utf-8")
    scaffold = annual_scaffold.scaffold(Schemas().documents[annual.SCHEMA], 2022, {"name": "测试县统计局"})
    data_file(site, 2022).write_text(scaffold, encoding="utf-8")
    ok, text = check(site)
    assert ok, text  # figures with no report item are a warning: nothing wrong is published
    [message] = reported(text, data_file(site, 2022), 1, "-")
    assert "警告" in message and "没有 2022 年度的年度报告条目" in message
    expect_broken(site, [], (data_file(site, 2022), 1, "-", "警告", "没有 2022 年度的年度报告条目"), strict=True)


def test_carried_over_should_repeat_last_years_carried_forward(site):
    kept = data_file(site).read_text(encoding="utf-8")
    data_file(site, 2024).write_text(kept, encoding="utf-8")  # 2023 carried 1 forward; 2024 carries 0 over
    ok, text = check(site)
    assert ok, text
    [message] = reported(text, data_file(site, 2024), line_of(data_file(site, 2024), "carried_over:"),
                         "applications.carried_over")
    assert "法律服务机构 0（上年报告为 1）" in message and "2023.yaml" in message


def test_reports_before_the_2021_format_need_no_data_file(site):
    edit(site / "content" / "tjj" / "reports" / "a.md", "year: 2023", "year: 2019")
    data_file(site).unlink()
    ok, text = check(site)
    assert ok, text
    assert "检查通过" in text


def test_invoke_new_report_year_writes_zero_data_with_chinese_comments_that_checks(site, tmp_path):
    config = str(config_for(site, tmp_path))
    result = invoke("new", "report", "2020", "--config", config)
    assert result.returncode == 0, result.stdout + result.stderr
    path = data_file(site, 2020)
    assert os.path.relpath(path) in result.stdout
    items = [p for p in (site / "content" / "tjj" / "reports").glob("*.md") if "year: 2020" in p.read_text(encoding="utf-8")]
    assert len(items) == 1 and "测试县统计局2020年政府信息公开工作年度报告" in items[0].read_text(encoding="utf-8")

    text = path.read_text(encoding="utf-8")
    leaves = list(_leaves(yaml.safe_load(text)))
    assert len(leaves) == 3 + 3 + 4 + 24 * 6 + 3 * 4  # prose, 规章, other 表二 rows, 表三, 表四
    assert all(value in (0, "") for _, value in leaves)
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith("#"):
            comment = lines[number - 1].strip()
            assert comment.startswith("#") and re.search(r"[\u4e00-\u9fff]", comment), line

    result = invoke("check", "--config", config)
    assert result.returncode == 1 and "正文还是 invoke new 写入的占位文字" in result.stdout  # the preface is still to write
    edit(items[0], placeholders.REPORT_BODY, "本报告根据《中华人民共和国政府信息公开条例》编制。")
    result = invoke("check", "--config", config)
    assert result.returncode == 0, result.stdout
    again = invoke("new", "report", "2020", "--config", config)
    assert again.returncode != 0 and "都已存在" in again.stdout + again.stderr
    assert path.read_text(encoding="utf-8") == text


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    else:
        yield path, value


def test_sample_reports_show_all_three_tables_and_the_column_lists_every_year(sample):
    for page, normative in (("doc/slq-tjj-2021-00001/index.html", ["1", "0", "3"]),   # 2020
                            ("doc/slq-tjj-2022-00001/index.html", ["1", "0", "3"])):  # 2021
        html = read(sample, page)
        assert all(f"grid-table--{name}" in html for name in ("active", "applications", "review"))
        assert figures(table(html, "active"), "t2-normative") == normative
    listing = read(sample, "tjj/reports/index.html")
    assert "SLQ-TJJ/2021-00001" in listing and "SLQ-TJJ/2022-00001" in listing


def test_report_tables_are_accessible_and_fit_an_a4_page(browser, sample_url):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(sample_url + "doc/slq-tjj-2021-00001/")
    results = Axe().run(page, context={"include": [[".annual-report"]]}, options=None)
    assert results.violations_count == 0, results.generate_report()
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 673, "height": 950})  # A4 less the 16 mm print margins, in CSS px
    overflow = page.eval_on_selector_all(
        ".grid-table", "tables => tables.map(t => t.getBoundingClientRect().right - t.closest('main').getBoundingClientRect().right)")
    assert len(overflow) == 3 and max(overflow) <= 0.5, overflow
    page.close()
