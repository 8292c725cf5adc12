"""权责清单: a second bureau's list, static per-kind and per-department pages, exports, errors, the JS filter."""

import csv
import io
import json

import pytest
import yaml

from support import ROOT, expect_broken, links, make_site, one, read, select, text_of, texts

SAMPLE_POWERS = ROOT / "data" / "units" / "tjj" / "powers"


def power_data(site, unit="swj"):
    """Every item of a unit's powers/*.yaml, as plain YAML (the commerce fixture's unit, by default)."""
    return [item for path in sorted((site / "data" / "units" / unit / "powers").glob("*.yaml"))
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))]


def listed_codes(html):
    """The codes in the power tables of a page (or element), in order."""
    return texts(html, "td.power-table__code")


@pytest.fixture
def broken(tmp_path, monkeypatch):
    """A fresh copy of the commerce bureau, to break."""
    monkeypatch.delenv("BUILD_DATE", raising=False)
    return make_site(tmp_path, "commerce")


def test_the_second_bureau_lists_its_own_powers_only(commerce):
    site, output = commerce
    expected = [item["code"] for item in power_data(site)]
    assert sorted(listed_codes(read(output, "swj/powers/index.html"))) == sorted(expected)
    for item in power_data(site):
        page = text_of(read(output, f"swj/powers/item/{item['code'].lower()}/index.html"))
        assert item["name"] in page and item["department"] in page and "样例市商务局" in page
    everything = " ".join(p.read_text(encoding="utf-8") for p in output.rglob("*") if p.suffix in (".html", ".csv", ".json"))
    for sample in power_data(ROOT, "tjj"):
        assert sample["code"] not in everything and sample["name"] not in everything


def test_each_kind_page_lists_exactly_that_kind(commerce):
    site, output = commerce
    kinds = {k["name"]: k["slug"] for k in yaml.safe_load((site / "data" / "taxonomy.yaml").read_text(encoding="utf-8"))["power_kinds"]}
    data = power_data(site)
    assert len({item["kind"] for item in data}) >= 3
    for kind in {item["kind"] for item in data}:
        html = read(output, f"swj/powers/kind/{kinds[kind]}/index.html")
        assert sorted(listed_codes(html)) == sorted(i["code"] for i in data if i["kind"] == kind)
        assert texts(html, "h1") == [f"{kind}事项"]


def test_a_department_page_lists_its_powers_by_kind(commerce):
    site, output = commerce
    data = power_data(site)
    html = read(output, "swj/powers/department/trade/index.html")
    assert sorted(listed_codes(html)) == sorted(i["code"] for i in data if i["department"] == "对外贸易科")
    # Every 行政处罚 held by one department, in a table of its own, reachable without JS.
    penalties = one(html, "table.power-table#penalty")
    assert listed_codes(penalties) == [i["code"] for i in data if i["department"] == "对外贸易科" and i["kind"] == "行政处罚"]
    assert "#penalty" in [href for href, _ in links(html)]
    assert not (output / "swj/powers/department/政务公开办").exists()  # holds no powers, has no page


def test_counts_per_kind_and_latest_update(commerce):
    site, output = commerce
    data = power_data(site)
    html = read(output, "swj/powers/index.html")
    counts = {text_of(one(row, "th[scope=row] > a[href]")): text_of(one(row, "td"))
              for row in select(html, "table.powers-nav__counts tr:has(> th[scope=row])")}
    assert counts.pop("全部") == f"{len(data)} 项"
    assert counts == {kind: f"{sum(1 for i in data if i['kind'] == kind)} 项" for kind in {i["kind"] for i in data}}
    latest = max(str(i["updated"]) for i in data)
    time = one(html, f'time[datetime="{latest}"]')
    assert text_of(time) == latest and time.previous_sibling.endswith("最近更新于 ")


def test_powers_csv_opens_in_excel_with_chinese_intact(commerce):
    site, output = commerce
    raw = (output / "swj/powers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"))))
    assert list(rows[0]) == ["事项编码", "事项名称", "职权类别", "实施主体", "承办科室", "设定依据", "责任事项", "追责情形", "更新日期", "网址"]
    by_code = {row["事项编码"]: row for row in rows}
    for item in power_data(site):
        row = by_code[item["code"]]
        assert (row["事项名称"], row["职权类别"], row["承办科室"], row["实施主体"]) == (item["name"], item["kind"], item["department"], "样例市商务局")
        assert row["设定依据"].split("\n") == item["basis"]
        assert row["网址"] == f"swj/powers/item/{item['code'].lower()}/"


