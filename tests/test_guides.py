"""办事指南 (type ``guide``): the structured page, facts from the unit where the guide gives none, the
two-way link with its 权责清单 item, the warning for a 行政许可 item without a guide, the lists per
unit and at portal level, the printable 申请材料清单 and ``invoke new guide``."""

import datetime

import pytest

from disclosure.model import placeholders
from disclosure.tools import scaffold
from support import CONFIG, a4_sheets, check, expect_broken, links, make_site, one, read, select, text_of, texts

LICENCE = "doc/ylx-swj-2025-00002/index.html"  # power_code YLXSWJ-XK-001, no place/hours/phone of its own
SCRAP = "doc/ylx-swj-2025-00003/index.html"  # power_code written in lower case, its own place/hours/phone, 即办
POWERS = "data/units/swj/powers/licences.yaml"


def facts(html):
    """办理须知 as {label: text}."""
    return {text_of(one(row, "th")): text_of(one(row, "td")) for row in select(html, "table.service-guide__facts tr")}


def test_the_guide_page_has_every_section_of_a_service_guide(services):
    _, output = services
    html = read(output, LICENCE)
    assert text_of(one(html, "table.service-guide__facts caption")) == "办理须知"
    shown = facts(html)
    assert shown["事项名称"] == "成品油零售经营资格审批"
    assert shown["法定办结时限"] == "20 个工作日" and shown["承诺办结时限"] == "10 个工作日"
    assert shown["收费标准"] == "不收费" and shown["承办科室"] == "流通科"
    assert [h for h in texts(html, ".service-guide h2")] == ["设定依据", "办理条件", "申请材料", "办理流程"]
    assert texts(html, "#guide-conditions + ol li") == ["依法设立的企业法人。", "加油站符合规划。"]
    assert texts(html, "ol.service-guide__steps > li") == ["网上或窗口提交申请。", "受理。", "审查和现场核查。", "作出决定并送达。"]
    assert ("https://zwfw.example.org/ylx/swj/xk-001", "https://zwfw.example.org/ylx/swj/xk-001") in links(html, "a.service-guide__online")
    # no 设定依据 of its own: the 权责清单 item's
    assert texts(html, "#guide-basis + ol li") == ["《成品油市场管理规定》", "《中华人民共和国行政许可法》"]
    # the body (注意事项) follows the structured guide, inside what search indexes
    body = one(html, "[data-pagefind-body]")
    assert one(body, ".service-guide") and "现场核查时间不计入承诺时限。" in text_of(one(body, ".document__body"))


def test_place_hours_and_phone_come_from_the_unit_when_the_guide_gives_none(services):
    _, output = services
    shown = facts(read(output, LICENCE))
    assert shown["办理地点"] == "样例县商贸路 6 号"  # agency.yaml address
    assert shown["办理时间"] == "周一至周五 8:30—17:30"  # agency.yaml office_hours
    assert shown["咨询电话"] == "0990-0000 4002"  # the 流通科's phone
    own = facts(read(output, SCRAP))
    assert (own["办理地点"], own["办理时间"], own["咨询电话"]) == ("样例县行政服务中心一楼", "周一至周六 9:00—17:00", "0990-0000 4123")
    assert own["承诺办结时限"] == "即办（当场办结）"
    assert "网上办理" not in own
    assert texts(read(output, SCRAP), "#guide-basis + ol li") == ["《报废机动车回收管理办法》第六条"]


def test_a_guide_and_its_power_link_both_ways(services):
    _, output = services
    guide = read(output, LICENCE)
    power_link = one(guide, "table.service-guide__facts a[href*='powers/item']")
    assert power_link["href"] == "../../swj/powers/item/ylxswj-xk-001/"
    assert "行政许可，事项编码 YLXSWJ-XK-001" in text_of(power_link.parent)
    power = read(output, "swj/powers/item/ylxswj-xk-001/index.html")
    assert links(power, "ul.power__guides a") == [("../../../../doc/ylx-swj-2025-00002/", "成品油零售经营资格审批办事指南")]
    # the code is matched whatever its case, and an item without a guide shows no such section
    assert links(read(output, "swj/powers/item/ylxswj-xk-002/index.html"), "ul.power__guides a")[0][0].endswith("ylx-swj-2025-00003/")
    assert not select(read(output, "swj/powers/item/ylxswj-gg-001/index.html"), "#guides-heading")


