"""Regression tests for issue 19: hostile and careless content is refused with path:line errors,
never published, never a traceback; exported CSV cells never start a formula; the swap."""

import csv
import io
import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from disclosure.tools import scaffold, swap as swapping
from support import CONFIG, build, building, check, edit, expect, line_of, make_site, read, shown

DOC = "content/tjj/documents/a.md"
NOTICE = "content/tjj/notices/a.md"
AGENCY = "data/units/tjj/agency.yaml"
BOMB = ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n")


def append_body(site, relative, text):
    path = site / relative
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    return path


def refused(site, path, marker, field, *words):
    ok, report = check(site)
    assert not ok, report
    assert "Traceback" not in report and "内部错误" not in report, report
    expect(report, shown(path), line_of(path, marker), field, *words)
    return report


# 1. Containment ---------------------------------------------------------------------------------

@pytest.mark.parametrize("link, words", [
    ("[x]({attach}../../../.git/config)", ("附件目录", "以外")),
    ("[x]({static}/../../../../../../proc/self/environ)", ("附件目录", "以外")),
    ("[x](|static|/etc/passwd)", ("附件目录", "以外")),
    ('<img src="{static}&#46;&#46;/pages/guide.md">', ("附件目录", "以外")),
    ('<img src="{&#115;tatic}../pages/guide.md">', ("附件目录", "以外")),
    ("[x]({static}\\.\\./pages/guide.md)", ("附件目录", "以外")),
    ("[x]({static}%2e%2e/pages/guide.md)", ("附件目录", "以外")),
    ("[x]({filename}../attachments/2023/form.txt)", ("{filename} 只能链接",)),
    ("[x]({filename}../../../../pelicanconf.py)", ("不存在",)),
])
def test_body_links_stay_inside_the_units_folders(site, link, words):
    path = append_body(site, DOC, "见" + link)
    refused(site, path, link[:12], "正文", *words)


def test_a_link_into_the_units_attachments_still_works(site):
    append_body(site, DOC, "[表]({static}../attachments/2023/form.txt)")
    ok, report = check(site)
    assert ok, report


def test_a_symlink_is_refused_even_when_nothing_links_to_it(site):
    link = site / "content/tjj/attachments/2023/config.txt"
    link.symlink_to(Path(__file__).resolve().parents[1] / ".gitignore")
    ok, report = check(site)
    assert not ok
    expect(report, shown(link), 1, "-", "符号链接")
    (site / "data/units/tjj/annual/link.yaml").symlink_to("/etc/hostname")
    assert "annual/link.yaml:1: -: " in check(site)[1]


@pytest.mark.parametrize("name, content, words", [
    ("page.html", "<script>alert(1)</script>", ("不能发布", ".html")),
    ("chart.svg", '<svg onload="alert(1)"/>', (".svg",)),
    ("feed.xml", "<x/>", (".xml",)),
    ("fake.pdf", "<html><script>1</script></html>", ("扩展名与内容不符",)),
])
def test_attachments_that_could_run_script_are_refused(site, name, content, words):
    path = site / "content/tjj/attachments/2023" / name
    path.write_text(content, encoding="utf-8")
    ok, report = check(site)
    assert not ok
    expect(report, shown(path), 1, "-", *words)


def test_a_front_matter_attachment_must_be_an_allowed_type(site):
    (site / "content/tjj/attachments/2023/x.html").write_text("<p>x</p>", encoding="utf-8")
    path = site / DOC
    edit(path, "department: 办公室", "department: 办公室\nattachments: [{title: 表, file: 2023/x.html}]")
    refused(site, path, "attachments:", "attachments[0].file", "不能发布")


