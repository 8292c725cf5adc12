"""政策资金公示 (type ``funds``): the table with a computed 合计 and its CSV download, the links with the
policy documents both ways, the errors of the error contract, and the rule that no natural person's
full name appears anywhere in the output: page, CSV, catalog.json/csv, feeds, search records."""

import csv
import datetime
import gzip
import io
import json

import pytest

from disclosure.model import pii, placeholders
from disclosure.tools import scaffold
from support import CONFIG, build, catalog, check, expect_broken, links, one, read, select, text_of, texts

ENTERPRISES = "doc/ylx-swj-2025-00004/index.html"  # waimao.csv, total 15.75
PEOPLE = "doc/ylx-swj-2025-00005/index.html"  # butie.csv: four natural persons and a company
POLICY = "doc/ylx-swj-2025-00001/index.html"
FULL_NAMES = ("张小明", "欧阳娜娜", "司马光明", "李华")
MASKED = ["张*", "欧阳*", "司马*", "李*", "样例县顺达家电有限公司"]
DIGITS_CODE = "913501990100010008"  # a valid 统一社会信用代码 of digits only, which also passes the bank-card (Luhn) check
HEADER = "受益主体,统一社会信用代码,项目,金额（万元）,拨付日期\n"


def table(site):
    return site / "data/units/swj/funds/butie.csv"


def item(site):
    return site / "content/swj/funds/butie.md"


@pytest.mark.parametrize("name, masked", [
    ("张三", "张*"), ("张三丰", "张*"), ("欧阳娜娜", "欧阳*"), ("欧阳锋", "欧阳*"), ("司马光", "司马*"), ("上官婉儿", "上官*"),
    ("欧阳", "欧*"), ("王", "*"), (" 李华 ", "李*"), ("阿不都·热合曼", "阿*"), ("John Smith", "J*"),
])
def test_a_natural_persons_name_keeps_the_surname_and_one_star(name, masked):
    assert pii.mask_name(name) == masked


def test_the_credit_code_is_checked_by_its_own_check_character():
    assert pii.valid_credit_code("91350100M000100Y43") and pii.valid_credit_code(DIGITS_CODE)
    assert not pii.valid_credit_code("91350100M000100Y44")  # wrong check character
    assert not pii.valid_credit_code("91350100I000100Y43")  # I is never used
    assert pii.credit_code_problem("91350100M000100Y43") is None
    assert "身份证号" in pii.credit_code_problem("11010519491231002X")
    assert list(pii.find_pii(DIGITS_CODE)), "outside its column the same digits still look like a bank card"


def test_the_table_shows_every_row_and_a_computed_total(services):
    _, output = services
    html = read(output, ENTERPRISES)
    funds = one(html, "table.funds-table")
    assert text_of(one(funds, "caption")) == "2025年外贸发展资金拨付公示：资金明细（单位：万元）"
    assert texts(funds, "thead th") == ["受益主体", "统一社会信用代码", "项目", "金额（万元）", "拨付日期"]
    assert texts(funds, "tbody th[scope=row]") == ["样例县海通贸易有限公司", "样例县林记茶行"]
    assert texts(funds, "tbody td.funds-table__amount") == ["12.5", "3.25"]
    assert texts(funds, "tfoot tr > *") == ["合计（2 个受益主体）", "15.75", ""]
    assert one(html, ".table-scroll[role=region] > table.funds-table")
    assert not select(html, ".funds__meta br")  # no natural persons: no note about them
    assert ("资金来源", "县级外贸发展资金") in [(text_of(one(r, "th")), text_of(one(r, "td"))) for r in select(html, "table.metadata-table tr")]
    assert links(html, "a.funds__download") == [("../../swj/funds/waimao.csv", "下载资金明细（CSV 文件 waimao.csv）")]


def test_the_csv_download_is_utf8_with_bom_rewritten_from_the_checked_rows(services):
    site, output = services
    raw = (output / "swj/funds/butie.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"))))
    assert rows[0] == ["受益主体", "统一社会信用代码", "项目", "金额（万元）", "拨付日期"]
    assert [row[0] for row in rows[1:]] == MASKED
    assert [row[1] for row in rows[1:]] == ["", "", "", "", "91350199MA8T6F2K3R"]
    assert rows[1][2:] == ["家电以旧换新补贴", "0.2", "2025-08-01"]


def test_a_natural_persons_name_is_masked_on_the_page_with_a_note(services):
    _, output = services
    html = read(output, PEOPLE)
    assert texts(html, "table.funds-table tbody th[scope=row]") == MASKED
    assert texts(html, "td.funds-table__code")[:4] == ["自然人"] * 4
    assert texts(html, "tfoot td.funds-table__amount") == ["1.95"]
    assert "只公开姓氏" in text_of(one(html, "p.funds__meta"))