def test_powers_json_carries_the_contract_keys(commerce):
    site, output = commerce
    items = json.loads(read(output, "swj/powers.json"))
    data = {i["code"]: i for i in power_data(site)}
    assert len(items) == len(data)
    for item in items:
        source = data[item["code"]]
        assert list(item) == ["code", "name", "kind", "basis", "responsibilities", "accountability", "department", "updated", "url"]
        assert item["basis"] == source["basis"] and item["accountability"] == source["accountability"]
        assert item["updated"] == str(source["updated"])
        assert (output / item["url"] / "index.html").is_file()


def test_item_page_shows_basis_responsibilities_and_accountability(commerce):
    _, output = commerce
    html = read(output, "swj/powers/item/ylsswj-cf-001/index.html")
    sections = {text_of(one(section, "h2")): section for section in select(html, "section:has(> h2)")}
    for heading, entry in (("设定依据", "《单用途商业预付卡管理办法（试行）》"), ("责任事项", "立案责任：发现违法线索后及时立案。"),
                           ("追责情形", "违反法定程序的；")):
        assert entry in texts(sections[heading], "li")
    hrefs = [href for href, _ in links(html)]
    assert "../../../../swj/powers/department/market/" in hrefs and "../../../../swj/powers/kind/penalty/" in hrefs


def test_tables_are_accessible_without_js(commerce):
    _, output = commerce
    html = read(output, "swj/powers/index.html")
    table = one(html, "table.power-table")
    assert text_of(one(table, "caption.power-table__caption")) == "权责清单"
    assert len(select(table, "tbody th[scope=row].power-table__name")) == 4
    one(html, 'div.table-scroll[role=region][aria-label="权责清单（可左右滚动）"][tabindex="0"] > table.power-table')
    assert one(html, "form.power-filter#power-filter[aria-label]").has_attr("hidden")  # shown by JS only
    assert [(s["src"], s.has_attr("defer")) for s in select(html, "script")
            if "powers" in s["src"]] == [("../../theme/js/powers-filter.js", True)]
    assert all(script.has_attr("src") for script in select(html, "script"))
    assert "<script>" not in html  # the raw source: no inline script at all


def test_a_bureau_without_powers_opens_no_empty_column(minimal):
    """An empty column would count as a 空白栏目 in an inspection: no page, no link, an empty export."""
    _, output = minimal
    assert not (output / "tjj" / "powers").exists()
    for page in ("tjj/index.html", "tjj/organization/index.html"):
        assert not [href for href, _ in links(read(output, page)) if "powers" in href], page
    assert read(output, "tjj/powers.csv").splitlines() == [
        "\ufeff事项编码,事项名称,职权类别,实施主体,承办科室,设定依据,责任事项,追责情形,更新日期,网址"]


BROKEN = [
    # (file, old text, new text, marker for the line, field, words in the message)
    ("market.yaml", "kind: 行政检查", "kind: 行政检察", "kind: 行政检察", "[1].kind", ["行政检察", "power_kinds", "行政检查"]),
    ("market.yaml", "kind: 行政检查", "kind: [行政检查]", "kind: [行政检查]", "[1].kind", ["应为文字", "行政检查"]),
    ("trade.yaml", "department: 对外贸易科\n  updated: 2025-03-02", "department: 外贸科\n  updated: 2025-03-02", "department: 外贸科", "[0].department", ["外贸科", "departments", "对外贸易科"]),
    ("trade.yaml", "code: YLSSWJ-GG-001", "code: YLSSWJ-JC-001", "code: YLSSWJ-JC-001", "[1].code", ["重复", "market.yaml:", "YLSSWJ-JC-001"]),
    ("trade.yaml", "code: YLSSWJ-GG-001", "code: ylsswj-cf-002", "code: ylsswj-cf-002", "[1].code", ["重复", "trade.yaml:2", "不区分大小写"]),
    ("trade.yaml", "  basis: [《中华人民共和国对外贸易法》]\n", "", "code: YLSSWJ-GG-001", "[1].basis", ["缺少必填字段 basis（设定依据）"]),
    ("trade.yaml", "basis: [《中华人民共和国对外贸易法》]", "basis: []", "basis: []", "[1].basis", ["至少要写 1 项"]),
    ("trade.yaml", "basis: [《中华人民共和国对外贸易法》]", "basis: [《中华人民共和国对外贸易法》]\n  basis_note: 见附件", "basis_note:", "[1].basis_note", ["未知字段", "您是不是要写 basis"]),
    ("trade.yaml", "updated: 2025-06-15", "updated: 2025-06-31", "updated: 2025-06-31", "[1].updated", ["2025-06-31", "YYYY-MM-DD"]),
    ("trade.yaml", "code: YLSSWJ-GG-001", "code: 外贸/001", "code: 外贸/001", "[1].code", ["外贸/001", "编码只能用英文字母"]),
    ("trade.yaml", "name: 外贸企业政策咨询服务", "name: [外贸企业政策咨询服务", "name: [外贸", "-", ["YAML 语法错误"]),
]


