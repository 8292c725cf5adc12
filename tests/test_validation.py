"""The error contract: one `path:line: field: message` per problem, in Chinese, non-zero exit."""

import re

import pytest

from support import build, check, config_for, edit, expect_broken, invoke, snapshot


def test_minimal_fixture_is_clean(site):
    ok, report = check(site)
    assert ok, report
    assert "检查通过" in report


BROKEN = [
    # (file, old text, new text, marker to find the line, field, words in the message)
    ("normative/a.md", "genre: 办法", "genre: [办法", "genre: [办法", "-", ["YAML 语法错误", "方括号"]),
    ("normative/a.md", "genre: 办法", "genre: 办法\n  bad: indent", "bad: indent", "-", ["YAML 语法错误"]),
    ("normative/a.md", "genre: 办法", "genre: 办法\ntitel: 多余", "titel:", "titel", ["未知字段", "titel"]),
    ("normative/a.md", "publish_date: 2020-03-02", "publsh_date: 2020-03-02", "publsh_date", "publsh_date", ["您是不是要写 publish_date"]),
    ("normative/a.md", "keywords: [统计调查]", "keywords: 统计调查", "keywords:", "keywords", ["应为列表", "统计调查"]),
    ("normative/a.md", "type: normative", "type: normativ", "type:", "type", ["normativ", "normative"]),
    ("normative/a.md", "publish_date: 2020-03-02", "publish_date: 2020-02-30", "publish_date", "publish_date", ["2020-02-30", "YYYY-MM-DD"]),
    ("normative/a.md", "publish_date: 2020-03-02", "publish_date: 2020/03/02", "publish_date", "publish_date", ["2020/03/02"]),
    ("normative/a.md", "written_date: 2020-02-27", "written_date: 2020-03-27", "written_date", "written_date", ["成文日期不能晚于发布日期"]),
    ("normative/a.md", "genre: 办法", "genre: 办法法", "genre:", "genre", ["体裁分类", "办法法"]),
    ("normative/a.md", "department: 综合科", "department: 不存在科", "department:", "department", ["不存在科"]),
    ("normative/a.md", "topic: 国民经济管理、国有资产监管/统计", "topic: 统计", "topic:", "topic", ["主题分类", "统计"]),
    ("normative/b.md", "effective_date: 2021-06-01", "effective_date: 2021-05-01", "effective_date", "effective_date", ["施行日期不能早于成文日期"]),
    ("interpretations/c.md", "interprets: [CSX-TJJ/2023-00001]", "interprets: [CSX-TJJ/2099-00001]", "interprets", "interprets[0]", ["CSX-TJJ/2099-00001", "找不到"]),
    ("consultations/a.md", "feedback: CSX-TJJ/2026-00002", "feedback: CSX-TJJ/2026-09999", "feedback", "feedback", ["CSX-TJJ/2026-09999"]),
    ("normative/c.md", "file: 2023/form.txt", "file: 2023/missing.pdf", "missing.pdf", "attachments[0].file", ["2023/missing.pdf", "不存在"]),
    ("normative/c.md", "file: 2023/form.txt", "file: ../../data/agency.yaml", "agency.yaml", "attachments[0].file", ["content/tjj/attachments/"]),
    ("normative/c.md", "({doc}CSX-TJJ/2021-00001)", "({doc}CSX-TJJ/2021-09999)", "2021-09999", "正文", ["CSX-TJJ/2021-09999"]),
    ("documents/a.md", "办公室统一受理", "申请人身份证号 11010519491231002X 已登记", "11010519491231002X", "正文", ["身份证号", "pii_allow"]),
    ("documents/a.md", "办公室统一受理", "联系人手机 13812345678", "13812345678", "正文", ["手机号码"]),
    ("documents/a.md", "办公室统一受理", "退款账号 6222 0212 3456 7890 128", "6222", "正文", ["银行卡号"]),
    ("documents/a.md", "title: 测试县", "title: 手机13812345678测试县", "title:", "title", ["手机号码"]),
    ("normative/d.md", "index_number: CSX-TJJ/2024-00001", "index_number: CSX-TJJ/2024-1", "index_number", "index_number", ["格式不对", "CSX-TJJ/2024-00001"]),
]


@pytest.mark.parametrize("name, old, new, marker, field, words", BROKEN, ids=[b[2][:24] for b in BROKEN])
def test_each_error_class_names_file_line_and_field(site, name, old, new, marker, field, words):
    path = site / "content" / "tjj" / name
    report = expect_broken(site, (path, old, new), (path, marker, field, *words))
    assert re.search(r"共发现 [1-9]\d* 个错误", report)


def test_missing_required_key_is_reported(site):
    path = site / "content" / "tjj" / "normative" / "b.md"
    expect_broken(site, (path, "doc_number: 测统〔2021〕1号\n", ""), (path, 2, "doc_number", "缺少必填字段 doc_number（文号）"))


def test_an_optional_field_left_empty_is_absent_and_a_required_one_is_missing(site):
    """The web editor saves a field a clerk cleared as ''; YAML reads ``key:`` as null."""
    path = site / "content" / "tjj" / "normative" / "a.md"
    edit(path, "genre: 办法\n", "genre: 办法\nexpiry_date: ''\nsummary:\n")
    ok, report = check(site)
    assert ok, report
    expect_broken(site, (path, "doc_number: 测统〔2020〕1号", "doc_number: ''"), (path, "doc_number:", "doc_number"))


