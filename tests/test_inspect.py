"""invoke inspect: the 自查 of every unit and the portal against data/inspection.yaml.

The ``inspection`` fixture is a two-unit city: at the support build date (2026-11-22) the 统计局's
通知公告 have been silent since 2026-04-10 (7 months: 单项否决) and the 商务局 has no 年度报告
(a blank fixed column); everything else is in order.
"""

import datetime
import io
import json
import os
import shutil

import pytest

from disclosure.load import load_site
from disclosure.model.calendar import working_days_between
from disclosure.tools import inspect
from disclosure.tools.commands import CommandFailed, settings_for
from support import BUILD_DATE, CONFIG, ROOT, build, check, config_for, edit, expect, invoke, line_of, make_site, shown

STALE = ("测试市统计局", "通知公告")
BLANK = ("测试市商务局", "政府信息公开工作年度报告")


def inspected_site(folder):
    """A copy of the fixture with the project's inspection thresholds."""
    site = make_site(folder, "inspection")
    shutil.copy(ROOT / "data" / "inspection.yaml", site / "data" / "inspection.yaml")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture built once at the support build date: (site folder, output folder). Tests only read it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("BUILD_DATE", raising=False)
        site = inspected_site(tmp_path_factory.mktemp("inspected"))
        ok, text, output = build(site)
    assert ok, text
    return site, output


def run(site, report, output=None, build_date=BUILD_DATE, config=CONFIG):
    """Inspect a site; returns (passed, printed summary, report.json's data)."""
    out = io.StringIO()
    try:
        inspect.inspect(config, output=output, report_dir=report, out=out, site_root=site, BUILD_DATE=build_date)
        passed = True
    except CommandFailed as exc:
        passed, _ = False, out.write(str(exc))
    data = json.loads((report / "report.json").read_text(encoding="utf-8")) if (report / "report.json").exists() else None
    return passed, out.getvalue(), data


def findings(data, check=None, level=None):
    return [f for f in data["findings"] if (check is None or f["check"] == check) and (level is None or f["level"] == level)]


def content_findings(site, build_date=BUILD_DATE):
    """The checks that need no build, on a fresh load of the site."""
    loaded = load_site(settings_for(CONFIG, site, BUILD_DATE=build_date))
    assert not loaded.problems.errors, loaded.problems.report()
    return [f.as_dict() for f in inspect.inspect_content(loaded, loaded.inspection.data)]


def test_a_stale_column_and_a_blank_one_are_named_by_unit_and_column_and_fail_the_inspection(built, tmp_path):
    site, output = built
    passed, printed, data = run(site, tmp_path, output)
    assert not passed and not data["passed"]
    assert "【单项否决】1 项" in printed and "自查未通过：有 1 项单项否决" in printed
    stale = findings(data, "栏目不更新")
    assert [(f["unit"], f["column"], f["level"]) for f in stale] == [(*STALE, "单项否决")]
    assert "测试市统计局的“通知公告”栏目" in printed and "最近一次更新是 2026-04-10" in printed and "超过 6 个月" in printed
    blank = findings(data, "空白栏目")
    assert [(f["unit"], f["column"]) for f in blank] == [BLANK]
    assert "测试市商务局的“政府信息公开工作年度报告”栏目（swj/reports/）" in printed
    assert data["date"] == BUILD_DATE and data["counts"]["单项否决"] == 1
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    for unit, column in (STALE, BLANK):
        assert f"<td>{unit}</td><td>{column}</td>" in report
    assert '<th scope="row">栏目不更新</th>' in report and (tmp_path / "report.css").is_file()
    assert "style=" not in report and "<script" not in report


def test_only_the_findings_of_the_fixture_and_nothing_else(built, tmp_path):
    """The fixture is otherwise in order: no 公开时限, 政策解读 or 意见征集 finding, the identity marks are configured."""
    site, output = built
    _, _, data = run(site, tmp_path, output)
    assert {f["check"] for f in data["findings"]} == {"栏目不更新", "空白栏目", "网站标识", "链接可用性"}
    assert [f["level"] for f in findings(data, "网站标识")] == ["提醒"]  # no 党政机关标识 configured
    assert [f["level"] for f in findings(data, "链接可用性")] == ["提醒"]  # built without SITEURL


