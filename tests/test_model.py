"""The pure functions of the pipeline, in milliseconds: no files, no builds."""

import datetime
import re
import sys
from types import SimpleNamespace

import pytest
from markdown import Markdown

from disclosure.data.series import period_end
from disclosure.load import load_site
from disclosure.model.calendar import working_days_between
from disclosure.model.index_numbers import format_index_number, index_number_pattern, next_index_number
from disclosure.model.pii import find_pii, luhn_ok, valid_id_card
from disclosure.model.records import Record
from disclosure.model.source import SourceError, parse_yaml
from disclosure.model.validity import end_of_force, validity
from disclosure.settings import build_date
from disclosure.tools.commands import settings_for
from disclosure.views.body import INLINE_PATTERNS, MARKDOWN_EXTENSIONS, new_markdown, render_markdown, summary_of
from disclosure.views.catalog import paginate
from support import CONFIG

D = datetime.date
PUBLISHED = D(2020, 1, 1)


def test_the_build_date_is_today_in_the_sites_time_zone():
    """A CI runner keeps UTC; the nightly build at 00:05 in China must already count the new day."""
    east, west = build_date({"TIMEZONE": "Pacific/Kiritimati"}), build_date({"TIMEZONE": "Etc/GMT+12"})
    assert east - west == datetime.timedelta(days=1) or east - west == datetime.timedelta(days=2)  # UTC+14 vs UTC−12
    shanghai = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()
    assert build_date({"TIMEZONE": "Asia/Shanghai"}) == shanghai == build_date({})
    assert build_date({"BUILD_DATE": "2026-01-02", "TIMEZONE": "Etc/GMT+12"}) == D(2026, 1, 2)


def normative(effective=None, publish=PUBLISHED, expiry=None, repealed_by=(), amended_by=(), kind="normative"):
    meta = {"type": kind, "publish_date": publish}
    if effective:
        meta["effective_date"] = effective
    if expiry:
        meta["expiry_date"] = expiry
    return Record(source=None, meta=meta, links={"repealed_by": list(repealed_by), "amended_by": list(amended_by)})


# ── validity and end_of_force ─────────────────────────────────────────────────────────────────

DAY = D(2026, 11, 22)
LATER_REPEAL = normative(effective=D(2027, 1, 1))  # a repealing or amending document not yet in effect
REPEAL = normative(effective=D(2024, 7, 1))
EARLIER_REPEAL = normative(effective=D(2023, 4, 1))

VALIDITY = [
    # (record, day, validity, end_of_force)
    (normative(kind="notice"), DAY, "", None),
    (normative(effective=D(2027, 1, 1)), DAY, "not_yet_effective", None),
    (normative(effective=DAY), DAY, "effective", None),  # in effect on its own effective date
    (normative(publish=D(2026, 11, 23)), DAY, "not_yet_effective", None),  # no effective_date: from publication
    (normative(publish=DAY), DAY, "effective", None),
    (normative(effective=D(2020, 1, 1), expiry=DAY), DAY, "effective", None),  # 有效期至 the day itself
    (normative(effective=D(2020, 1, 1), expiry=D(2026, 11, 21)), DAY, "expired", (D(2026, 11, 21), "expired")),
    (normative(effective=D(2020, 1, 1), repealed_by=[REPEAL]), DAY, "repealed", (D(2024, 7, 1), "repealed")),
    (normative(effective=D(2020, 1, 1), repealed_by=[REPEAL]), D(2024, 6, 30), "effective", None),
    (normative(effective=D(2020, 1, 1), repealed_by=[LATER_REPEAL]), DAY, "effective", None),
    (normative(effective=D(2020, 1, 1), repealed_by=[LATER_REPEAL, REPEAL, EARLIER_REPEAL]), DAY, "repealed",
     (D(2023, 4, 1), "repealed")),  # the earliest repeal in effect counts
    (normative(effective=D(2020, 1, 1), repealed_by=[LATER_REPEAL, REPEAL]), DAY, "repealed",
     (D(2024, 7, 1), "repealed")),  # a repeal not yet in effect does not
    (normative(effective=D(2020, 1, 1), expiry=D(2025, 1, 31), repealed_by=[REPEAL]), DAY, "repealed",
     (D(2024, 7, 1), "repealed")),  # repealed before it expired: the repeal is what ended it
    (normative(effective=D(2020, 1, 1), amended_by=[REPEAL]), DAY, "amended", None),  # amended still applies
    (normative(effective=D(2020, 1, 1), amended_by=[LATER_REPEAL]), DAY, "effective", None),
    (normative(effective=D(2020, 1, 1), expiry=D(2025, 1, 31), amended_by=[REPEAL]), DAY, "expired",
     (D(2025, 1, 31), "expired")),
    (normative(effective=D(2027, 1, 1), repealed_by=[REPEAL]), DAY, "not_yet_effective", None),
]


