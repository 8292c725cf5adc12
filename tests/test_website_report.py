"""政府网站工作年度报表 (国办函〔2018〕12号): figures counted from the content match a hand count,
leaves come from data/website_report/YYYY.yaml under the error contract, every 总数 is computed,
``invoke new website-report YYYY`` scaffolds the file, and the page passes axe."""

import datetime
import os

import pytest

from disclosure.data import website_report
from disclosure.load import load_site
from disclosure.model.records import Record
from disclosure.tools import scaffold
from disclosure.tools.commands import CommandFailed, settings_for
from support import (
    BUILD_DATE,
    CONFIG,
    Grid,
    check,
    config_for,
    edit,
    expect,
    invoke,
    line_of,
    make_site,
    read,
    shared_build,
    shown,
)

PAGE = "website-report/2025/index.html"
# Counted by hand from tests/fixtures/inspection/content, items published in 2025:
#   统计局: 2 notices (03-10, 10-20), 1 normative, 1 文字解读, 1 consultation (opens 2025-09-01, feedback published);
#   商务局: 1 notice, 1 normative, 1 图文解读 (the unit's first item: 2025-06-01).
HAND_COUNT = {
    ("信息发布（单位：条）", "总数"): "10",  # 2 概况类 (data) + 3 政务动态 + 5 信息公开目录
    ("信息发布（单位：条）", "概况类信息更新量"): "2",
    ("信息发布（单位：条）", "政务动态信息更新量"): "3",
    ("信息发布（单位：条）", "信息公开目录信息更新量"): "5",
    ("专栏专题", "维护数量（单位：个）"): "2",
    ("专栏专题", "新开设数量（单位：个）"): "1",
    ("解读回应", "解读信息发布", "总数（单位：条）"): "3",  # 1 材料 + 1 产品 + 1 媒体评论 (data)
    ("解读回应", "解读信息发布", "解读材料数量（单位：条）"): "1",
    ("解读回应", "解读信息发布", "解读产品数量（单位：个）"): "1",
    ("解读回应", "回应公众关注热点或重大舆情数量（单位：次）"): "2",
    ("办事服务", "政务服务事项数量（单位：项）"): "0",  # no 办事指南 (type guide) yet
    ("办事服务", "办件量（单位：件）", "总数"): "7",  # 3 + 4 (data)
    ("互动交流", "征集调查", "征集调查期数（单位：期）"): "1",
    ("互动交流", "征集调查", "公布调查结果期数（单位：期）"): "1",
    ("互动交流", "征集调查", "收到意见数量（单位：条）"): "9",
    ("互动交流", "留言办理", "平均办理时间（单位：天）"): "3.5",
    ("移动新媒体", "是否有移动新媒体"): "是",
    ("移动新媒体", "微博", "名称"): "无",
    ("创新发展", "已开展的创新"): "无障碍浏览、搜索即服务",
    ("网站名称",): "测试市人民政府",
    ("首页网址",): "https://www.test.example.gov.cn/",
    ("公安机关备案号",): "测公网安备 30000002000003号",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    with shared_build(tmp_path_factory.mktemp("website-report"), "inspection") as site_and_output:
        yield site_and_output


def test_computed_figures_match_a_hand_count(built):
    _, output = built
    figures = Grid(read(output, PAGE)).figures
    assert {key: figures.get(key) for key in HAND_COUNT} == HAND_COUNT


def test_every_row_of_the_form_is_there_with_its_headers(built):
    _, output = built
    html = read(output, PAGE)
    figures = Grid(html).figures
    assert len(figures) == 55  # 9 about the site and its visits, then 4 + 2 + 5 + 7 + 12 + 6 + 8 + 2 by group
    assert all(key and key[0] for key in figures)
    assert '<caption class="grid-table__caption">政府网站工作年度报表（2025年度）' in html
    assert '<th scope="rowgroup" id="wr-2" rowspan="4">信息发布（单位：条）</th>' in html
    assert "填报单位：测试市人民政府办公室" in html and "赵测试" in html and "2026-01-20" in html


def test_the_report_is_listed_and_shown_on_the_portal_home(built):
    _, output = built
    assert 'href="../website-report/2025/"' in read(output, "website-report/index.html")
    assert 'href="./website-report/"' in read(output, "index.html") or 'href="website-report/"' in read(output, "index.html")


def test_guides_and_reposts_count_by_their_type_key(built):
    """Guides (办事指南) and reposts (转载) are counted as soon as content has them, whatever else they carry."""
    site, _ = built
    loaded = load_site(settings_for(CONFIG, site, BUILD_DATE=BUILD_DATE))
    before = website_report.count(loaded, 2025)
    assert before["guides"] == 0
    unit = next(iter(loaded.units.values()))
    for kind, day in (("guide", datetime.date(2025, 4, 1)), ("repost", datetime.date(2025, 5, 1))):
        loaded.records.append(Record(None, {"type": kind, "title": kind, "publish_date": day}, unit=unit))
    after = website_report.count(loaded, 2025)
    assert after["guides"] == 1 and after["news"] == before["news"] + 1 and after["catalogue"] == before["catalogue"] + 1


@pytest.mark.parametrize("old, new, marker, field, words", [
    ("cases: {natural_person: 3, legal_person: 4}", "cases: {natural_person: 3, legal_person: 4, total: 7}",
     "cases:", "services.cases.total", ["未知字段“total”"]),
    ("registered_users: 30", "registered_users: 三十", "registered_users:", "services.registered_users", ["应为整数", "“三十”"]),
    ("monitoring: true", "monitoring: 是", "security:", "security.monitoring", ["是/否（true/false）"]),
    ("phone: 020-0000 4001", "phone: \"13912345678\"", "signatures:", "signatures.phone", ["手机号码"]),
])
def test_errors_follow_the_contract(tmp_path, old, new, marker, field, words):
    site = make_site(tmp_path, "inspection")
    path = site / "data" / "website_report" / "2025.yaml"
    edit(path, old, new)
    ok, report = check(site)
    assert not ok
    expect(report, shown(path), line_of(path, marker), field, *words)


def test_leaves_that_do_not_add_up_are_warnings_naming_both_lines(tmp_path):
    site = make_site(tmp_path, "inspection")
    path = site / "data" / "website_report" / "2025.yaml"
    edit(path, "messages: {received: 8, closed: 7,", "messages: {received: 8, closed: 9,")
    ok, report = check(site, strict=True)
    assert not ok and check(site)[0]
    expect(report, shown(path), line_of(path, "closed: 9"), "interaction.messages.closed", "警告：办结留言数量不应多于收到留言数量",
           f"这里是 9，第 {line_of(path, 'received: 8')} 行是 8")
    (site / "data" / "website_report" / "25.yaml").write_text("{}\n", encoding="utf-8")
    expect(check(site)[1], shown(site / "data" / "website_report" / "25.yaml"), 1, "-", "应为报表年度加 .yaml")


def test_new_website_report_scaffolds_a_file_that_passes_the_check(tmp_path):
    site = make_site(tmp_path, "inspection")
    written = scaffold.new("website-report", "2024", CONFIG, site_root=site, today=datetime.date(2025, 1, 15))
    path = site / "data" / "website_report" / "2024.yaml"
    assert written == [path]
    text = path.read_text(encoding="utf-8")
    assert "所有“总数”由构建时计算" in text and "total" not in text and "date: 2025-01-15" in text
    assert check(site, strict=True)[0]
    with pytest.raises(CommandFailed, match="已存在，没有覆盖"):
        scaffold.new("website-report", "2024", CONFIG, site_root=site)
    with pytest.raises(CommandFailed, match="应写报表的年度"):
        scaffold.new("website-report", "二〇二四", CONFIG, site_root=site)


def test_invoke_new_website_report_from_the_command_line(tmp_path):
    site = make_site(tmp_path, "inspection")
    done = invoke("new", "website-report", "2023", "--config", str(config_for(site, tmp_path)), env=dict(os.environ))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "website_report/2023.yaml" in done.stdout and (site / "data" / "website_report" / "2023.yaml").is_file()


def test_the_report_page_has_no_accessibility_violations(browser, sample_url):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(sample_url + "website-report/2025/")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert results.violations_count == 0, results.generate_report()
    page.set_viewport_size({"width": 360, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.close()


def test_an_item_whose_date_is_no_date_is_reported_at_its_line(tmp_path):
    """The report counts items by year: one whose publish_date does not parse is an error at that line,
    not a crash of the count."""
    site = make_site(tmp_path, "inspection")
    path = next((site / "content" / "swj" / "notices").glob("*.md"))
    edit(path, "publish_date: 20", "publish_date: 20-13-")
    ok, report = check(site)
    assert not ok
    expect(report, shown(path), line_of(path, "publish_date:"), "publish_date", "无效")