def test_the_calendar_alone_makes_the_column_stale(built, tmp_path):
    """An inspection on a day sees the site of that day: the items dated later are not published yet
    (定时发布), so they are moved before it, and only 统计局's 通知公告 (2026-04-10) ages past 6 months."""
    _, output = built
    site = inspected_site(tmp_path)
    for path, old in [("tjj/normative/2026.md", "2026-10-12"), ("tjj/interpretations/2026.md", "2026-10-13"),
                      ("swj/notices/2026.md", "2026-11-16")]:
        edit(site / "content" / path, f"publish_date: {old}", "publish_date: 2026-10-09")
    passed, printed, data = run(site, tmp_path / "report", output, build_date="2026-10-10")  # 6 months after 2026-04-10
    assert not findings(data, "栏目不更新")
    assert passed, printed
    passed, _, data = run(site, tmp_path / "report", output, build_date="2026-10-11")
    assert not passed and [f["column"] for f in findings(data, "栏目不更新")] == ["通知公告"]


def test_thresholds_are_data(built, tmp_path):
    """A new edition of the 检查指标 is an edit of data/inspection.yaml, not of code."""
    site, output = built
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("output", "cache"))
    edit(copy / "data" / "inspection.yaml", "  veto_at: 1\n", "  veto_at: 2\n")
    passed, printed, data = run(copy, tmp_path / "report", output)
    assert passed, printed
    assert [f["level"] for f in findings(data, "栏目不更新")] == ["问题"]
    edit(copy / "data" / "inspection.yaml", "within: {months: 6}", "within: {months: 8}")
    _, _, data = run(copy, tmp_path / "report", output)
    assert not findings(data, "栏目不更新")


def test_invoke_inspect_exits_non_zero_naming_the_silent_column_and_its_unit(tmp_path):
    site = inspected_site(tmp_path)
    config = config_for(site, tmp_path)
    done = invoke("inspect", "--config", str(config), env=dict(os.environ, BUILD_DATE=BUILD_DATE))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "测试市统计局的“通知公告”栏目" in done.stdout and "测试市商务局的“政府信息公开工作年度报告”栏目" in done.stdout
    assert "失败：自查未通过" in done.stderr
    data = json.loads((site / "inspection" / "report.json").read_text(encoding="utf-8"))
    assert data["passed"] is False and (site / "inspection" / "report.html").is_file()


def test_the_sample_passes_at_its_own_newest_date(tmp_path):
    sample = load_site(settings_for(CONFIG))
    newest = max(r.publish_date for r in sample.records).isoformat()
    passed, printed, data = run(None, tmp_path, build_date=newest)
    assert passed, printed
    assert data["counts"]["单项否决"] == 0 and not findings(data, "栏目不更新") and not findings(data, "网页标签")


def test_deadlines_interpretations_consultations_and_review(tmp_path):
    site = inspected_site(tmp_path)
    assert not {f["check"] for f in content_findings(site)} & {"公开时限", "政策解读", "意见征集", "有效期届满", "定期评估"}
    tjj, swj = site / "content" / "tjj", site / "content" / "swj"
    edit(tjj / "normative" / "2025.md", "publish_date: 2025-05-06\n", "publish_date: 2025-05-06\nwritten_date: 2025-03-03\n")
    edit(tjj / "interpretations" / "2026.md", "publish_date: 2026-10-13", "publish_date: 2026-10-19")
    edit(tjj / "consultations" / "2025.md", "closes: 2025-09-30", "closes: 2025-09-20")
    edit(swj / "normative" / "2026.md", "effective_date: 2026-10-01\n", "effective_date: 2026-10-01\nexpiry_date: 2026-12-20\n")
    (swj / "interpretations" / "2026.md").unlink()
    found = {(f["check"], f["level"], f["where"]): f["message"] for f in content_findings(site)}

    def one(check, path, key, *words):
        where = f"{shown(path)}:{line_of(path, key)}"
        assert (check, level_of[check], where) in found, (where, found)
        assert all(word in found[(check, level_of[check], where)] for word in words), found[(check, level_of[check], where)]

    level_of = {"公开时限": "问题", "政策解读": "问题", "意见征集": "问题", "有效期届满": "提醒"}
    late = working_days_between(datetime.date(2025, 3, 3), datetime.date(2025, 5, 6), load_site(settings_for(CONFIG, site)).holidays)
    assert late > 20
    one("公开时限", tjj / "normative" / "2025.md", "publish_date:", f"晚了 {late} 个工作日", "第二十六条")
    one("政策解读", tjj / "interpretations" / "2026.md", "publish_date:", "晚 5 个工作日", "3 个工作日内")
    one("政策解读", swj / "normative" / "2026.md", "index_number:", "没有政策解读")
    one("意见征集", tjj / "consultations" / "2025.md", "closes:", "只有 20 天", "少于 30 天", "short_reason")
    one("有效期届满", swj / "normative" / "2026.md", "expiry_date:", "将于 2026-12-20 失效", "还有 28 天")

    edit(tjj / "consultations" / "2025.md", "closes: 2025-09-20\n", "closes: 2025-09-20\nshort_reason: 上级部门要求在9月底前报送，征求意见期缩短为20日。\n")
    assert not [f for f in content_findings(site) if f["check"] == "意见征集"]