def test_no_full_name_appears_anywhere_in_the_output(services):
    """Every file the build writes, Pagefind's compressed search records included (which put a
    zero-width space between the words they segment)."""
    _, output = services
    searched, found = 0, []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".pf_fragment":
            data = gzip.decompress(data)
            searched += 1
        text = data.decode("utf-8", errors="replace").replace("\u200b", "")
        found += [(path.relative_to(output).as_posix(), name) for name in FULL_NAMES if name in text]
    assert searched and not found, found
    fragments = [gzip.decompress(p.read_bytes()).decode("utf-8").replace("\u200b", "") for p in output.glob("**/pagefind/fragment/*")]
    assert any("欧阳*" in fragment and "司马*" in fragment for fragment in fragments), "the masked names are what search finds"


def test_catalogue_exports_carry_the_funds_keys(services):
    _, output = services
    entry = next(i for i in catalog(output) if i["index_number"] == "YLX-SWJ/2025-00004")
    assert (entry["type"], entry["dataset"], entry["policy"], entry["total"], entry["category"]) == (
        "funds", "waimao.csv", ["YLX-SWJ/2025-00001"], 15.75, "政策资金")
    rows = list(csv.reader(io.StringIO(read(output, "catalog.csv").lstrip("\ufeff"))))
    assert ["政策资金公示", "政策资金"] in [row[3:5] for row in rows]
    assert json.loads(read(output, "swj/catalog.json")) == catalog(output)


def test_funds_and_their_policy_documents_link_both_ways(services):
    _, output = services
    assert links(read(output, ENTERPRISES), "section.document__section ul.related-list a") == [
        ("../../doc/ylx-swj-2025-00001/", "样例县促进消费若干措施")]
    policy = read(output, POLICY)
    heading = next(h for h in select(policy, "section.document__section h2") if text_of(h) == "政策资金公示")
    assert [title for _, title in links(heading.parent, "a")] == ["2025年以旧换新补贴发放公示", "2025年外贸发展资金拨付公示"]
    assert ("../swj/policy-funds/", "政策资金") in links(read(output, "swj/index.html"))


def test_a_total_that_differs_from_the_tables_sum_is_an_error_naming_the_file_and_line(services_site):
    path = services_site / "content/swj/funds/waimao.md"
    expect_broken(services_site, (path, "total: 15.75", "total: 15.7"),
                  (path, "total: 15.7", "total", "total 为 15.7 万元", "data/units/swj/funds/waimao.csv", "合计是 15.75 万元"),
                  errors=1, via_build=True)


@pytest.mark.parametrize("row, column, words", [
    ("李华,,家电以旧换新补贴,0.1", "-", ["有 4 个值", "表头有 5 列"]),
    ("李华,,家电以旧换新补贴,0.1万元,2025-08-02", "金额（万元）", ["“0.1万元”不是数字"]),
    ("李华,,家电以旧换新补贴,\"1,000\",2025-08-02", "金额（万元）", ["“1,000”不是数字"]),
    ("李华,,家电以旧换新补贴,0,2025-08-02", "金额（万元）", ["不能为 0"]),
    ("李华,,家电以旧换新补贴,0.1,2025-02-30", "拨付日期", ["“2025-02-30”无效"]),
    ("李华,,家电以旧换新补贴,0.1,2025/08/02", "拨付日期", ["“2025/08/02”无效"]),
    (",,家电以旧换新补贴,0.1,2025-08-02", "受益主体", ["受益主体不能为空"]),
    ("李华,91350100M000100Y44,家电以旧换新补贴,0.1,2025-08-02", "统一社会信用代码", ["不是有效的统一社会信用代码", "留空"]),
    ("李华,11010519491231002X,家电以旧换新补贴,0.1,2025-08-02", "统一社会信用代码", ["身份证号", "不能公开"]),
    ("李华,,家电以旧换新补贴 13912345678,0.1,2025-08-02", "项目", ["疑似手机号码“13912345678”"]),
])
def test_bad_rows_are_errors_with_path_line_and_column(services_site, row, column, words):
    path = table(services_site)
    expect_broken(services_site, (path, "李华,,家电以旧换新补贴,0.1,2025-08-02", row), (path, 5, column, *words), errors=1)


def test_a_valid_code_of_digits_is_not_taken_for_a_bank_card_in_its_column(services_site):
    path = table(services_site)
    edit_row = f"样例县数码商行,{DIGITS_CODE},家电以旧换新补贴,0.1,2025-08-02"
    with open(path, "a", encoding="utf-8") as out:
        out.write(edit_row + "\n")
    ok, report = check(services_site)
    assert "银行卡号" not in report and "total" not in report, report
    expect_broken(services_site, (path, edit_row, f"样例县数码商行,,家电以旧换新补贴 {DIGITS_CODE},0.1,2025-08-02"),
                  (path, 7, "项目", "疑似银行卡号"))


