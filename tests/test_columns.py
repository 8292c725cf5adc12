"""机构职能, the fixed columns and the 基层政务公开标准目录: every fact comes from data/."""

import csv
import io
import re

import pytest
import yaml

from support import ROOT, a4_sheets, build, edit, expect_broken, links, make_site, one, read, select, text_of, texts

CONTACT_FIELDS = (("办公地址", "address"), ("邮政编码", "postcode"), ("办公时间", "office_hours"),
                  ("联系电话", "phone"), ("传真", "fax"), ("电子邮箱", "email"))


UNITS = {"commerce": "swj", "sample": "tjj"}  # the unit each site's tests read


def agency_of(site, unit="swj"):
    return yaml.safe_load((site / "data" / "units" / unit / "agency.yaml").read_text(encoding="utf-8"))


def contact_cards(html):
    """{caption: {label: value}} for every contact card on a page."""
    return {text_of(one(card, "caption.contact-card__caption")):
            {text_of(one(row, "th[scope=row]")): text_of(one(row, "td")) for row in select(card, "tbody tr")}
            for card in select(html, "table.contact-card")}


def table_rows(html, selector):
    """{row header: the rest of the row's text} of the body rows of a table."""
    return {text_of(one(row, "th[scope=row]")): text_of(one(row, "td")) for row in select(html, f"{selector} tbody tr")}


def test_organization_page_shows_the_second_bureau_not_the_sample(commerce):
    site, output = commerce
    agency, html = agency_of(site), read(output, "swj/organization/index.html")
    page = text_of(html)
    assert texts(html, "ol.organization__functions li") == agency["functions"]
    departments = {text_of(one(item, "h3.department-list__name")): item for item in select(html, "li.department-list__item")}
    assert list(departments) == [department["name"] for department in agency["departments"]]
    for department in agency["departments"]:
        item = text_of(departments[department["name"]])
        assert department["functions"] in item
        assert department.get("phone", "") in item
    assert links(departments["市场运行科"]) == [("../../swj/powers/department/market/", "2 项")]
    for leader in agency["leadership"]:
        assert f"{leader['name']} {leader['title']} {leader['duties']}" in page
    cards = contact_cards(html)
    assert cards[f"{agency['name']}联系方式"]["办公地址"] == agency["address"]
    assert cards[f"{agency['disclosure_office']['name']}联系方式"]["电子邮箱"] == agency["disclosure_office"]["email"]
    assert "分管负责人为副局长孙样例" in page
    sample = agency_of(ROOT, "tjj")
    for absent in (*sample["functions"], *[d["functions"] for d in sample["departments"]], *[p["name"] for p in sample["leadership"]]):
        assert absent not in page


@pytest.mark.parametrize("bureau", ["commerce", "sample"])
def test_guide_contact_details_equal_agency_yaml(bureau, request):
    site, output = (ROOT, request.getfixturevalue("sample")) if bureau == "sample" else request.getfixturevalue("commerce")
    html = read(output, UNITS[bureau] + "/guide/index.html")
    office = agency_of(site, UNITS[bureau])["disclosure_office"]
    card = contact_cards(html)[f"{office['name']}联系方式"]
    assert card == {label: office[key] for label, key in CONTACT_FIELDS if key in office}
    assert {"办公地址", "办公时间", "联系电话", "传真", "电子邮箱"} <= set(card)
    assert f"政府信息公开工作机构为{office['name']}" in text_of(html)


def test_guide_lists_the_catalogue_scheme_from_taxonomy(commerce):
    site, output = commerce
    html = read(output, "swj/guide/index.html")
    taxonomy = yaml.safe_load((site / "data" / "taxonomy.yaml").read_text(encoding="utf-8"))
    items = select(html, "ul.guide__categories li")
    assert [text_of(item).split("（")[0].strip() for item in items] == [c["name"] for c in taxonomy["categories"]]
    assert all(re.fullmatch(r".+（\d+ 条）", text_of(item)) for item in items)
    fixed = {column["path"] for column in taxonomy["fixed_columns"]}  # a fixed column is always open
    for item, category in zip(items, taxonomy["categories"]):  # an empty category is named but not linked
        linked = not text_of(item).endswith("（0 条）") or f"{category['slug']}/" in fixed
        assert links(item) == ([(f"../../swj/{category['slug']}/", category["name"])] if linked else [])
    assert sum(not text_of(item).endswith("（0 条）") for item in items) == 3
    assert "YLS-SWJ/2026-00001" in html  # the configured 索引号 format, for this agency
    assert ("../../swj/apply/form/", "政府信息公开申请表") in links(html)


def test_rules_page_lists_what_taxonomy_selects(commerce, tmp_path):
    html = read(commerce[1], "swj/rules/index.html")
    assert texts(html, "td.document-table__index") == ["YLS-SWJ/2025-00003"]
    site = make_site(tmp_path, "commerce")
    edit(site / "data" / "taxonomy.yaml", "rules:\n  types: [document]\n  topics: [综合政务/政务公开]",
         "rules:\n  types: [notice, normative]")
    ok, text, output = build(site)
    assert ok, text
    html = read(output, "swj/rules/index.html")
    assert texts(html, "td.document-table__index") == ["YLS-SWJ/2025-00002", "YLS-SWJ/2025-00001"]