@pytest.mark.parametrize("record, day, state, end", VALIDITY)
def test_validity_and_end_of_force(record, day, state, end):
    assert validity(record, day) == state
    assert end_of_force(record, day) == end


# ── working days ──────────────────────────────────────────────────────────────────────────────

NATIONAL_DAY_2024 = frozenset(D(2024, 10, day) for day in range(1, 8))


@pytest.mark.parametrize("start, end, holidays, days", [
    (D(2024, 6, 3), D(2024, 6, 3), (), 0),  # the same day
    (D(2024, 6, 3), D(2024, 6, 4), (), 1),  # Monday → Tuesday: the end counts, the start does not
    (D(2024, 6, 7), D(2024, 6, 10), (), 1),  # Friday → Monday: the weekend does not count
    (D(2024, 6, 7), D(2024, 6, 9), (), 0),  # Friday → Sunday
    (D(2024, 6, 3), D(2024, 6, 17), (), 10),  # two whole weeks
    (D(2024, 6, 4), D(2024, 6, 3), (), 0),  # an end before the start
    (D(2024, 9, 30), D(2024, 10, 8), NATIONAL_DAY_2024, 1),  # the National Day week
    (D(2024, 9, 30), D(2024, 10, 8), (), 6),  # the same days without the holidays
    (D(2024, 6, 7), D(2024, 6, 10), {D(2024, 6, 8)}, 1),  # a holiday on a weekend is not counted twice
], ids=["same-day", "next-day", "over-a-weekend", "to-a-sunday", "two-weeks", "backwards", "holidays",
        "no-holidays", "weekend-holiday"])
def test_working_days_between(start, end, holidays, days):
    assert working_days_between(start, end, frozenset(holidays)) == days


# ── statistical periods ───────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("period, end", [
    ("2024-09", (2024, 9)), ("2024-01", (2024, 1)), ("2024-12", (2024, 12)),
    ("2024Q1", (2024, 3)), ("2024Q3", (2024, 9)), ("2024Q4", (2024, 12)),
    ("2024H1", (2024, 6)), ("2024H2", (2024, 12)),
    ("2024", (2024, 12)), (2024, (2024, 12)),  # a year YAML read as a number
    ("2024-9", None), ("2024-13", None), ("2024-00", None), ("2024Q5", None), ("2024Q0", None), ("2024H3", None),
    ("24-09", None), ("2024年9月", None), ("", None), ("2024-09-01", None),
])
def test_period_end(period, end):
    assert period_end(period) == end


# ── personal information ──────────────────────────────────────────────────────────────────────

ID_VALID = "11010519491231002X"  # check digit X
ID_ALSO_LUHN = "110105199003070068"  # a valid 身份证号 whose digits also pass the Luhn check


def test_id_card_check_digit():
    assert valid_id_card(ID_VALID) and valid_id_card(ID_VALID.lower())
    assert not valid_id_card("110105194912310021")
    assert list(find_pii(f"身份证号{ID_VALID}已登记")) == [("id_card", ID_VALID, 4)]
    assert list(find_pii(f"身份证号{ID_VALID.lower()}")) == [("id_card", ID_VALID.lower(), 4)]
    assert [kind for kind, _, _ in find_pii("身份证号110105194912310021")] == []  # wrong check digit
    assert "id_card" not in [kind for kind, _, _ in find_pii(f"编号9{ID_VALID}")]  # part of a longer number
    assert list(find_pii(f"编号{ID_VALID}A")) == []


def test_a_mistyped_id_card_ending_in_x_is_an_id_card_not_a_bank_card():
    mistyped = "11010519491231001X"  # wrong check digit; its first 17 digits pass the Luhn check
    assert not valid_id_card(mistyped) and luhn_ok(mistyped[:17])
    assert list(find_pii(f"身份证号{mistyped}")) == [("id_card", mistyped, 4)]


@pytest.mark.parametrize("text, value", [
    ("手机13812345678。", "13812345678"),
    ("手机+8613812345678", "+8613812345678"),
    ("手机+86 138 1234 5678", "+86 138 1234 5678"),
    ("手机+86-138-1234-5678", "+86-138-1234-5678"),
    ("手机86 13812345678", "86 13812345678"),
    ("手机138-1234-5678", "138-1234-5678"),
    ("手机19912345678", "19912345678"),
])
def test_mobile_numbers_with_country_code_and_separators(text, value):
    assert list(find_pii(text)) == [("mobile", value, 2)]


