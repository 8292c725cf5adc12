"""invoke reply: 依申请公开 答复书 from local records, the 范本 pages, the tally, and keeping records private."""

import io
import re

import docx
import pytest
import yaml

from disclosure.data.replies import result_labels
from disclosure.model.schema import Schemas
from disclosure.tools import reply as replying
from disclosure.tools.commands import CommandFailed
from support import (
    CONFIG,
    build,
    check,
    config_for,
    edit,
    expect,
    git,
    invoke,
    line_of,
    read,
    shown,
    snapshot,
    text_of,
)

APPLICANT = "欧阳测试人"
REQUEST = "2025年全县统计调查项目清单及其审批文件"
REGULATION = "《中华人民共和国政府信息公开条例》"
# The article each result rests on, pinned here so that a change to data/reply_templates.yaml is deliberate.
EXPECTED_BASIS = {
    "granted": "第十三条第一款、第三十六条第（二）项",
    "partially_granted": "第三十七条",
    "withheld.state_secret": "第十四条、第三十六条第（三）项",
    "withheld.prohibited_by_law": "第十四条、第三十六条第（三）项",
    "withheld.security_stability": "第十四条、第三十六条第（三）项",
    "withheld.third_party_rights": "第十五条、第三十二条、第三十六条第（三）项",
    "withheld.internal_affairs": "第十六条第一款、第三十六条第（三）项",
    "withheld.process_information": "第十六条第二款、第三十六条第（三）项",
    "withheld.enforcement_files": "第十六条第二款、第三十六条第（三）项",
    "withheld.query_matters": "第三十六条第（七）项",
    "unavailable.not_held": "第三十六条第（四）项、第三十六条第（五）项",
    "unavailable.needs_creation": "第三十八条",
    "unavailable.still_unclear": "第二十九条第二款第（二）项、第三十条",
    "not_processed.petitions": "第三十九条第一款",
    "not_processed.repeated": "第三十六条第（六）项",
    "not_processed.publications": "第三十九条第二款",
    "not_processed.excessive": "第三十五条",
    "not_processed.confirmation": "第三十八条",
    "other_handling.no_correction": "第三十条",
    "other_handling.unpaid_fees": "第四十二条第一款",
    "other_handling.other": "第三十六条",
}
REMEDIES_BASIS = "第五十一条"
CITED = re.compile(re.escape(REGULATION) + r"(第.+?)(?:的规定|和《)")


def record(**changes):
    fields = {
        "number": "测统依复〔2026〕7号", "applicant": APPLICANT, "applicant_type": "natural_person",
        "received": "2026-03-02", "request": REQUEST, "result": "withheld.state_secret",
        "reason": "经审查，你申请获取的审批文件已依法确定为秘密级国家秘密。", "reply_date": "2026-03-20",
    }
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