def test_duplicate_index_numbers_name_both_files(site):
    path = site / "content" / "tjj" / "normative" / "d.md"
    expect_broken(site, (path, "index_number: CSX-TJJ/2024-00001", "index_number: CSX-TJJ/2023-00001"),
                  (path, "index_number", "index_number", "重复", "normative/c.md"))


def test_non_utf8_file_is_an_error(site):
    path = site / "content" / "tjj" / "notices" / "gbk.md"
    expect_broken(site, (path, None, "---\ntitle: 通知\n---\n中文".encode("gbk")), (path, 4, "-", "UTF-8"))


def test_pii_allow_lets_a_published_value_through(site):
    path = site / "content" / "tjj" / "documents" / "a.md"
    expect_broken(site, (path, "办公室统一受理", "值班手机 13812345678"), (path, "13812345678", "正文", "手机号码", "pii_allow"))
    edit(path, "department: 办公室", "department: 办公室\npii_allow:\n  - {value: \"13812345678\", reason: 对外公布的值班电话}")
    ok, report = check(site)
    assert ok, report


def test_all_problems_come_out_in_one_run(site):
    normative, document, plan = (site / "content" / "tjj" / name for name in ("normative/a.md", "documents/a.md", "plans/a.md"))
    expect_broken(site, [(normative, "genre: 办法", "genre: 办法法"), (document, "genre: 规定", "genre: 规定\ncolour: 红"),
                         (plan, "publish_date: 2024-03-01", "publish_date: 2024-13-01")],
                  (normative, "genre: 办法法", "genre", "办法法"), (document, "colour:", "colour", "未知字段"),
                  (plan, "publish_date:", "publish_date", "2024-13-01"), errors=3)


def test_failed_build_leaves_previous_output_untouched(site):
    ok, text, _ = build(site)
    assert ok, text
    path = site / "content" / "tjj" / "normative" / "a.md"
    expect_broken(site, (path, "genre: 办法", "genre: [办法"), (path, "genre: [办法", "-", "YAML 语法错误"), via_build=True)


def test_invoke_check_fails_without_traceback(site, tmp_path):
    edit(site / "content" / "tjj" / "normative" / "a.md", "type: normative", "type: normativ")
    result = invoke("check", "--config", str(config_for(site, tmp_path)))
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert re.search(r"normative/a\.md:\d+: type: ", result.stdout)
    assert "共发现 1 个错误" in result.stdout


def test_no_file_in_content_is_silently_left_out(site):
    (site / "content" / "tjj" / "misc").mkdir()
    note = (site / "content" / "tjj" / "notices" / "a.md").read_text(encoding="utf-8").replace("2026-00002", "2026-00009")
    draft = site / "content" / "tjj" / "notices" / "draft.markdown"
    stray = site / "content" / "kjj" / "a.md"
    stray.parent.mkdir()
    expect_broken(site, [(site / "content" / "tjj" / "misc" / "note.md", None, note), (draft, None, "---\ntitle: x\n---\n"),
                         (stray, None, note)],
                  (draft, 1, "-", "不支持的文件类型", ".markdown"),
                  (stray.parent, 1, "-", "content/kjj/ 不是已登记的单位", "data/units/kjj/agency.yaml"))
    stray.unlink()
    stray.parent.rmdir()
    draft.unlink()
    ok, text, output = build(site)
    assert ok, text
    assert (output / "doc" / "csx-tjj-2026-00009" / "index.html").is_file()


def test_a_page_template_that_does_not_exist_is_an_error(site):
    path = site / "content" / "pages" / "about.md"
    expect_broken(site, (path, "slug: about", "slug: about\ntemplate: no_such_page"),
                  (path, "template:", "template", "no_such_page", "不存在"))


def test_a_large_folder_checked_on_every_core_reports_and_builds_as_one_process_does(site, monkeypatch):
    """Above PARALLEL_FROM files a unit's folder is checked by forked workers; here every folder is."""
    import os

    from disclosure.model import content

    folder = site / "content" / "tjj" / "normative"
    edit(folder / "a.md", "genre: 办法", "genre: 办法法")  # an error, in a worker
    edit(folder / "b.md", "effective_date: 2021-06-01", "effective_date: 2021-05-01")
    (folder / "broken.md").write_text("---\ntitle: [未闭合\n---\n正文\n", encoding="utf-8")  # unreadable: no record
    serial_ok, serial = check(site)
    assert not serial_ok and "办法法" in serial and "broken.md" in serial
    assert (os.cpu_count() or 1) >= 2, "the workers need two cores"
    monkeypatch.setattr(content, "PARALLEL_FROM", 1)
    parallel_ok, parallel = check(site)
    assert (parallel_ok, parallel) == (serial_ok, serial)
    edit(folder / "a.md", "genre: 办法法", "genre: 办法")
    edit(folder / "b.md", "effective_date: 2021-05-01", "effective_date: 2021-06-01")
    (folder / "broken.md").unlink()
    ok, text, output = build(site)
    assert ok, text
    monkeypatch.setattr(content, "PARALLEL_FROM", 10**9)
    ok, text, again = build(site, output=site / "serial-output")
    assert ok, text
    assert snapshot(output) == snapshot(again), "records from the workers build the same site, byte for byte"