def test_guides_are_listed_in_the_units_column_and_at_portal_level(services):
    _, output = services
    unit = read(output, "swj/service-guides/index.html")
    assert [title for _, title in links(unit, "table.document-table a")] == ["报废机动车回收拆解企业资质认定办事指南", "成品油零售经营资格审批办事指南"]
    assert ("../swj/service-guides/", "办事指南") in links(read(output, "swj/index.html"))
    portal = read(output, "service-guides/index.html")
    table = one(portal, "table.service-guide-table")
    assert text_of(one(table, "caption")) == "样例县商务局 （2 项）"
    assert texts(table, "tbody th[scope=row]") == ["成品油零售经营资格审批", "报废机动车回收拆解企业资质认定"]
    assert texts(table, "tbody td:nth-of-type(2)") == ["10 个工作日", "即办（当场办结）"]
    assert ("service-guides/", "办事指南") in [(h.lstrip("./"), t) for h, t in links(read(output, "index.html"), "a.card-list__link")]


def test_the_checklist_is_a_list_of_boxes_with_a_printable_page(services):
    _, output = services
    guide = read(output, LICENCE)
    checklist = one(guide, "fieldset.material-checklist")
    assert text_of(one(checklist, "legend")) == "“成品油零售经营资格审批”申请材料清单（共 3 项）"
    assert texts(checklist, "li label") == ["申请表", "营业执照复印件", "消防验收文件复印件"]
    assert len(select(checklist, "input[type=checkbox]")) == 3
    assert links(checklist, ".material-checklist__print a") == [("../../swj/checklists/ylx-swj-2025-00002/", "打开可打印的申请材料清单（A4）")]
    page = read(output, "swj/checklists/ylx-swj-2025-00002/index.html")
    assert text_of(one(page, "h1")) == "成品油零售经营资格审批申请材料清单"
    assert texts(page, "fieldset.material-checklist li") == ["申请表", "营业执照复印件", "消防验收文件复印件"]
    assert not select(page, ".material-checklist__print")  # the page itself is what prints
    assert {text_of(one(row, "th")): text_of(one(row, "td")) for row in select(page, "table.checklist__facts tr")} == {
        "办理地点": "样例县商贸路 6 号", "办理时间": "周一至周五 8:30—17:30", "咨询电话": "0990-0000 4002"}
    assert ("../../../doc/ylx-swj-2025-00002/", "办事指南") in links(page)
    tags = {m["name"]: m["content"] for m in select(page, "meta[name^=Column]")}
    assert (tags["ColumnName"], tags["ColumnType"]) == ("办事指南", "办事服务")


def test_the_checklist_prints_on_one_a4_page(page, sample_url):
    page.goto(sample_url + "swj/checklists/slq-swj-2025-00005/")
    assert a4_sheets(page) == 1
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".breadcrumbs", ".checklist__help"):
        assert not page.locator(hidden).is_visible()
    boxes = page.locator(".material-checklist__box")
    assert boxes.count() == 8 and all(boxes.nth(n).is_visible() for n in range(8))
    assert page.locator(".checklist__facts").is_visible()


def test_a_licence_without_a_guide_warns_at_its_line_and_fails_only_under_strict(services_site):
    path = services_site / POWERS
    (services_site / "content/swj/guides/scrap.md").unlink()
    ok, report = check(services_site)
    assert ok, report
    expect_broken(services_site, [], (path, "- code: YLXSWJ-XK-002", "[1].code", "警告：", "报废机动车回收拆解企业资质认定",
                               "还没有办事指南", "invoke new guide", "power_code: YLXSWJ-XK-002"),
                  strict=True, via_build=True)
    # a 公共服务 item without a guide is no warning
    assert "YLXSWJ-GG-001" not in report