@pytest.mark.parametrize("where, old, new, field", [
    ("item", "个人消费者只公开姓氏。", "补贴发给张小明等 4 人。", "正文"),
    ("item", "title: 2025年以旧换新补贴发放公示", "title: 2025年以旧换新补贴发放公示（欧阳娜娜等）", "title"),
    ("item", "keywords: [以旧换新, 补贴]", "keywords: [以旧换新, 司马光明]", "keywords"),
    ("table", "家电以旧换新补贴,0.2", "张小明家电以旧换新补贴,0.2", "项目"),
])
def test_a_full_name_typed_elsewhere_is_an_error(services_site, where, old, new, field):
    path = item(services_site) if where == "item" else table(services_site)
    marker = new.split(",")[0] if where == "table" else new.split("\n")[0][:12]
    report = expect_broken(services_site, (path, old, new), (path, marker, field, "自然人受益人的全名", "butie.csv 第"))
    assert not any(name in report for name in FULL_NAMES), "the report names where, never the name"


@pytest.mark.parametrize("change, problem", [
    (("content", "dataset: butie.csv", "dataset: missing.csv"), ("content", "dataset:", "dataset", "资金明细表“missing.csv”不存在")),
    (("content", "dataset: butie.csv", "dataset: ../series/a.csv"), ("content", "dataset:", "dataset", "不是资金明细表的文件名")),
    (("content", "policy: [YLX-SWJ/2025-00001]", "policy: [YLX-SWJ/2025-00099]"),
     ("content", "policy:", "policy[0]", "找不到索引号为“YLX-SWJ/2025-00099”的条目")),
    (("content", "dataset: butie.csv\n", ""), ("content", "title:", "dataset", "缺少必填字段 dataset")),
    (("table", HEADER, "受益主体,项目,金额（万元）,拨付日期\n"), ("table", 1, "表头", "第一行应为表头")),
])
def test_item_and_table_errors(services_site, change, problem):
    paths = {"content": item(services_site), "table": table(services_site)}
    where, old, new = change
    path, marker, field, *words = problem
    expect_broken(services_site, (paths[where], old, new), (paths[path], marker, field, *words))


def test_funds_tables_get_the_hostile_input_checks_of_every_data_file(services_site):
    folder = table(services_site).parent
    expect_broken(services_site, [(folder / "notes.txt", None, "说明"), (folder / "Bad Name.csv", None, HEADER),
                           (folder / "gbk.csv", None, HEADER.encode("gbk")), (folder / "word.csv", None, HEADER + "李华\u000b,,a,1,2025-01-01\n")],
                  (folder / "notes.txt", 1, "-", "funds/ 中只能放政策资金明细表（CSV 文件）"),
                  (folder / "Bad Name.csv", 1, "-", "文件名“Bad Name.csv”无效"),
                  (folder / "gbk.csv", 1, "-", "不是 UTF-8 编码"),
                  (folder / "word.csv", 2, "-", "Word 的手动换行符"))
    (folder / "notes.txt").unlink()
    for name in ("Bad Name.csv", "gbk.csv", "word.csv"):
        (folder / name).unlink()
    (folder / "link.csv").symlink_to(table(services_site))
    (folder / ".hidden.csv").write_text(HEADER, encoding="utf-8")
    ok, report = check(services_site)
    assert not ok and "link.csv:1: -: 这是一个符号链接" in report and ".hidden.csv:1: -: 隐藏文件" in report, report


def test_cells_that_could_run_as_formulas_are_made_safe_in_the_download(services_site):
    path = table(services_site)
    text = path.read_text(encoding="utf-8").replace("活动组织费用补助", "=HYPERLINK(\"http://x\")")
    path.write_text(text.replace("样例县顺达家电有限公司", "@样例县顺达家电有限公司"), encoding="utf-8")
    ok, report, output = build(services_site)
    assert ok, report
    rows = list(csv.reader(io.StringIO((output / "swj/funds/butie.csv").read_text(encoding="utf-8-sig"))))
    assert rows[-1][:3] == ["'@样例县顺达家电有限公司", "91350199MA8T6F2K3R", "'=HYPERLINK(\"http://x\")"]


def test_invoke_new_funds_writes_placeholders_that_fail_until_replaced(services_site):
    path, = scaffold.new("funds", "2026年补贴公示", config=CONFIG, today=datetime.date(2026, 11, 20), site_root=services_site)
    assert path.parent == services_site / "content/swj/funds"
    ok, report = check(services_site)
    assert not ok and ": dataset: 还是 invoke new 写入的占位文字" in report and "不是资金明细表的文件名" not in report
    text = path.read_text(encoding="utf-8").replace(placeholders.DATASET, "waimao.csv").replace(placeholders.BODY, "正文。")
    path.write_text(text, encoding="utf-8")
    ok, report = check(services_site, strict=True)
    assert ok, report