@pytest.mark.parametrize("text", ["电话12812345678", "编号138123456789", "编号913812345678", "电话010-12345678",
                                  "电话1381234567"])
def test_numbers_that_are_not_mobiles(text):
    assert [kind for kind, _, _ in find_pii(text)] == []


def test_bank_cards_pass_the_luhn_check():
    assert luhn_ok("6222021234567890128") and not luhn_ok("6222021234567890129")
    assert list(find_pii("账号6222 0212 3456 7890 128")) == [("bank_card", "6222 0212 3456 7890 128", 2)]
    assert list(find_pii("账号6222-0212-3456-7890-128")) == [("bank_card", "6222-0212-3456-7890-128", 2)]
    assert list(find_pii("账号6222021234567890128")) == [("bank_card", "6222021234567890128", 2)]
    assert list(find_pii("账号6222 0212 3456 7890 129")) == []  # fails the Luhn check
    assert list(find_pii("编号4111 1111 1111")) == []  # 12 digits is too short for a card
    assert list(find_pii("账号4111 1111 1111 1111")) == [("bank_card", "4111 1111 1111 1111", 2)]


def test_an_id_card_that_passes_luhn_is_reported_once_as_an_id_card():
    assert valid_id_card(ID_ALSO_LUHN) and luhn_ok(ID_ALSO_LUHN)
    assert list(find_pii(f"证件{ID_ALSO_LUHN}")) == [("id_card", ID_ALSO_LUHN, 2)]


def test_every_finding_in_one_text_with_its_offset():
    text = f"申请人{ID_VALID}，手机 138 1234 5678，账号 6222021234567890128。"
    found = list(find_pii(text))
    assert found == [("id_card", ID_VALID, 3), ("mobile", "138 1234 5678", text.index("138")),
                     ("bank_card", "6222021234567890128", text.index("6222"))]
    for _, value, offset in found:
        assert text[offset:offset + len(value)] == value


# ── pagination ────────────────────────────────────────────────────────────────────────────────

def test_paginate_an_empty_list_gives_one_empty_page():
    assert list(paginate("catalog/", [], 5)) == [{
        "items": [], "url": "catalog/", "number": 1, "count": 1, "previous": None, "next": None,
        "pages": [{"number": 1, "url": "catalog/"}]}]


@pytest.mark.parametrize("count, size, chunks", [(1, 2, [[0]]), (4, 2, [[0, 1], [2, 3]]), (5, 2, [[0, 1], [2, 3], [4]])])
def test_paginate_splits_in_order_and_links_each_page(count, size, chunks):
    pages = list(paginate("normative/", list(range(count)), size))
    addresses = ["normative/"] + [f"normative/page/{n}/" for n in range(2, len(chunks) + 1)]
    assert [page["items"] for page in pages] == chunks
    assert [page["url"] for page in pages] == addresses
    assert [page["number"] for page in pages] == list(range(1, len(chunks) + 1))
    assert {page["count"] for page in pages} == {len(chunks)}
    assert [page["previous"] for page in pages] == [None, *addresses[:-1]]
    assert [page["next"] for page in pages] == [*addresses[1:], None]
    for page in pages:
        assert page["pages"] == [{"number": n, "url": u} for n, u in enumerate(addresses, start=1)]


# ── bodies ─────────────────────────────────────────────────────────────────────────────────────

INLINE_MARKUP = [  # each sign of inline markup on its own, then together
    "纯文本，没有任何标记。\n\n第二段。", "*强调*与**加粗**、2*3*4", "_下划线_和__粗__、a_b_c", "`代码` 与 ``双`反引号``",
    "转义 \\# 号与 \\。", "[链接](https://example.gov.cn \"标题\") 与 [引用][r] 与 [r]\n\n[r]: https://example.gov.cn/r",
    "![图](a.png) 与 ![引用图][i]\n\n[i]: b.png", "脚注[^1]\n\n[^1]: 注释内容", "<https://example.gov.cn> 与 <office@example.gov.cn>",
    "内联 <b>HTML</b>", "行末两个空格  \n换行", "&amp; &#169; &copy;", "* 列表项 *强调*\n* 第二项 [链接](x)",
    "| 表头 | 表头 |\n|---|---|\n| `代码` | **粗** |", "标题 {#id}\n===", "*[HTML]: 超文本\n\nHTML 文本",
    "> 引用 *强调*\n\n    缩进代码 *不强调*", "```\n代码块 *不强调*\n```",
]


