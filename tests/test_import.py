"""invoke import: 公文 in Word, PDF, OFD and text become items that pass the real check.

Every input is built here, in 公文 style (GB/T 9704-2012), for the fictional 示例区. The .pdf is
converted from the .docx by LibreOffice once per module; the text file and the .ofd are typeset
by this module with hard wraps and page breaks, as extraction tools and OFD writers leave them.
"""

import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from PIL import Image, ImageDraw

from disclosure.tools.commands import CommandFailed
from disclosure.tools.importer.extract import convert_with_libreoffice
from disclosure.tools.importer.run import import_files
from support import check, config_for, invoke

TODAY = __import__("datetime").date(2026, 11, 20)
DOC_NUMBER = "示统〔2024〕7号"
TITLE = "示例区统计局关于印发2024年统计数据开放工作实施方案的通知"
BODY_SIZE, TITLE_SIZE, MASTHEAD_SIZE = 16, 22, 30
CHARS_PER_LINE = 28  # GB/T 9704: 28 characters a line, 22 lines a page
LINES_PER_PAGE = 22

# (role, text) in reading order. Roles: masthead, number (文号), title, addressee, body, h1 (黑体),
# h2 (楷体), lead (楷体 lead + 仿宋 text, split by "|"), attachment, signature, date, note, colophon.
DOCUMENT = [
    ("masthead", "示例区统计局文件"),
    ("number", "示统［2024］ 7号"),
    ("title", "示例区统计局关于印发2024年统计数据"),
    ("title", "开放工作实施方案的通知"),
    ("addressee", "局机关各科室，各统计调查队："),
    ("body", "现将《示例区2024年统计数据开放工作实施方案》印发给你们，请结合各自职责认真抓好落实，"
             "执行中遇到的问题请及时向局办公室反映。"),
    ("h1", "一、工作目标"),
    ("body", "围绕统计数据开放的重点任务，按月发布主要统计指标，做到发布及时、口径清晰、解读到位，"
             "让企业和群众看得到、看得懂、用得上。"),
    ("h1", "二、主要任务"),
    ("h2", "（一）完善发布日历"),
    ("body", "每年一月公布全年数据发布日历；发布时间确需调整的，提前五个工作日在门户网站说明理由。"),
    ("lead", "（二）规范数据解读。|每次发布主要指标时同步发布解读材料，说明指标含义、计算方法和变动原因。"),
    ("lead", "1.加强月度解读。|月度数据发布后两个工作日内完成解读，重点说明同比和环比变化的主要因素。"),
    ("body", "2.做好年度分析"),
    ("body", "（1）季度数据在季后第一个月的十五日前发布；"),
    ("body", "（2）年度数据在次年三月底前发布。"),
    ("h1", "三、保障措施"),
    ("body", "各科室要明确专人负责，建立工作台账，确保各项任务按时完成。"),
    ("attachment", "附件：1.示例区2024年统计数据发布日历"),
    ("attachment", "2.示例区统计数据解读材料参考格式（供局机关各科室和各统计调查队使用）"),
    ("signature", "示例区统计局"),
    ("date", "二〇二四年三月十五日"),
    ("note", "（此件公开发布）"),
    ("colophon", "抄送：示例区人民政府办公室。"),
    ("colophon", "示例区统计局办公室　　　　　　　　2024年3月15日印发"),
]
EXPECTED_BODY = [
    "## 一、工作目标",
    "## 二、主要任务",
    "### （一）完善发布日历",
    "### （二）规范数据解读\n\n每次发布主要指标时同步发布解读材料，说明指标含义、计算方法和变动原因。",
    "**1.加强月度解读。**月度数据发布后两个工作日内完成解读，重点说明同比和环比变化的主要因素。",
    "#### 2.做好年度分析",
    "1. 季度数据在季后第一个月的十五日前发布；\n2. 年度数据在次年三月底前发布。",
    "围绕统计数据开放的重点任务，按月发布主要统计指标，做到发布及时、口径清晰、解读到位，让企业和群众看得到、看得懂、用得上。",
]
FONTS = {"masthead": "方正小标宋简体", "title": "方正小标宋简体", "h1": "黑体", "h2": "楷体_GB2312"}