def test_rules_selection_is_checked(tmp_path):
    site = make_site(tmp_path, "commerce")
    path = site / "data" / "taxonomy.yaml"
    expect_broken(site, (path, "rules:\n  types: [document]", "rules:\n  types: [documents]"),
                  (path, "types: [documents]", "rules.types[0]", "documents", "document"))


def test_apply_page_has_channels_time_limits_and_the_form(commerce):
    site, output = commerce
    office = agency_of(site)["disclosure_office"]
    html = read(output, "swj/apply/index.html")
    channels = table_rows(html, "table.apply-channels")
    assert list(channels) == ["当面提交", "信函", "传真", "电子邮件"]
    assert office["address"] in channels["当面提交"] and office["office_hours"] in channels["当面提交"]
    assert office["postcode"] in channels["信函"] and office["fax"] in channels["传真"] and office["email"] in channels["电子邮件"]
    limits = text_of(one(html, "ul.apply-limits")).replace(" ", "")
    assert "自收到申请之日起20个工作日内予以答复" in limits
    assert "延长的期限最长不超过20个工作日" in limits
    assert "../../swj/apply/form/" in [href for href, _ in links(html)]


def test_application_form_is_labelled(commerce):
    site, output = commerce
    page = read(output, "swj/apply/form/index.html")
    form = one(page, "article.application-form")
    fields = [field["id"] for field in select(form, "input[id], textarea[id]")]
    assert len(fields) >= 15
    for field in fields:
        one(form, f'label.form-field__label[for="{field}"]')
    checkboxes = select(form, "input[type=checkbox]")
    assert len(checkboxes) >= 6 and all(box.parent.name == "label" for box in checkboxes)
    assert [f["class"] for f in select(page, "form")] == [["site-search"]]  # nothing is ever sent anywhere
    assert agency_of(site)["disclosure_office"]["address"] in text_of(form)


def test_application_form_prints_on_one_a4_page(page, sample_url):
    page.goto(sample_url + "tjj/apply/form/")
    assert a4_sheets(page) == 1
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".breadcrumbs", ".application-form__help"):
        assert not page.locator(hidden).is_visible()
    assert page.locator("#wanted").is_visible() and page.locator(".application-form__office").is_visible()


def test_standard_catalogue_table_and_csv(commerce):
    site, output = commerce
    data = yaml.safe_load((site / "data" / "units" / "swj" / "standard_catalog.yaml").read_text(encoding="utf-8"))
    agency = agency_of(site)
    html = read(output, "swj/standard-catalog/index.html")
    header = text_of(one(html, "table.standard-catalog thead"))
    assert header == "序号 公开事项 公开内容（要素） 公开依据 公开时限 公开主体 公开渠道和载体 公开对象 公开方式 公开层级 一级事项 二级事项"
    assert text_of(one(html, "table.standard-catalog caption")) == data["title"]
    assert ("2", "商贸流通") in [(th["rowspan"], text_of(th)) for th in select(html, "th[scope=rowgroup]")]
    assert texts(html, "th[scope=row]") == [i["second_level"] for i in data["items"]]
    raw = (output / "swj/standard-catalog.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"))))
    assert rows[0] == ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"]
    assert [r[2] for r in rows[1:]] == [i["second_level"] for i in data["items"]]
    assert rows[1][6] == agency["name"] and rows[2][6] == "样例市财政局、样例市商务局"  # 公开主体 defaults to the agency
    assert rows[2][10] == "县级、乡级" and rows[3][9] == "依申请"
    home = links(read(output, "swj/index.html"))
    assert ("../swj/standard-catalog/", "基层政务公开标准目录") in home and ("../swj/powers/", "权责清单") in home


def test_standard_catalogue_errors(tmp_path):
    site = make_site(tmp_path, "commerce")
    path = site / "data" / "units" / "swj" / "standard_catalog.yaml"
    expect_broken(site, [(path, "audience: 特定群体", "audience: 企业"),
                         (path, "    manner: 主动\n    levels: [县级]\n  - first_level: 商贸流通",
                          "    manner: 主动\n    levle: [县级]\n  - first_level: 商贸流通")],
                  (path, "audience: 企业", "items[2].audience", "企业", "全社会、特定群体"),
                  (path, "levle:", "items[0].levle", "未知字段", "levels"),
                  (path, "- first_level:", "items[0].levels", "缺少必填字段 levels（公开层级）"))


def test_a_bureau_without_a_standard_catalogue_opens_no_empty_column(minimal):
    _, output = minimal
    assert not (output / "tjj" / "standard-catalog").exists() and not (output / "tjj" / "standard-catalog.csv").exists()
    assert not [href for href, _ in links(read(output, "tjj/index.html")) if "standard-catalog" in href]
