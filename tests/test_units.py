"""A district of units (集约化): each unit its own section, one catalogue and one search on top,
references across units, each unit's index numbers and annual figures, and CODEOWNERS."""

import datetime
import json
import re
import shutil

import pytest
from playwright.sync_api import expect

from disclosure.tools import codeowners, scaffold
from support import (
    CONFIG,
    build,
    catalog,
    check,
    edit,
    expect_broken,
    links,
    make_site,
    one,
    read,
    select,
    shared_build,
    text_of,
    texts,
)

WAIT_MS = 30000


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    """The three-unit fixture (区政府办, 统计局, 商务局), built once: (site, output)."""
    with shared_build(tmp_path_factory.mktemp("district"), "district") as built:
        yield built


def test_the_portal_lists_every_unit_by_group_with_its_count_and_last_update(district):
    _, output = district
    html = read(output, "index.html")
    groups = {text_of(one(table, "caption")): [(text_of(one(row, "th")), texts(row, "td")) for row in select(table, "tbody tr")]
              for table in select(html, "table.unit-list")}
    assert groups == {  # 乡镇街道 has no unit yet, so it is not shown
        "区政府": [("测试区人民政府办公室", ["2 条", "2023-09-01"])],
        "区政府部门": [("测试区商务局", ["2 条", "2024-01-22"]), ("测试区统计局", ["3 条", "2024-01-20"])],
    }  # within a group, by agency.yaml's order, then by the unit's folder name


def test_each_unit_has_its_own_section_with_the_four_fixed_columns(district):
    _, output = district
    for unit in ("zfb", "tjj", "swj"):
        html = read(output, f"{unit}/index.html")
        columns = [(href, name) for href, name in links(one(html, "ul.card-list"))]
        assert columns == [(f"../{unit}/{path}", name) for path, name in (
            ("guide/", "政府信息公开指南"), ("rules/", "政府信息公开制度"), ("catalog/", "法定主动公开内容"),
            ("reports/", "政府信息公开工作年度报告"))]
        for page in ("guide", "rules", "organization", "apply", "catalog", "apply/form"):
            assert (output / unit / page / "index.html").is_file(), (unit, page)
        own = json.loads(read(output, f"{unit}/catalog.json"))
        assert own and {item["unit"] for item in own} == {unit}
        assert read(output, f"{unit}/catalog.csv").startswith("\ufeff索引号,名称,单位")
        assert (output / unit / "feeds" / "all.atom.xml").is_file()


def test_the_portal_catalogue_has_every_unit_and_filters_by_unit_without_js(district):
    _, output = district
    items = catalog(output)
    assert {item["unit"] for item in items} == {"zfb", "tjj", "swj"}
    assert {item["unit_name"] for item in items} == {"测试区人民政府办公室", "测试区统计局", "测试区商务局"}
    html = read(output, "catalog/index.html")
    by_unit = one(html, "nav.listing-nav")
    assert [name for _, name in links(by_unit) if name in ("测试区人民政府办公室", "测试区统计局", "测试区商务局")] == [
        "测试区人民政府办公室", "测试区商务局", "测试区统计局"]
    assert ("../swj/catalog/", "测试区商务局") in links(by_unit)
    swj = read(output, "swj/catalog/index.html")
    assert texts(swj, "td.document-table__index") == ["CSQ-SWJ/2024-00001", "CSQ-SWJ/2023-00001"]
    assert "单位" in texts(html, "table.document-table thead th")  # the portal's list says whose each item is


def test_the_policy_library_holds_every_units_normative_documents_with_validity(district):
    _, output = district
    html = read(output, "policy/index.html")
    rows = {text_of(one(row, "td.document-table__index")): (text_of(one(row, "td.document-table__unit")),
                                                              text_of(one(row, "td.document-table__validity")))
            for row in select(html, "table.document-table tbody tr")}
    assert rows == {"CSQ-ZFB/2023-00001": ("测试区人民政府办公室", "有效"), "CSQ-SWJ/2023-00001": ("测试区商务局", "有效"),
                    "CSQ-TJJ/2023-00001": ("测试区统计局", "有效"), "CSQ-TJJ/2021-00001": ("测试区统计局", "已废止")}
    assert texts(read(output, "policy/repealed/index.html"), "td.document-table__index") == ["CSQ-TJJ/2021-00001"]


def test_references_across_units_link_both_ways_and_name_the_other_unit(district):
    _, output = district
    repealed = read(output, "doc/csq-tjj-2021-00001/index.html")
    banner = one(repealed, ".validity-banner")
    assert ("../../doc/csq-zfb-2023-00001/" in [href for href, _ in links(banner)])
    related = {text_of(one(section, "h2")): text_of(section) for section in select(repealed, "section.document__section")}
    assert "测试区人民政府办公室关于废止部分规范性文件的决定" in related["废止本文件的文件"]
    assert "（测试区人民政府办公室）" in related["废止本文件的文件"]
    repealing = read(output, "doc/csq-zfb-2023-00001/index.html")
    related = {text_of(one(section, "h2")): text_of(section) for section in select(repealing, "section.document__section")}
    assert "测试区统计执法检查规定" in related["本文件废止的文件"] and "（测试区统计局）" in related["本文件废止的文件"]
    interpreted = read(output, "doc/csq-tjj-2023-00001/index.html")
    related = {text_of(one(section, "h2")): text_of(section) for section in select(interpreted, "section.document__section")}
    assert "区政府办关于《测试区统计调查项目管理办法》的解读 （测试区人民政府办公室）" in related["相关解读"]