@pytest.mark.parametrize("text", INLINE_MARKUP)
def test_plain_text_is_passed_over_without_changing_any_rendering(text):
    """The inline step skips text with no sign of inline markup: every body renders as Python-Markdown does."""
    plain = Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
    assert render_markdown(new_markdown(), text) == render_markdown(plain, text)


def test_every_inline_pattern_is_one_whose_signs_are_known():
    """A pattern added by an extension or a new Python-Markdown needs its signs in INLINE_SIGNS."""
    patterns = new_markdown().inlinePatterns
    assert len(patterns) == len(INLINE_PATTERNS) and all(name in patterns for name in INLINE_PATTERNS)


# ── summaries ─────────────────────────────────────────────────────────────────────────────────

def summary(markdown, **options):
    """A body's summary as the build derives it: Markdown → sanitized HTML → plain text."""
    return summary_of(render_markdown(new_markdown(), markdown), **options)


MARKUP = re.compile(r"[<>\[\]()*`]|&[a-z]+;|&#|\]\(|onerror|src=")


@pytest.mark.parametrize("body, expected", [
    ("<img src=x onerror=1>\n\n第一段正文。", "第一段正文。"),
    ("前文<img src=x onerror=1>后文。", "前文后文。"),
    ("[链接一](a) 和 [链接二](b)", "链接一和链接二"),
    ("见[《统计法》](https://example.gov.cn/law)第十条。", "见《统计法》第十条。"),
    ("**重要**通知：请*及时*办理。", "重要通知：请及时办理。"),
    ("<script>alert(1)</script>\n\n正文。", "正文。"),
    ("<p onclick=\"x()\">点击</p>", "点击"),
    ("A &amp; B &lt;C&gt;", "A & B <C>"),
    ("`代码`和正文", "代码和正文"),
    ("# 标题\n\n正文第一段。\n\n正文第二段。", "正文第一段。"),
    ("- 第一项\n- 第二项", "第一项"),  # no paragraph: the first list item
    ("Statistics  and\n  data", "Statistics and data"),
    ("统计 数据 and data", "统计数据and data")  # spaces go only beside Chinese,
])
def test_summary_is_clean_text(body, expected):
    text = summary(body)
    assert text == expected
    if "&lt;" not in body:  # the one case whose text really has angle brackets
        assert not MARKUP.search(text), text


def test_summary_is_cut_and_skips_placeholders():
    assert summary("字" * 120) == "字" * 120
    assert summary("字" * 121) == "字" * 120 + "……"
    assert summary("占位\n\n正文。", skip={"占位"}) == "正文。"
    assert summary("") == ""


def test_the_render_cache_comes_back_as_saved_and_leaves_the_bodies_it_keeps_as_they_were(tmp_path):
    from disclosure.plugin.bodies import RenderCache

    cache = RenderCache(tmp_path)
    markup = "<p>" + "统计数据" * 200 + "</p>"
    entries = {b"summarized": [markup, "统计数据"], b"not yet": ["<p>表</p>", None]}
    cache.current = entries
    size = sys.getsizeof(markup)
    cache.save()
    assert sys.getsizeof(markup) == size, "pickling a string would keep a UTF-8 copy inside it"
    assert RenderCache(tmp_path).previous == entries
    cache.version = "rendered by other code"
    cache.save()
    assert RenderCache(tmp_path).previous == {}


def test_bodies_rendered_on_every_core_leave_the_texts_as_they_were_and_a_build_lets_them_go(tmp_path, monkeypatch):
    """The workers read the texts from the memory they share with the build: sent to them, each text
    would keep a UTF-8 copy of itself in the build for as long as it lives (the preview keeps them all).
    A build that loads once lets go of the Markdown once it is rendered."""
    from disclosure.plugin import bodies

    monkeypatch.setattr(bodies, "PARALLEL_MINIMUM", 1)
    kept = load_site(settings_for(CONFIG))
    sizes = {record.file: sys.getsizeof(record.source.body) for record in kept.records}
    on_every_core = bodies.RenderCache(tmp_path / "kept").render_all(kept, workers=2, again=True)
    assert {record.file: sys.getsizeof(record.source.body) for record in kept.records} == sizes
    once = load_site(settings_for(CONFIG))
    assert bodies.RenderCache(tmp_path / "once").render_all(once, workers=1) == on_every_core
    assert {record.source.body for record in once.records + once.pages} == {None}