def test_the_build_stops_a_static_file_from_outside_even_if_check_missed_it(site, tmp_path):
    from disclosure.model.problems import ContentError
    from disclosure.plugin.containment import guard_static_files
    from disclosure.settings import SITE

    outside = tmp_path / "secret.txt"
    outside.write_text("token", encoding="utf-8")
    unit = SimpleNamespace(content_dir=site / "content/tjj")
    generator = SimpleNamespace(
        settings={SITE: SimpleNamespace(units={"tjj": unit}), "PATH": str(site / "content")},
        staticfiles=[SimpleNamespace(source_path=str(site / "content/tjj/attachments/2023/form.txt"),
                                     save_as="tjj/attachments/2023/form.txt"),
                     SimpleNamespace(source_path=str(outside), save_as="../secret.txt")])
    with pytest.raises(ContentError) as caught:
        guard_static_files(generator)
    assert "secret.txt" in caught.value.problems.report() and "form.txt" not in caught.value.problems.report()


def test_a_hidden_markdown_file_is_an_error_not_a_crash(site):
    hidden = site / "content/tjj/notices/.draft.md"
    hidden.write_text((site / NOTICE).read_text(encoding="utf-8"), encoding="utf-8")
    ok, report = check(site)
    assert not ok
    expect(report, shown(hidden), 1, "-", "隐藏文件")


def test_the_party_emblem_must_be_an_image_of_the_portals_attachments(site):
    path = site / "data/site.yaml"
    edit(path, "police_record: 测公网安备 10000000000001号}", "police_record: 测公网安备 10000000000001号,\n  party_emblem: ../../../etc/passwd}")
    refused(site, path, "party_emblem", "identity.party_emblem", "找不到")


# 2. CSV ------------------------------------------------------------------------------------------

FORMULAS = ("=", "+", "-", "@", "\t", "\r")


def csv_cells(text):
    return [cell for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))) for cell in row]


def assert_no_formula(cells):
    for cell in cells:
        if cell[:1] in FORMULAS:
            float(cell)  # only a number may start with + or -


def test_safe_cell_follows_owasp_and_keeps_numbers():
    from disclosure.views.spreadsheet import safe_cell

    assert [safe_cell(v) for v in ("=1+2", "+1+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1", " =1", "-x")] == [
        "'=1+2", "'+1+cmd|' /C calc'!A0", "'@SUM(A1)", "'\t=1", "'\r=1", "' =1", "'-x"]
    assert [safe_cell(v) for v in ("-5", "-0.25", "+3", "1e5", 7, -2.5, None, "普通")] == ["-5", "-0.25", "+3", "1e5", 7, -2.5, "", "普通"]


def test_catalog_csv_at_portal_and_unit_level_neutralises_formulas(site):
    edit(site / DOC, "title: 测试县统计局政府信息公开申请办理规程", 'title: "=HYPERLINK(\\"http://evil.example\\",\\"点我\\")"')
    ok, text, output = build(site)
    assert ok, text
    for relative in ("catalog.csv", "tjj/catalog.csv"):
        cells = csv_cells(read(output, relative))
        assert "'=HYPERLINK(\"http://evil.example\",\"点我\")" in cells
        assert_no_formula(cells)


def test_powers_and_standard_catalog_csv_neutralise_formulas(tmp_path):
    site = make_site(tmp_path, "commerce")
    edit(site / "data/units/swj/powers/market.yaml", "name: 对单用途商业预付卡发卡企业未按规定办理备案的行政处罚",
         "name: '-2+3+cmd|'' /C calc''!A0'")
    edit(site / "data/units/swj/standard_catalog.yaml", "content: 备案企业名称、备案编号和备案日期。", "content: '@SUM(1+1)'")
    ok, text, output = build(site)
    assert ok, text
    powers, catalogue = csv_cells(read(output, "swj/powers.csv")), csv_cells(read(output, "swj/standard-catalog.csv"))
    assert "'-2+3+cmd|' /C calc'!A0" in powers and "'@SUM(1+1)" in catalogue
    assert_no_formula(powers + catalogue)