def test_each_units_annual_report_counts_its_own_normative_documents(district):
    _, output = district
    def normative_row(page):
        row = one(read(output, page), "table.grid-table--active tr:has(> th#t2-normative)")
        return texts(row, "td")
    # 统计局: its 2023 rule issued; its 2021 rule repealed in 2023 (by 区政府办, but the document is its own); one in force
    assert normative_row("doc/csq-tjj-2024-00001/index.html") == ["1", "1", "1"]
    assert normative_row("doc/csq-swj-2024-00001/index.html") == ["1", "0", "1"]


def test_a_file_with_another_units_prefix_is_an_error_naming_that_unit(tmp_path):
    site = make_site(tmp_path, "district")
    path = site / "content" / "tjj" / "normative" / "2023.md"
    expect_broken(site, (path, "index_number: CSQ-TJJ/2023-00001", "index_number: CSQ-SWJ/2023-00009"),
                  (path, "index_number:", "index_number", "“CSQ-SWJ/2023-00009”的前缀属于测试区商务局（swj）",
                   "content/tjj/", "invoke new --unit tjj"))


def test_invoke_new_continues_the_named_units_sequence(tmp_path):
    site = make_site(tmp_path, "district")
    today = datetime.date(2023, 12, 1)
    path, = scaffold.new("notice", "关于测试的通知", config=CONFIG, today=today, site_root=site, unit="zfb")
    assert path.parent == site / "content" / "zfb" / "notices"
    assert "index_number: CSQ-ZFB/2023-00003" in path.read_text(encoding="utf-8")
    path, = scaffold.new("notice", "关于测试的通知", config=CONFIG, today=today, site_root=site, unit="swj")
    assert "index_number: CSQ-SWJ/2023-00002" in path.read_text(encoding="utf-8")
    with pytest.raises(Exception, match="本站有多个单位，请用 --unit 指明"):
        scaffold.new("notice", "关于测试的通知", config=CONFIG, today=today, site_root=site)


def test_a_fourth_unit_added_by_copying_two_folders_appears_everywhere(tmp_path):
    site = make_site(tmp_path, "district")
    shutil.copytree(site / "data" / "units" / "swj", site / "data" / "units" / "sfj")
    shutil.copytree(site / "content" / "swj", site / "content" / "sfj")
    agency = site / "data" / "units" / "sfj" / "agency.yaml"
    for old, new in (("测试区商务局", "测试区司法局"), ("区商务局", "区司法局"), ("CSQ-SWJ", "CSQ-SFJ"),
                     ("@testdistrict/swj", "@testdistrict/sfj"), ("12000000TEST00002X", "12000000TEST00003X")):
        edit(agency, old, new)
    for path in (site / "content" / "sfj").rglob("*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("CSQ-SWJ", "CSQ-SFJ").replace("商务局", "司法局"),
                        encoding="utf-8")
    ok, report = check(site)
    assert not ok and ".github/CODEOWNERS:1: -: CODEOWNERS 与" in report  # the portal's owners must approve the new owners
    codeowners.write(CONFIG, site_root=site)
    assert "/content/sfj/ @testdistrict/sfj" in (site / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/data/units/sfj/ @testdistrict/sfj" in (site / ".gitlab" / "CODEOWNERS").read_text(encoding="utf-8")
    ok, text, output = build(site)
    assert ok, text
    assert ("./sfj/", "测试区司法局") in links(one(read(output, "index.html"), "table.unit-list:has(caption:-soup-contains('区政府部门'))"))
    home = read(output, "sfj/index.html")
    assert texts(home, "h1") == ["测试区司法局政府信息公开"]
    assert [name for _, name in links(one(home, "ul.card-list"))] == [
        "政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开工作年度报告"]
    assert {item["unit"] for item in catalog(output) if item["index_number"].startswith("CSQ-SFJ/")} == {"sfj"}
    document = read(output, "doc/csq-sfj-2023-00001/index.html")
    assert ("../../sfj/", "测试区司法局") in links(one(document, "nav.breadcrumbs"))
    assert "发布机构 测试区司法局" in text_of(one(document, "table.metadata-table"))


def test_stale_codeowners_fail_the_check_naming_the_file(tmp_path):
    site = make_site(tmp_path, "district")
    agency = site / "data" / "units" / "tjj" / "agency.yaml"
    expect_broken(site, (agency, 'owners: ["@testdistrict/tjj"]', 'owners: ["@testdistrict/tjj", "@someone"]'),
                  (site / ".github" / "CODEOWNERS", 1, "-", "CODEOWNERS 与", "不一致", "invoke codeowners"),
                  (site / ".gitlab" / "CODEOWNERS", 1, "-", "CODEOWNERS 与", "不一致"), errors=2)


def test_the_portal_catalogue_and_search_filter_by_unit_in_a_browser(page, sample_url):
    page.goto(sample_url + "catalog/")
    page.locator("nav.listing-nav").get_by_role("link", name="示例区商务局").click()
    expect(page).to_have_url(sample_url + "swj/catalog/")
    indexes = page.locator("td.document-table__index").all_text_contents()
    assert indexes and all(index.startswith("SLQ-SWJ/") for index in indexes)

    page.goto(sample_url + "search/?q=管理办法")
    status = page.locator("[data-search-status]")
    expect(status).to_contain_text("找到", timeout=WAIT_MS)
    page.get_by_label("单位").select_option("示例区商务局")
    expect(status).to_contain_text("筛选前", timeout=WAIT_MS)
    results = page.locator(".search-result")
    assert results.count() > 0
    for result in results.all():
        expect(result.locator(".search-result__meta")).to_contain_text("示例区商务局")
    assert re.search(r"unit=%E7%A4%BA%E4%BE%8B%E5%8C%BA%E5%95%86%E5%8A%A1%E5%B1%80", page.url)