def write_record(site, name="2026-007.yaml", **changes):
    path = site / "replies" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(record(**changes), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run_reply(site, path):
    """``invoke reply`` on a fixture site: (paths written or None, everything printed)."""
    out = io.StringIO()
    try:
        return replying.reply(path, CONFIG, out=out, site_root=site), out.getvalue()
    except CommandFailed as exc:
        return None, out.getvalue() + str(exc)


def letter_text(html):
    return text_of(html.split('<article class="reply-letter">')[1].split("</article>")[0])


def test_every_table_three_result_has_a_pinned_basis():
    assert list(EXPECTED_BASIS) == list(result_labels(Schemas()))


@pytest.mark.parametrize("result", EXPECTED_BASIS)
def test_a_letter_for_each_result_cites_its_article_and_the_remedies(site, result):
    written, printed = run_reply(site, write_record(site, result=result, applicant_type="business"))
    assert written, printed
    text = letter_text(written[0].read_text(encoding="utf-8"))
    assert CITED.findall(text) == [EXPECTED_BASIS[result], REMEDIES_BASIS]
    assert "你单位如对本答复不服" in text
    assert "自收到本答复之日起六十日内向测试县人民政府申请行政复议" in text
    assert "自收到本答复之日起六个月内向测试县人民法院提起行政诉讼" in text
    assert "请与测试县统计局办公室联系（地址：测试县测试路 1 号 101 室；电话：010-0000 2003；电子邮箱：gk@test.example）" in text
    assert text.startswith(f"测试县统计局 政府信息公开申请答复书 测统依复〔2026〕7号 {APPLICANT}：")
    assert text.endswith("测试县统计局 2026年3月20日")
    assert APPLICANT not in printed and REQUEST not in printed


def test_the_docx_opens_and_holds_the_same_letter(site):
    written, printed = run_reply(site, write_record(site, attachments=["审批文件目录", "统计调查项目清单"]))
    assert written, printed
    html, docx_path = written
    assert [p.name for p in written] == ["测统依复〔2026〕7号.html", "测统依复〔2026〕7号.docx"]
    document = docx.Document(docx_path)
    in_docx = "".join(p.text for p in document.paragraphs)
    assert re.sub(r"\s", "", in_docx) == re.sub(r"\s", "", letter_text(html.read_text(encoding="utf-8")))
    assert "附件：1．审批文件目录" in in_docx and "2．统计调查项目清单" in in_docx
    page = document.sections[0]
    assert (round(page.page_width.mm), round(page.page_height.mm)) == (210, 297)
    assert (round(page.top_margin.mm), round(page.left_margin.mm)) == (37, 28)
    body = document.styles["Normal"].element.rPr.rFonts
    assert body.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋_GB2312"
    assert document.paragraphs[0].style.font.name == "方正小标宋简体"


def test_the_html_letter_is_self_contained_and_prints_on_a4(site):
    written, printed = run_reply(site, write_record(site))
    html = written[0].read_text(encoding="utf-8")
    assert "default-src 'none'" in html
    assert not re.search(r"""(?:src|href)=|url\(|@import""", html)  # nothing to fetch
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in html


def test_a_file_name_safe_number(site):
    written, printed = run_reply(site, write_record(site, number="测统依复/2026: 8号"))
    assert [p.name for p in written] == ["测统依复_2026_8号.html", "测统依复_2026_8号.docx"]


BROKEN = [
    # (change to the record, marker of the line (None: a missing key, reported at line 1), field, words)
    ({"unit": "no-such-unit"}, "unit:", "unit", ["no-such-unit", "tjj"]),
    ({"result": "withheld.secret"}, "result:", "result", ["withheld.secret", "withheld.state_secret"]),
    ({"applicant_type": "person"}, "applicant_type:", "applicant_type", ["person", "natural_person（自然人）"]),
    ({"received": "2026-02-30"}, "received:", "received", ["2026-02-30", "YYYY-MM-DD"]),
    ({"reply_date": "2026-03-01"}, "reply_date:", "reply_date", ["2026-03-01", "早于收到申请日期 2026-03-02"]),
    ({"number": None}, None, "number", ["缺少必填字段 number"]),
    ({"reason": None}, None, "reason", ["缺少必填字段 reason"]),
    ({"applicant": [APPLICANT]}, "applicant:", "applicant", ["应为文字"]),
]


@pytest.mark.parametrize("change, marker, field, words", BROKEN, ids=[next(iter(b[0])) for b in BROKEN])
def test_a_bad_record_reports_path_line_and_field(site, change, marker, field, words):
    path = write_record(site, **change)
    written, printed = run_reply(site, path)
    assert written is None
    expect(printed, shown(path), line_of(path, marker) if marker else 1, field, *words)
    assert "Traceback" not in printed and APPLICANT not in printed
    assert not list((site / "replies").glob("*.html"))


def test_a_record_outside_replies_is_refused(site):
    path = write_record(site)
    outside = site / "data" / path.name
    path.rename(outside)
    written, printed = run_reply(site, outside)
    assert written is None and f"应放在 {shown(site / 'replies')}/ 中" in printed


def test_a_granted_reply_needs_no_reason(site):
    written, printed = run_reply(site, write_record(site, result="granted", reason=None))
    assert written, printed
    assert "办理结果：予以公开" in printed


def figures(printed, label):
    line = next(line for line in printed.splitlines() if line.rstrip().endswith(label))
    return [int(figure) for figure in line.split()[:7]]


def test_tally_counts_a_year_in_the_order_of_table_three(site):
    write_record(site, "a.yaml", received="2025-12-20", reply_date="2026-01-10", result="granted")
    write_record(site, "b.yaml", applicant_type="business", received="2026-03-01", reply_date="2026-03-20")
    write_record(site, "c.yaml", received="2026-12-28", reply_date="2027-01-05", result="not_processed.repeated")
    write_record(site, "d.yaml", received="2026-02-01", reply_date="2026-02-10", result="granted")
    before = snapshot(site / "data")
    out = io.StringIO()
    replying.tally(2026, CONFIG, out=out, site_root=site)
    printed = out.getvalue()
    assert figures(printed, "一、本年新收政府信息公开申请数量") == [2, 1, 0, 0, 0, 0, 3]
    assert figures(printed, "二、上年结转政府信息公开申请数量") == [1, 0, 0, 0, 0, 0, 1]
    assert figures(printed, "（一）予以公开") == [2, 0, 0, 0, 0, 0, 2]
    assert figures(printed, "（三）不予公开 1.属于国家秘密") == [0, 1, 0, 0, 0, 0, 1]
    assert figures(printed, "（五）不予处理 2.重复申请") == [0, 0, 0, 0, 0, 0, 0]
    assert figures(printed, "（七）总计") == [2, 1, 0, 0, 0, 0, 3]
    assert figures(printed, "四、结转下年度继续办理") == [1, 0, 0, 0, 0, 0, 1]
    labels = [line.split("  ")[-1].strip() for line in printed.splitlines()[2:]]
    assert labels.index("（一）予以公开") < labels.index("（三）不予公开 1.属于国家秘密") < labels.index("（七）总计")
    assert APPLICANT not in printed and REQUEST not in printed
    assert snapshot(site / "data") == before  # it only prints


def test_the_command_line(site, tmp_path):
    config = str(config_for(site, tmp_path))
    path = write_record(site)
    made = invoke("reply", "--config", config, str(path))
    assert made.returncode == 0, made.stdout + made.stderr
    assert "已写入" in made.stdout and APPLICANT not in made.stdout + made.stderr
    counted = invoke("reply", "--config", config, "--tally", "2026")
    assert counted.returncode == 0, counted.stdout + counted.stderr
    assert figures(counted.stdout, "（七）总计") == [1, 0, 0, 0, 0, 0, 1]


def test_a_committed_record_fails_the_check(site, monkeypatch):
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "测试员")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "ci@test.example")
    git(site, "init", "-q")
    path = write_record(site)
    run_reply(site, path)
    ok, report = check(site)
    assert ok, report  # on the clerk's machine, untracked: fine
    git(site, "add", "-f", "replies")
    git(site, "commit", "-q", "-m", "误把答复记录提交了")
    ok, report = check(site)
    assert not ok
    for committed in sorted((site / "replies").iterdir()):
        expect(report, shown(committed), 1, "-", "git rm --cached", "replies/")
    assert APPLICANT not in report
    git(site, "rm", "-q", "-r", "--cached", "replies")
    ok, report = check(site)
    assert ok, report