def test_series_downloads_neutralise_header_cells_and_keep_negative_numbers(tmp_path):
    site = make_site(tmp_path, "series")
    path = site / "data/units/tjj/series/price.csv"
    text = path.read_text(encoding="utf-8").replace("统计期,同比,环比", "统计期,=SUM(A1),环比", 1)
    path.write_text(text.replace("2023-12,100.1,100.2", "2023-12,-0.5,100.2"), encoding="utf-8")
    ok, text, output = build(site)
    assert ok, text
    rows = list(csv.reader(io.StringIO(read(output, "tjj/series/price.csv").removeprefix("\ufeff"))))
    assert rows[0] == ["统计期", "'=SUM(A1)", "环比"] and ["2023-12", "-0.5", "100.2"] in rows
    assert_no_formula(cell for row in rows for cell in row)


# 3. YAML -----------------------------------------------------------------------------------------

def test_an_alias_bomb_in_front_matter_is_refused_at_once(site):
    path = site / NOTICE
    edit(path, "department: 办公室", "department: 办公室\n" + BOMB.replace("\n", "\n", 1))
    started = time.monotonic()
    refused(site, path, "b: &b", "b[0]", "不能使用锚点和别名")
    assert time.monotonic() - started < 20


def test_an_alias_bomb_in_a_data_file_is_bounded(site):
    path = site / "data/units/tjj/annual/2023.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + BOMB.replace("a:", "x_a:"), encoding="utf-8")
    started = time.monotonic()
    ok, report = check(site)
    assert not ok and "展开后超过" in report, report
    assert time.monotonic() - started < 20


@pytest.mark.parametrize("relative, old, new, marker, field, words", [
    (NOTICE, "department: 办公室", "expiry_date: 2030-01-01\ndepartment: 办公室\nexpiry_date: 2031-01-01",
     "expiry_date: 2031", "expiry_date", ("重复", "第")),
    (NOTICE, "department: 办公室", "department: 办公室\n~: 5", "~: 5", "-", ("字段名",)),
    (NOTICE, "department: 办公室", "department: 办公室\nx: " + "[" * 50 + "]" * 50, "x: [[[", "-", ("嵌套超过",)),
    ("content/tjj/normative/a.md", "type: normative", "type: normative\nrepeals: 5", "repeals: 5", "repeals", ("列表",)),
    (NOTICE, "department: 办公室", "department: 办公室\nattachments: 5", "attachments: 5", "attachments", ("列表",)),
    ("content/tjj/statistics/a.md", "type: statistics", "type: statistics\ndatasets: 5", "datasets: 5", "datasets", ("列表",)),
    (NOTICE, "index_number: CSX-TJJ/2026-00002", "index_number: [CSX-TJJ/2026-00002]", "index_number:", "index_number", ("文字",)),
])
def test_careless_front_matter_is_an_error_not_a_traceback(site, relative, old, new, marker, field, words):
    path = site / relative
    edit(path, old, new)
    refused(site, path, marker, field, *words)


def test_non_finite_numbers_are_refused(site):
    path = site / "data/units/tjj/annual/2023.yaml"
    edit(path, "fees: 1.5", "fees: .nan")
    ok, report = check(site)
    assert not ok
    assert any(row.startswith(f"{shown(path).as_posix()}:{line_of(path, 'fees: .nan')}: ") and "不是有效的数值" in row
               for row in report.splitlines()), report


def test_a_broken_holidays_file_is_an_error(site):
    path = site / "data/holidays.yaml"
    path.write_text("国庆: 2026-10-01\n", encoding="utf-8")
    ok, report = check(site)
    assert not ok and "holidays.yaml:1: -: " in report and "日期的列表" in report, report


# 4. What passes check builds -----------------------------------------------------------------------