@pytest.mark.parametrize("name, old, new, marker, field, words", BROKEN, ids=[b[2][:20] for b in BROKEN])
def test_each_error_names_file_line_and_field(broken, name, old, new, marker, field, words):
    path = broken / "data" / "units" / "swj" / "powers" / name
    expect_broken(broken, (path, old, new), (path, marker, field, *words), errors=1)


def test_a_department_with_powers_needs_a_slug(broken):
    path = broken / "data" / "units" / "swj" / "powers" / "trade.yaml"
    expect_broken(broken, (broken / "data" / "units" / "swj" / "agency.yaml", "{name: 对外贸易科, slug: trade,", "{name: 对外贸易科,"),
                  (path, "department: 对外贸易科", "[0].department", "对外贸易科", "slug"))


def test_a_file_must_be_a_list(broken):
    path = broken / "data" / "units" / "swj" / "powers" / "extra.yaml"
    expect_broken(broken, (path, None, "code: YLSSWJ-QT-001\nname: 单独一项\n"), (path, 1, "-", "应为列表"))


def test_the_filter_narrows_the_table_by_keyboard(page, sample, sample_url):
    powers = json.loads(read(sample, "tjj/powers.json"))
    page.goto(sample_url + "tjj/powers/")
    rows = page.locator("#power-table tbody tr[data-kind]")
    status = page.locator(".power-filter__count")
    assert rows.count() == len(powers)
    page.focus("#power-filter-kind")
    page.keyboard.press("ArrowDown")  # the first kind in the list: 行政处罚
    penalties = [p for p in powers if p["kind"] == "行政处罚"]
    assert page.locator("#power-table tbody tr[data-kind]:visible").count() == len(penalties)
    assert status.inner_text() == f"筛选出 {len(penalties)} 项（共 {len(powers)} 项）。"
    assert status.get_attribute("aria-live") == "polite"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "power-filter-department"
    department = page.locator("#power-filter-department option").nth(1).inner_text()
    page.keyboard.press("ArrowDown")
    both = [p for p in penalties if p["department"] == department]
    assert page.locator("#power-table tbody tr[data-kind]:visible").count() == len(both)
    page.keyboard.press("Tab")
    page.keyboard.type("不存在的事项")
    assert page.locator(".power-table__empty").is_visible()
    assert status.inner_text().startswith("筛选出 0 项")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # 清除筛选
    page.wait_for_function("document.querySelectorAll('#power-table tbody tr[data-kind]:not([hidden])').length > 10")
    assert page.locator("#power-table tbody tr[data-kind]:visible").count() == len(powers)
    assert status.inner_text() == f"显示全部 {len(powers)} 项。"


def test_without_js_the_filter_stays_hidden_and_links_do_the_work(browser, sample_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_url + "tjj/powers/")
    assert not page.locator("#power-filter").is_visible()
    page.get_by_role("link", name="行政处罚", exact=True).click()
    assert page.url.endswith("/tjj/powers/kind/penalty/")
    assert page.locator("h1").inner_text() == "行政处罚事项"
    context.close()


def test_sample_list_covers_the_brief():
    items = [i for path in sorted(SAMPLE_POWERS.glob("*.yaml")) for i in yaml.safe_load(path.read_text(encoding="utf-8"))]
    assert len(items) >= 30
    assert len({i["kind"] for i in items}) >= 6
    assert all(any("中华人民共和国" in basis or "条例" in basis or "办法" in basis for basis in i["basis"]) for i in items)


def test_sitemap_lists_the_powers_pages(commerce):
    site, output = commerce
    sitemap = read(output, "sitemap.xml")
    for item in power_data(site):
        assert f"<loc>swj/powers/item/{item['code'].lower()}/</loc><lastmod>{item['updated']}</lastmod>" in sitemap
    for url in ("swj/powers/", "swj/powers/kind/penalty/", "swj/powers/department/trade/", "swj/apply/form/", "swj/standard-catalog/"):
        assert f"<loc>{url}</loc>" in sitemap