def add_paragraph(document, text, font="仿宋_GB2312", size=BODY_SIZE, bold=False):
    paragraph = document.add_paragraph()
    for part, part_font in zip(text.split("|"), (font, "仿宋_GB2312")):
        run = paragraph.add_run(part)
        run.font.size, run.bold = Pt(size), bold
        run.font.name = part_font
        run._element.rPr.rFonts.set(qn("w:eastAsia"), part_font)
    return paragraph


def make_docx(path, parts=DOCUMENT):
    """A .docx as a clerk types it: levels by direct formatting, the 落款 aligned right."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    for role, text in parts:
        size = {"masthead": MASTHEAD_SIZE, "title": TITLE_SIZE}.get(role, BODY_SIZE)
        font = FONTS.get(role, "楷体_GB2312" if role == "lead" else "仿宋_GB2312")
        paragraph = add_paragraph(document, text, font, size)
        fmt = paragraph.paragraph_format
        if role in ("masthead", "number", "title"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif role in ("signature", "date"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.right_indent = Pt(BODY_SIZE * 4)
        elif role not in ("addressee", "colophon"):
            fmt.first_line_indent = Pt(BODY_SIZE * 2)
    document.save(path)
    return path


def typeset(parts=DOCUMENT, gap_lines=(12,)):
    """Pages of (indent in characters, text, size) lines, wrapped at 28 characters like a printed 公文."""
    lines = []
    for role, text in parts:
        text = text.replace("|", "")
        if role in ("masthead", "number", "title"):
            size = {"masthead": MASTHEAD_SIZE, "title": TITLE_SIZE}.get(role, BODY_SIZE)
            lines.append(((CHARS_PER_LINE - len(text) * size / BODY_SIZE) / 2, text, size))
        elif role in ("signature", "date"):
            lines.append((CHARS_PER_LINE - len(text) - 4, text, BODY_SIZE))
        else:
            indent = 0 if role in ("addressee", "colophon") else 2
            hanging = 5 if role == "attachment" and text[0].isdigit() else 0
            first = CHARS_PER_LINE - indent - hanging
            lines.append((indent + hanging, text[:first], BODY_SIZE))
            for start in range(first, len(text), CHARS_PER_LINE - hanging):
                lines.append((hanging, text[start:start + CHARS_PER_LINE - hanging], BODY_SIZE))
    return [lines[start:start + LINES_PER_PAGE] for start in range(0, len(lines), LINES_PER_PAGE)]


def make_text(path):
    """What a PDF-to-text tool leaves: every line broken, no indentation, a page number and
    blank lines between pages, so a sentence runs across the gap."""
    pages = typeset()
    chunks = ["\n".join(text for _, text, _ in page) + f"\n\n— {number} —\n\n" for number, page in enumerate(pages, 1)]
    path.write_text("".join(chunks), encoding="utf-8")
    return path


OFD_NS = "http://www.ofdspec.org/2016"
MM_PER_POINT = 25.4 / 72


def make_ofd(path, parts=DOCUMENT):
    """A minimal OFD (GB/T 33190): OFD.xml → Document.xml → one Content.xml per page, each line a
    TextObject in millimetres, A4 with the 公文 margins."""
    files = {"OFD.xml": f'<ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
                        f'<ofd:DocID>0001</ofd:DocID><ofd:Title>{TITLE}</ofd:Title></ofd:DocInfo>'
                        f'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'}
    pages, object_id = [], 100
    for number, page in enumerate(typeset(parts)):
        objects, y = [], 37.0
        for indent, text, size in page:
            height = size * MM_PER_POINT
            body_char = BODY_SIZE * MM_PER_POINT
            y += height * 1.5
            object_id += 1
            deltas = " ".join([f"{height:.2f}"] * (len(text) - 1))
            objects.append(f'<ofd:TextObject ID="{object_id}" Boundary="{28 + indent * body_char:.2f} {y - height:.2f} '
                           f'{len(text) * height:.2f} {height * 1.2:.2f}" Font="2" Size="{height:.2f}">'
                           f'<ofd:TextCode X="0" Y="{height:.2f}" DeltaX="{deltas}">{text}</ofd:TextCode></ofd:TextObject>')
        files[f"Doc_0/Pages/Page_{number}/Content.xml"] = (f'<ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer ID="{number + 3}">'
                                                           + "".join(objects) + "</ofd:Layer></ofd:Content></ofd:Page>")
        pages.append(f'<ofd:Page ID="{number + 10}" BaseLoc="Pages/Page_{number}/Content.xml"/>')
    files["Doc_0/Document.xml"] = (f'<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData><ofd:MaxUnitID>{object_id}</ofd:MaxUnitID>'
                                   '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                                   '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>'
                                   f'<ofd:Pages>{"".join(pages)}</ofd:Pages></ofd:Document>')
    files["Doc_0/PublicRes.xml"] = (f'<ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
                                    '<ofd:Font ID="2" FontName="仿宋" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>')
    with zipfile.ZipFile(path, "w") as package:
        for name, xml in files.items():
            package.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>\n' + xml)
    return path


@pytest.fixture(scope="module")
def originals(tmp_path_factory):
    """The document as .docx, as .pdf (LibreOffice, once for the module), as text and as .ofd."""
    folder = tmp_path_factory.mktemp("originals")
    word = make_docx(folder / "示统〔2024〕7号.docx")
    pdf = convert_with_libreoffice(word, "pdf", folder)
    old_word = convert_with_libreoffice(word, "doc", folder)
    wps = shutil.copy(old_word, folder / "wps-saved.wps")  # WPS's own .wps is the Word 97 binary format
    return {"docx": word, "pdf": pdf, "doc": old_word, "wps": Path(wps), "txt": make_text(folder / "extracted.txt"),
            "ofd": make_ofd(folder / "example.ofd")}


def run_import(site, *paths, **options):
    out = io.StringIO()
    outcomes = import_files([str(p) for p in paths], site_root=site, today=TODAY, out=out, **options)
    return outcomes, out.getvalue()


def written(outcome):
    return Path(outcome.path).read_text(encoding="utf-8")


def front(text, key):
    found = re.search(rf"^{key}: (.*)$", text, re.M)
    return found and found.group(1)


@pytest.mark.parametrize("kind", ["docx", "pdf", "txt", "ofd", "doc", "wps"])
def test_each_format_becomes_one_valid_item_with_the_parts_of_the_gongwen(site, originals, kind):
    (outcome,), printed = run_import(site, originals[kind])
    text = written(outcome)
    assert outcome.path.parent == site / "content" / "tjj" / "plans"  # 印发……实施方案的通知 → plan
    assert front(text, "title") == TITLE  # two title lines joined
    assert front(text, "doc_number") == DOC_NUMBER  # ［］ and the space normalised
    assert front(text, "written_date") == "2024-03-15"  # 二〇二四年三月十五日
    assert front(text, "issuer") == "示例区统计局"
    assert front(text, "index_number") == "CSX-TJJ/2026-00004"
    body = text.split("\n---\n", 1)[1]
    for block in EXPECTED_BODY:
        assert block in body, f"{block!r} not in:\n{body}"
    assert "现将《示例区2024年统计数据开放工作实施方案》印发给你们" in body
    assert "（此件公开发布）" in body
    for not_body in ("抄送", "印发\n", "局机关各科室，各统计调查队", "二〇二四年"):
        assert not_body not in body
    assert "— 2 —" not in body
    ok, report = check(site)
    assert ok, report
    assert re.search(rf"已写入：.*plans/csx-tjj-2026-00004\.md（来自 .*{originals[kind].name}）", printed)
    assert "类型按文种“方案”猜为 plan" in printed and f"文号：{DOC_NUMBER}" in printed


def test_attachment_note_and_the_original_as_attachments(site, originals):
    (outcome,), printed = run_import(site, originals["pdf"])
    text = written(outcome)
    kept = site / "content" / "tjj" / "attachments" / "2026" / "csx-tjj-2026-00004.pdf"
    assert kept.read_bytes() == originals["pdf"].read_bytes()
    assert f"  - title: {TITLE}（原件）\n    file: 2026/csx-tjj-2026-00004.pdf" in text
    assert "附件1：示例区2024年统计数据发布日历（见原件）" in text
    assert "附件2：示例区统计数据解读材料参考格式（供局机关各科室和各统计调查队使用）（见原件）" in text  # wrapped item joined
    assert "附件说明中的附件都指向原件" in printed


def test_text_has_no_original_so_its_attachment_note_stays_in_the_body(site, originals):
    (outcome,), printed = run_import(site, originals["txt"])
    text = written(outcome)
    assert "attachments:" not in text
    assert "附件：1.示例区2024年统计数据发布日历　2.示例区统计数据解读材料参考格式" in text
    assert not list((site / "content" / "tjj" / "attachments").glob("2026/*"))
    assert "文本文件没有原件可附" in printed


def test_a_sentence_split_by_a_page_break_after_an_opening_that_ends_in_a_colon_is_joined(site, tmp_path):
    opening = "为做好本年度统计数据开放工作，提升数据发布的及时性和准确性，结合本局实际，制定实施方案如下："
    source = tmp_path / "page-break.txt"
    source.write_text("\n\n".join([
        "示例区统计局2024年统计数据开放工作实施方案", opening, "一、总体要求",
        "坚持依法公开、及时准确，按照统一的发布日历发布统计数据，做好数据解读，及时回应社会关切，不断提高统计数据的公信",
        "— 2 —", "力和使用价值。", "示例区统计局", "2024年3月15日"]), encoding="utf-8")
    (outcome,), _ = run_import(site, source)
    assert "不断提高统计数据的公信力和使用价值。" in written(outcome)


def test_attachments_printed_after_the_signature_follow_the_body_under_their_own_headings(site, tmp_path):
    source = tmp_path / "with-appendix.txt"
    source.write_text("\n".join([
        DOC_NUMBER, "示例区统计局关于公布2024年统计数据发布日历的通知", "各科室：", "现将发布日历印发给你们。",
        "附件：示例区2024年统计数据发布日历", "示例区统计局 2024年3月15日", "（此件公开发布）",
        "附件", "示例区2024年统计数据发布日历", "一、月度数据", "每月十五日前发布上月数据。",
        "抄送：示例区人民政府办公室。", "示例区统计局办公室 2024年3月15日印发"]), encoding="utf-8")
    (outcome,), printed = run_import(site, source)
    text = written(outcome)
    assert outcome.path.parent.name == "notices" and front(text, "issuer") == "示例区统计局"
    assert front(text, "written_date") == "2024-03-15"
    assert "（此件公开发布）\n\n## 附件　示例区2024年统计数据发布日历\n\n## 一、月度数据\n\n每月十五日前发布上月数据。\n" in text
    assert "抄送" not in text and "落款之后的附件内容已接在正文末尾" in printed
    ok, report = check(site)
    assert ok, report


def test_a_rerun_and_another_format_of_the_same_document_write_nothing(site, originals):
    run_import(site, originals["docx"])
    outcomes, printed = run_import(site, originals["docx"], originals["pdf"])
    assert [o.status for o in outcomes] == ["skipped", "skipped"]
    assert "同一文件已导入为" in printed and "标题和文号相同" in printed
    assert len(list((site / "content" / "tjj" / "plans").glob("csx-tjj-2026-*.md"))) == 1
    assert len(list((site / "content" / "tjj" / "attachments" / "2026").iterdir())) == 1


def test_a_folder_is_imported_at_once_with_a_summary(site, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for number, title in enumerate(("关于开展统计执法检查的通知", "示例区统计局2025年工作总结", "示例区统计数据质量管理办法")):
        parts = [("number", f"示统〔2025〕{number + 1}号"), ("title", title), ("body", "全文一句话说明事项。"),
                 ("signature", "示例区统计局"), ("date", "2025年6月3日")]
        make_docx(folder / f"{number}.docx", parts)
    (folder / "notes.md").write_text("不是公文", encoding="utf-8")
    outcomes, printed = run_import(site, folder)
    assert [o.path.parent.name for o in outcomes] == ["notices", "plans", "documents"]
    assert [o.path.stem for o in outcomes] == ["csx-tjj-2026-00004", "csx-tjj-2026-00005", "csx-tjj-2026-00006"]
    assert "可能是行政规范性文件，但原文没有写明施行日期，所以按 document（其他文件）写入" in printed
    assert "导入完成：共 3 个文件，导入 3 个（其中 3 个需要核对），跳过 0 个（已导入过），未导入 0 个。" in printed
    ok, report = check(site)
    assert ok, report


def test_automatic_word_numbering_keeps_the_levels(site, tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(  # 一、 then （一） one level down, as a clerk sets it up in Word
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    add_paragraph(document, "示例区统计局2025年统计工作要点", "方正小标宋简体", TITLE_SIZE).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for level, text in ((0, "总体要求"), (1, "工作目标"), (1, "明确分工"), (0, "保障措施"), (1, "加强领导")):
        numbered = add_paragraph(document, text, "黑体" if level == 0 else "楷体_GB2312")._p.get_or_add_pPr().get_or_add_numPr()
        numbered.get_or_add_ilvl().val, numbered.get_or_add_numId().val = level, 90
    add_paragraph(document, "2025年1月6日")
    document.save(tmp_path / "numbered.docx")
    (outcome,), _ = run_import(site, tmp_path / "numbered.docx")
    assert "## 一、总体要求\n\n### （一）工作目标\n\n### （二）明确分工\n\n## 二、保障措施\n\n### （一）加强领导" in written(outcome)


def test_a_normative_document_with_its_effective_date_in_the_text(site, tmp_path):
    parts = [("number", "示统规〔2025〕2号"), ("title", "示例区统计数据质量管理办法"),
             ("body", "第一条　为保证统计数据质量，制定本办法。"), ("body", "第二条　本办法自2025年7月1日起施行。"),
             ("signature", "示例区统计局"), ("date", "2025年6月3日")]
    (outcome,), printed = run_import(site, make_docx(tmp_path / "rule.docx", parts))
    text = written(outcome)
    assert outcome.path.parent.name == "normative"
    assert front(text, "effective_date") == "2025-07-01"
    assert "**第二条**　本办法自2025年7月1日起施行。" in text
    assert "请确认它确属规范性文件" in printed
    ok, report = check(site)
    assert ok, report


def test_a_scanned_pdf_is_refused_with_a_clear_message(site, tmp_path):
    scan = tmp_path / "scan.pdf"
    page = Image.new("RGB", (595, 842), "white")
    ImageDraw.Draw(page).rectangle((80, 120, 515, 160), fill="black")  # a line of "text" that is only pixels
    page.save(scan)
    printed = refused(site, scan)
    assert "原因：这是扫描件（PDF 里只有图片，没有文字层），无法提取文字" in printed
    assert not list((site / "content").rglob("csx-tjj-2026-*.md"))


def refused(site, path):
    """What an import that refuses its file prints; the command fails."""
    out = io.StringIO()
    with pytest.raises(CommandFailed, match="1 个文件未导入"):
        import_files([str(path)], site_root=site, today=TODAY, out=out)
    return out.getvalue()


def test_personal_information_is_reported_with_its_line_and_nothing_is_written(site, tmp_path):
    source = tmp_path / "with-phone.txt"
    source.write_text(f"{DOC_NUMBER}\n{TITLE}\n各科室：\n请与联系人联系，手机13812345678。\n示例区统计局\n2024年3月15日\n",
                      encoding="utf-8")
    printed = refused(site, source)
    assert re.search(r"with-phone\.txt:4: 正文: 第4行有疑似手机号码“13812345678”，不应公开。", printed)
    assert not list((site / "content").rglob("csx-tjj-2026-*.md"))


def test_the_invoke_command_imports_and_refuses_in_chinese(site, tmp_path, originals):
    config = config_for(site, tmp_path)
    done = invoke("import", str(originals["ofd"]), "--unit", "tjj", "--config", str(config))
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"已写入：\S*content/tjj/plans/csx-tjj-2026-\d{5}\.md", done.stdout)
    unknown = invoke("import", str(originals["ofd"]), "--unit", "swj", "--config", str(config))
    assert unknown.returncode == 1 and "没有网址名为“swj”的单位" in unknown.stderr
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    failed = invoke("import", str(broken), "--more", str(tmp_path / "missing.pdf"), "--config", str(config))
    assert failed.returncode == 1
    assert "找不到文件或文件夹" in failed.stderr and "Traceback" not in failed.stdout + failed.stderr
    failed = invoke("import", str(broken), "--config", str(config))
    assert failed.returncode == 1 and "无法读取 Word 文件" in failed.stdout and "Traceback" not in failed.stderr