@pytest.mark.parametrize("page, slug, template, field, reported, words", [
    ("content/pages/about.md", "catalog", None, "slug", None, ("重名",)),
    ("content/pages/about.md", "tjj", None, "slug", None, ("重名",)),
    ("content/pages/about.md", "accessibility", None, "slug", "content/pages/accessibility.md", ("重复",)),
    ("content/tjj/pages/extra.md", "powers", None, "slug", None, ("重名",)),
    ("content/tjj/pages/extra.md", "normative", None, "slug", None, ("重名",)),
    ("content/tjj/pages/extra.md", "guide", None, "slug", "content/tjj/pages/guide.md", ("重复",)),
    ("content/pages/about.md", "about", "guide", "template", None, ("只能用于单位的页面",)),
    ("content/tjj/pages/extra.md", "extra", "listing", "template", None, ("不是页面模板",)),
])
def test_page_slugs_and_templates_that_would_break_the_build(site, page, slug, template, field, reported, words):
    path = site / page
    path.write_text(f"---\ntitle: 页面\nslug: {slug}\n" + (f"template: {template}\n" if template else "") + "---\n\n正文。\n",
                    encoding="utf-8")
    refused(site, site / (reported or page), field + ":", field, *words)


def test_a_category_slug_may_not_take_a_generated_folder(site):
    path = site / "data/taxonomy.yaml"
    edit(path, "  - slug: statistics", "  - slug: powers")
    edit(path, "  - category: statistics", "  - category: powers")
    refused(site, path, "- slug: powers", "categories[5].slug", "冲突")


def test_the_home_page_columns_name_real_categories(site):
    path = site / "data/taxonomy.yaml"
    edit(path, "  - category: notices", "  - category: missing")
    refused(site, path, "category: missing", "active_disclosure[9].category", "不在 categories 中")


def test_departments_and_power_kinds_may_not_share_a_slug(site):
    path = site / AGENCY
    edit(path, "{name: 办公室, functions:", "{name: 办公室, slug: office, functions:")
    edit(path, "{name: 综合科, functions:", "{name: 综合科, slug: office, functions:")
    refused(site, path, "综合科", "departments[1].slug", "重复")
    taxonomy = site / "data/taxonomy.yaml"
    edit(taxonomy, "{name: 行政处罚, slug: penalty}", "{name: 行政处罚, slug: licensing}")
    ok, report = check(site)
    expect(report, shown(taxonomy), line_of(taxonomy, "行政处罚, slug: licensing"), "power_kinds[1].slug", "重复")


def test_datasets_and_chart_series_must_name_a_csv(tmp_path):
    site = make_site(tmp_path, "series")
    statistics = site / "content/tjj/statistics/a.md"
    edit(statistics, "datasets: [price.csv, output.csv]", "datasets: [price.yaml, output.csv]")
    interpretation = site / "content/tjj/interpretations/a.md"
    edit(interpretation, "series: price.csv", "series: price.yaml")
    (site / "data/units/tjj/series/notes.txt").write_text("x", encoding="utf-8")
    ok, report = check(site)
    assert not ok
    expect(report, shown(statistics), line_of(statistics, "datasets:"), "datasets[0]", "不是数据序列的文件名")
    expect(report, shown(interpretation), line_of(interpretation, "series: price.yaml"), "chart.series", "不是数据序列的文件名")
    assert "notes.txt:1: -: " in report


@pytest.mark.parametrize("character", ["\u000b", "\u0000", "\u2028"])
def test_control_characters_are_refused_with_their_line(site, character):
    path = append_body(site, NOTICE, f"第一行{character}第二行")
    refused(site, path, "第一行", "-", f"U+{ord(character):04X}")


def test_an_unexpected_exception_is_an_internal_error_naming_the_file(site, monkeypatch):
    from disclosure.model import relations

    def broken(site_, record):
        if record.path.endswith("documents/a.md"):
            raise KeyError("boom")
    monkeypatch.setattr(relations, "_check_body_links", broken)
    ok, report = check(site)
    assert not ok and "Traceback" not in report
    expect(report, shown(site / DOC), 1, "-", "内部错误", "KeyError")
    ok, text, _ = build(site)
    assert not ok and "内部错误" in text and "documents/a.md" in text