def test_reply_looking_files_in_content_or_data_fail_the_check(site):
    record_in_data = write_record(site)
    record_in_data = record_in_data.rename(site / "data" / "letters.yaml")
    letter = site / "content" / "attachments" / "replies" / "测统依复〔2026〕7号.html"
    letter.parent.mkdir(parents=True)
    letter.write_text("<p>答复书</p>", encoding="utf-8")
    ok, report = check(site)
    assert not ok
    for misplaced in (record_in_data, letter):
        expect(report, shown(misplaced), 1, "-", "答复记录或答复书", "replies/")


def test_a_site_build_never_contains_the_applicant(site):
    run_reply(site, write_record(site, attachments=["审批文件目录"]))
    ok, printed, output = build(site)
    assert ok, printed
    assert (output / "tjj" / "apply" / "templates" / "withheld-state-secret" / "index.html").is_file()
    for name, data in snapshot(output).items():
        assert APPLICANT.encode() not in data and REQUEST.encode() not in data, name


def test_template_errors_name_file_line_and_field(site):
    path = site / "data" / "reply_templates.yaml"
    edit(path, "basis: [第三十七条]", "basis: [第三十七条第（二）项]")
    edit(path, "  withheld.state_secret:", "  withheld.state_secrets:")
    edit(path, "decision: \"{you}申请获取的政府信息属于行政执法案卷信息。", "decision: \"{applicant}申请获取的政府信息属于行政执法案卷信息。")
    ok, report = check(site)
    assert not ok
    expect(report, shown(path), line_of(path, "第三十七条第（二）项"), "templates.partially_granted.basis[0]",
           "第三十七条第（二）项", "没有分项")
    expect(report, shown(path), line_of(path, "withheld.state_secrets:"), "templates.withheld.state_secrets",
           "未知的办理结果")
    expect(report, shown(path), line_of(path, "templates:"), "templates", "缺少办理结果 withheld.state_secret")
    expect(report, shown(path), line_of(path, "{applicant}申请获取"), "templates.withheld.enforcement_files.decision",
           "{applicant}")


def test_the_apply_page_lists_every_standard_format(commerce):
    site, output = commerce
    apply_page = read(output, "swj/apply/index.html")
    links = re.findall(r'<th scope="row"><a href="\.\./\.\./(swj/apply/templates/[a-z-]+/)">', apply_page)
    assert len(links) == len(EXPECTED_BASIS) and len(set(links)) == len(links)
    assert "第十五条、第三十二条、第三十六条第（三）项" in apply_page
    index = read(output, "swj/apply/templates/index.html")
    assert re.findall(r'<a href="\.\./\.\./\.\./(swj/apply/templates/[a-z-]+/)">', index) == links


def test_a_standard_format_page_has_blanks_and_the_articles(commerce):
    site, output = commerce
    text = text_of(read(output, "swj/apply/templates/unavailable-still-unclear/index.html"))
    assert "＿＿＿＿＿＿： 本机关于＿＿＿＿年＿＿月＿＿日收到你（单位）提出的政府信息公开申请" in text
    assert "六十日内向样例市人民政府申请行政复议" in text and "六个月内向样例市样例区人民法院提起行政诉讼" in text
    assert "样例市商务局 ＿＿＿＿年＿＿月＿＿日" in text
    assert "第二十九条 公民、法人或者其他组织申请获取政府信息的" in text
    assert "（二）申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；" in text
    assert "第五十一条 公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的" in text