@pytest.mark.parametrize("old, new, marker, field, words", [
    ("power_code: YLXSWJ-XK-001", "power_code: YLXSWJ-XK-009", "power_code:", "power_code",
     ["没有事项编码“YLXSWJ-XK-009”", "data/units/swj/powers/"]),
    ("promised_days: 10", "promised_days: 25", "promised_days:", "promised_days",
     ["承诺办结时限 25 个工作日长于法定办结时限 20 个工作日"]),
    ("legal_days: 20", "legal_days: 二十", "legal_days:", "legal_days", ["应为整数", "“二十”"]),
    ("online_url: https://zwfw.example.org/ylx/swj/xk-001", "online_url: https://zwfw.elsewhere.example/xk-001", "online_url:",
     "online_url", ["网上办理的网址", "不在 data/site.yaml 的 external_links 中", "https://zwfw.example.org/"]),
    ("materials: [申请表, 营业执照复印件, 消防验收文件复印件]", "materials: 申请表", "materials:", "materials", ["应为列表"]),
    ("department: 流通科\n", "", "title:", "department", ["缺少必填字段 department"]),
])
def test_guide_errors_name_file_line_and_field(services_site, old, new, marker, field, words):
    path = services_site / "content/swj/guides/licence.md"
    expect_broken(services_site, (path, old, new), (path, marker, field, *words))


OTHER_UNITS_POWER = """- code: CSQSWJ-GG-001
  name: 外贸政策咨询
  kind: 公共服务
  basis: [《中华人民共和国对外贸易法》]
  responsibilities: [办理责任：按时答复。]
  accountability: [推诿的；]
  department: 市场科
  updated: 2025-06-15
"""


def test_a_guide_for_another_units_power_says_whose_it_is(tmp_path):
    site = make_site(tmp_path, "district")
    powers, guide = site / "data/units/swj/powers/a.yaml", site / "content/tjj/guides/a.md"
    powers.parent.mkdir(parents=True)
    guide.parent.mkdir(parents=True)
    expect_broken(site, [(powers, None, OTHER_UNITS_POWER),
                         (guide, None, "---\ntitle: 外贸政策咨询办事指南\ntype: guide\nindex_number: CSQ-TJJ/2026-00099\n"
                                       "publish_date: 2026-01-05\ndepartment: 综合科\npower_code: CSQSWJ-GG-001\n---\n\n正文。\n")],
                  (guide, "power_code:", "power_code", "没有事项编码“CSQSWJ-GG-001”", "测试区商务局", "content/swj/"))


def test_invoke_new_guide_writes_placeholders_that_fail_until_replaced(services_site):
    guide = []
    path, = scaffold.new("guide", "外贸政策咨询办事指南", config=CONFIG, today=datetime.date(2026, 11, 20),
                         site_root=services_site, guide=guide)
    assert path.parent == services_site / "content/swj/guides"
    text = path.read_text(encoding="utf-8")
    assert "index_number: YLX-SWJ/2026-00001" in text
    assert "例如 YLXSWJ-GG-001" in "\n".join(guide)  # printed after invoke new; both licences have guides
    ok, report = check(services_site)
    assert not ok
    for field in ("power_code", "conditions[0]", "materials[0]", "steps[0]", "正文"):
        assert f": {field}: " in report, report
    text = text.replace(placeholders.POWER_CODE, "YLXSWJ-GG-001").replace(placeholders.BODY, "正文。")
    path.write_text(text.replace(placeholders.GUIDE_LIST, "一项"), encoding="utf-8")
    ok, report = check(services_site, strict=True)
    assert ok, report


def test_the_sample_has_a_guide_for_every_licence_of_the_commerce_bureau(sample):
    power = read(sample, "swj/powers/kind/licensing/index.html")
    codes = texts(power, "td.power-table__code")
    assert len(codes) == 3
    for code in codes:
        guides = links(read(sample, f"swj/powers/item/{code.lower()}/index.html"), "ul.power__guides a")
        assert len(guides) == 1 and guides[0][1].endswith("办事指南")