def test_an_items_fingerprint_leaves_its_body_as_it_was():
    from disclosure.plugin.ledger import record_inputs

    record = Record(source=None, meta={"title": "统计执法检查办法", "type": "规范性文件"})
    body = "<p>" + "统计数据" * 200 + "</p>"
    size = sys.getsizeof(body)
    before = record_inputs(record, body)
    assert sys.getsizeof(body) == size, "the preview keeps every body: no UTF-8 copy may be left inside one"
    assert record_inputs(record, body + "。") != before


# ── 索引号 ─────────────────────────────────────────────────────────────────────────────────────

AGENCY = {"agency_code": "CSX-TJJ", "name": "测试县统计局"}


@pytest.mark.parametrize("number, groups", [
    ("CSX-TJJ/2024-00001", ("2024", "00001")),
    ("CSX-TJJ/2024-123456", ("2024", "123456")),  # more than five digits: a large year still fits
    ("CSX-TJJ/2024-1", None), ("CSX-TJJ/24-00001", None), ("csx-tjj/2024-00001", None),
    ("CSX-TJJ/2024-00001 ", None), ("XCSX-TJJ/2024-00001", None), ("CSX-TJJ/2024/00001", None),
])
def test_default_index_number_pattern(number, groups):
    found = index_number_pattern({}, AGENCY).match(number)
    assert (found and found.group("year", "serial")) == groups


def test_configured_format_escapes_the_agency_code_and_round_trips():
    settings, agency = {"INDEX_NUMBER_FORMAT": "{code}.{year}.{serial:03d}"}, {"code": "A+B"}
    pattern = index_number_pattern(settings, agency)
    assert format_index_number(settings, agency, 2025, 7) == "A+B.2025.007"
    assert pattern.match("A+B.2025.007").group("year", "serial") == ("2025", "007")
    assert not pattern.match("AAB.2025.007") and not pattern.match("A+B-2025-007") and not pattern.match("A+B.2025.07")


def test_next_index_number_follows_the_highest_serial_of_the_year():
    def unit(*numbers):
        return SimpleNamespace(agency=AGENCY, records=[SimpleNamespace(index_number=n) for n in numbers], scheduled=[])

    site = SimpleNamespace(settings={})
    assert next_index_number(site, unit(), 2026) == "CSX-TJJ/2026-00001"
    assert next_index_number(site, unit("CSX-TJJ/2026-00001", "CSX-TJJ/2026-00007", "CSX-TJJ/2025-00009"), 2026) \
        == "CSX-TJJ/2026-00008"  # a gap is not filled; other years do not count
    assert next_index_number(site, unit("CSX-TJJ/2025-00009", None, 20260001, "其他/2026-00005"), 2026) == "CSX-TJJ/2026-00001"


# ── YAML 1.2: every file is read as the web editor reads and writes it ──────────────────────────

@pytest.mark.parametrize("text, value", [
    ("yes", "yes"), ("No", "No"), ("on", "on"), ("OFF", "OFF"), ("y", "y"),  # booleans in YAML 1.1, text in 1.2
    ("10:30", "10:30"), ("09:30", "09:30"), ("1:30:00", "1:30:00"),  # base 60 in 1.1
    ("2024-06-21", "2024-06-21"), ("2024-06-21 09:30", "2024-06-21 09:30"),  # no timestamps: dates stay text
    ("1_000", "1_000"), ("<<", "<<"), ("=", "="), ("0b101", "0b101"),
    ("true", True), ("False", False), ("~", None), ("null", None), ("", None),
    ("0591", 591), ("-12", -12), ("0o17", 15), ("0x1F", 31),  # a leading zero is not octal
    ("1.5", 1.5), ("1e3", 1000.0), (".5", 0.5), ("1.", 1.0),
    ('"yes"', "yes"), ("'0591'", "0591"),
])
def test_plain_scalars_follow_yaml_1_2(text, value):
    data, _ = parse_yaml(f"key: {text}\n")
    assert data["key"] == value and type(data["key"]) is type(value)


@pytest.mark.parametrize("text", [".inf", "-.Inf", ".NaN", ".iNf", "+.INF"])
def test_infinity_and_nan_are_refused_in_any_case(text):
    with pytest.raises(SourceError, match="不是有效的数值"):
        parse_yaml(f"fees: {text}\n")


def test_a_key_written_yes_is_text_now_and_a_boolean_key_still_refused():
    assert parse_yaml("yes: 1\n")[0] == {"yes": 1}
    with pytest.raises(SourceError, match="字段名“true”无效"):
        parse_yaml("true: 1\n")