# 5. Placeholders and 文号 ---------------------------------------------------------------------------

def test_placeholders_of_invoke_new_are_errors_until_replaced(site):
    import datetime

    path, = scaffold.new("normative", "测试县统计数据管理办法", config=CONFIG, today=datetime.date(2026, 11, 20), site_root=site)
    ok, report = check(site)
    assert not ok
    expect(report, shown(path), line_of(path, "doc_number:"), "doc_number", "占位文字", "请填写文号")
    expect(report, shown(path), line_of(path, "（在这里写正文"), "正文", "占位文字")
    edit(path, "doc_number: 请填写文号", "doc_number: 测统〔2026〕8号")
    edit(path, "（在这里写正文。标题用“一、”“（一）”，每项任务后写“责任科室：”。）", "第一条 本办法自发布之日起施行。")
    ok, report = check(site)
    assert ok, report


@pytest.mark.parametrize("number, severity, words", [
    ("测统[2023]1号", "警告：", ("测统〔2023〕1号",)),
    ("测统（2023）01号", "警告：", ("测统〔2023〕1号",)),
    ("测统〔2023〕第1号", "", ("GB/T 9704",)),
    ("2023年第一号", "", ("GB/T 9704",)),
])
def test_doc_numbers_have_the_gbt_9704_form(site, number, severity, words):
    path = site / "content/tjj/normative/a.md"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("doc_number:"))
    edit(path, old, f"doc_number: {number}")
    ok, report = check(site)
    assert ok == bool(severity), report
    expect(report, shown(path), line_of(path, "doc_number:"), "doc_number", severity + "文号", *words)


# 6. PII -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["联系人手机 138<b>1234</b>5678。", "电话 １３８１２３４５６７８", "138&#49;2345678", "138**1234**5678",
                                  "电话 １３８　１２３４　５６７８", "电话 １３８－１２３４－５６７８"])
def test_personal_numbers_hidden_by_markup_or_full_width_digits_are_found(site, text):
    path = append_body(site, NOTICE, text)
    refused(site, path, text[:4], "正文", "手机号码")


def test_personal_numbers_in_data_files_are_found(site):
    path = site / AGENCY
    edit(path, "office_hours: 工作日 9:00—17:00", "office_hours: 工作日 9:00—17:00（值班手机 13812345678）")
    refused(site, path, "值班手机", "office_hours", "手机号码")
    edit(path, "name: 测试县统计局\n", "name: 测试县统计局\npii_allow: [{value: '13812345678', reason: 公开的值班电话}]\n")
    assert check(site)[0]


# 7. The swap --------------------------------------------------------------------------------------------

def test_stale_staging_is_removed_and_the_output_is_world_readable(site):
    stale = site / ".output-999999999-dead"
    (stale / "doc").mkdir(parents=True)
    ok, text, output = build(site)
    assert ok, text
    assert not stale.exists()
    assert oct(os.stat(output).st_mode & 0o777) == "0o755"
    assert [p.name for p in site.iterdir() if p.name.startswith(".output-")] == []


def test_a_swap_killed_between_its_renames_gets_the_old_site_back(tmp_path):
    target = tmp_path / "output"
    old = tmp_path / ".output-999999999-abc-old"
    old.mkdir()
    (old / "index.html").write_text("old site", encoding="utf-8")
    building.remove_stale(target)
    assert (target / "index.html").read_text(encoding="utf-8") == "old site"


def test_the_swap_exchanges_the_trees_so_output_is_never_missing(tmp_path):
    target, staging = tmp_path / "output", tmp_path / ".output-1-new"
    for folder, text in ((target, "old"), (staging, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    swapping.swap(staging, target)
    assert (target / "index.html").read_text(encoding="utf-8") == "new"