def test_documents_in_force_for_years_without_an_expiry_are_due_for_review(tmp_path):
    site = inspected_site(tmp_path)
    found = [f for f in content_findings(site, build_date="2030-07-01") if f["check"] == "定期评估"]
    assert [f["level"] for f in found] == ["提醒", "提醒"]  # the two 2025 documents, in force since mid-2025
    assert all("已满 5 年，没有有效期" in f["message"] for f in found)


def test_identity_marks_that_are_missing(tmp_path):
    site = inspected_site(tmp_path)
    edit(site / "data" / "site.yaml", "error_report: https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={site_code}&url={url}\n", "")
    edit(site / "data" / "site.yaml", "  - https://beian.mps.gov.cn/\n", "")
    messages = [f["message"] for f in content_findings(site) if f["check"] == "网站标识"]
    assert any("没有纠错地址（error_report）" in m for m in messages)
    assert any("公安备案号没有链接到备案查询页面" in m and "https://beian.mps.gov.cn/" in m for m in messages)


def test_broken_links_and_pages_without_their_tags_in_a_built_site(built, tmp_path):
    site, output = built
    copy = tmp_path / "output"
    shutil.copytree(output, copy)
    page = copy / "tjj" / "notices" / "index.html"
    html = page.read_text(encoding="utf-8")
    column_type = next(line for line in html.splitlines() if 'name="ColumnType"' in line)
    page.write_text(html.replace(column_type + "\n", "").replace("</main>", '<a href="../gone/">不存在</a></main>'), encoding="utf-8")
    _, _, data = run(site, tmp_path / "report", copy)
    tags = findings(data, "网页标签")
    assert len(tags) == 1 and tags[0]["message"].startswith("1 个页面缺少网页标签 ColumnType") and tags[0]["level"] == "问题"
    broken = [f for f in findings(data, "链接可用性") if f["level"] == "问题"]
    assert len(broken) == 1 and "../gone/" in broken[0]["message"] and "tjj/notices/index.html" in broken[0]["where"]


def test_errors_in_the_inspection_file_follow_the_error_contract(tmp_path):
    site = inspected_site(tmp_path)
    path = site / "data" / "inspection.yaml"
    edit(path, "categories: [notices, normative]", "categories: [notices, normativ]")
    edit(path, "within: {weeks: 2}\n\n# 栏目不更新", "within: {weeks: 2, days: 3}\n\n# 栏目不更新")
    ok, report = check(site)
    assert not ok
    expect(report, shown(path), line_of(path, "normativ]"), "columns.kinds[1].categories[1]", "“normativ”", "taxonomy.yaml")
    expect(report, shown(path), line_of(path, "days: 3}"), "home.within", "期限应只写一项")


def test_a_site_without_thresholds_is_told_where_to_get_them(tmp_path):
    site = make_site(tmp_path, "inspection")
    passed, printed, data = run(site, tmp_path / "report")
    assert not passed and data is None
    assert "找不到自查的检查指标文件" in printed and "inspection.yaml" in printed
