"""invoke reply: a 依申请公开 答复书 from a local record, as A4 HTML and .docx; ``tally`` counts a year.

Records live in replies/ at the site's root, which git ignores and the build never reads. What this
prints never includes a record's personal data: only the files written and the result, or counts.
"""

import re
import sys
import unicodedata
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from jinja2 import Environment, FileSystemLoader
from lxml import etree

from ..data.annual import CARRIED_FORWARD, CARRIED_OVER, RECEIVED, RESULTS, section
from ..data.replies import (
    TEMPLATES_FILE,
    annual_schema,
    applicant_types,
    fill,
    load_templates,
    particulars,
    read_record,
    result_labels,
    units,
)
from ..model.problems import Problems
from ..model.reply_guard import RECORDS_DIR
from ..model.schema import Schemas
from ..model.source import display_path
from ..views.annual import RESULTS_TOTAL, TOTAL
from .commands import CommandFailed, settings_for

LETTER_TEMPLATE = "reply_letter.html"
STYLESHEET = Path("static") / "css" / "reply-letter.css"
UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')  # what Windows, macOS or Linux refuse
# GB/T 9704-2012 on A4: a 156 mm × 225 mm type area, 22 lines of 3号 (16 pt) 仿宋; the title in 2号 (22 pt) 小标宋.
PAGE = {"page_width": Mm(210), "page_height": Mm(297),
        "top_margin": Mm(37), "bottom_margin": Mm(35), "left_margin": Mm(28), "right_margin": Mm(26)}
BODY_FONT, BODY_SIZE = "仿宋_GB2312", Pt(16)
TITLE_FONT, TITLE_SIZE = "方正小标宋简体", Pt(22)
TITLE_STYLE = "答复书标题"
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines
FALLBACK_FONTS = {BODY_FONT: "仿宋", TITLE_FONT: "宋体"}  # where a machine lacks the 公文 fonts
GB2312_CHARSET = "86"
SIGNATURE_INDENT = 4  # characters left free right of the 落款, as in GB/T 9704


def _folders(config, site_root):
    """The site's root, its data and theme folders, and its settings, as the build finds them."""
    settings = settings_for(config, site_root)
    root = Path(settings["PATH"]).parent
    return root, Path(settings.get("DISCLOSURE_DATA_PATH") or root / "data"), Path(settings["THEME"]), settings


def reply(record, config="pelicanconf.py", out=sys.stdout, site_root=None):
    """Write replies/<number>.html and .docx for one record; return their paths."""
    root, data_dir, theme, settings = _folders(config, site_root)
    record, folder = Path(record), root / RECORDS_DIR
    if not record.resolve().is_relative_to(folder.resolve()):
        raise CommandFailed(f"答复记录含有个人信息，应放在 {display_path(folder)}/ 中（该文件夹不提交 git，也不发布）："
                            f"{display_path(record)} 不在其中。")
    if not record.is_file():
        raise CommandFailed(f"找不到答复记录 {display_path(record)}。")
    problems, schemas = Problems(), Schemas()
    templates = load_templates(data_dir / TEMPLATES_FILE, schemas, problems)
    found = read_record(record, schemas, units(data_dir, schemas, problems), problems)
    if problems.fails():
        print(problems.report(), file=out)
        raise CommandFailed("没有生成答复书：请先改正上面的错误。")
    result = found.data["result"]
    letter = fill(templates, found.agency, result, particulars(templates, found))
    stem = file_stem(letter.number)
    html, docx = folder / f"{stem}.html", folder / f"{stem}.docx"
    html.write_text(letter_html(letter, theme, settings["JINJA_ENVIRONMENT"]), encoding="utf-8")
    letter_docx(letter, docx)
    for path in (html, docx):
        print(f"已写入：{display_path(path)}", file=out)
    print(f"办理结果：{templates.template(result)['name']}。请核对后打印、盖章。", file=out)
    return [html, docx]


def file_stem(number):
    """The 文号 as a file name on any system: 示统依复〔2026〕3号 stays as it is; / : * ? and spaces become _."""
    return UNSAFE_IN_FILE_NAMES.sub("_", number).strip("._") or "reply"


def letter_html(letter, theme, jinja_options):
    """One self-contained page: the stylesheet inlined, nothing fetched."""
    environment = Environment(loader=FileSystemLoader(theme / "templates"), **jinja_options)
    stylesheet = (theme / STYLESHEET).read_text(encoding="utf-8")
    return environment.get_template(LETTER_TEMPLATE).render(letter=letter, stylesheet=stylesheet)


def letter_docx(letter, path):
    """The letter as .docx for Word and WPS: A4, GB/T 9704 margins, 公文 fonts, 22 lines a page."""
    document = Document()
    for name, length in PAGE.items():
        setattr(document.sections[0], name, length)
    _set_style(document.styles["Normal"], BODY_FONT, BODY_SIZE)
    _set_style(document.styles.add_style(TITLE_STYLE, WD_STYLE_TYPE.PARAGRAPH), TITLE_FONT, TITLE_SIZE)
    for line in (letter.sender, letter.title):
        document.add_paragraph(line, TITLE_STYLE).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(letter.number).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph()
    document.add_paragraph(f"{letter.addressee}：")
    for text in letter.paragraphs:
        document.add_paragraph(text).paragraph_format.first_line_indent = BODY_SIZE * 2
    if letter.attachments:
        document.add_paragraph()
        for number, attachment in enumerate(letter.attachments, start=1):
            # 附件： two characters in; further attachments line up under the first one's number.
            line = document.add_paragraph(f"{'附件：' if number == 1 else ''}{number}．{attachment}").paragraph_format
            line.left_indent = BODY_SIZE * 5
            line.first_line_indent = -BODY_SIZE * 3 if number == 1 else None
    document.add_paragraph()
    document.add_paragraph()  # room for the seal above the 落款
    for text in (letter.sender, letter.date):
        line = document.add_paragraph(text)
        line.alignment, line.paragraph_format.right_indent = WD_ALIGN_PARAGRAPH.RIGHT, BODY_SIZE * SIGNATURE_INDENT
    _declare_fallback_fonts(document)
    document.save(path)


def _set_style(style, font, size):
    style.font.name, style.font.size = font, size
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)  # CJK text uses eastAsia
    spacing = style.paragraph_format
    spacing.line_spacing_rule, spacing.line_spacing = WD_LINE_SPACING.EXACTLY, LINE_PITCH
    spacing.space_before = spacing.space_after = Pt(0)


def _declare_fallback_fonts(document):
    """Name 仿宋 and 宋体 in the font table as the stand-ins for the 公文 fonts (w:altName)."""
    table = next(rel.target_part for rel in document.part.rels.values()
                 if rel.reltype == RELATIONSHIP_TYPE.FONT_TABLE)
    fonts = parse_xml(table.blob)
    for name, fallback in FALLBACK_FONTS.items():
        font = OxmlElement("w:font", {qn("w:name"): name})
        font.append(OxmlElement("w:altName", {qn("w:val"): fallback}))
        font.append(OxmlElement("w:charset", {qn("w:val"): GB2312_CHARSET}))
        fonts.append(font)
    # python-docx keeps the font table as raw bytes and has no API for it.
    table._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def tally(year, config="pelicanconf.py", out=sys.stdout, site_root=None, unit=None):
    """Print table 三 for ``year`` from the records in replies/, for comparison with the register."""
    root, data_dir, _, _ = _folders(config, site_root)
    problems, schemas = Problems(), Schemas()
    known = units(data_dir, schemas, problems)
    paths = sorted((root / RECORDS_DIR).rglob("*.yaml"))
    records = [read_record(path, schemas, known, problems) for path in paths]
    if problems.fails():
        print(problems.report(), file=out)
        raise CommandFailed("没有统计：请先改正上面的错误，否则数字不完整。")
    records = [r for r in records if unit is None or r.unit == unit]
    rows = tally_rows(schemas, [r.data for r in records], year)
    print(f"{year}年依申请公开答复记录（{display_path(root / RECORDS_DIR)}/ 中 {len(records)} 份）："
          f"新收按收到申请日期、办理结果按答复日期所在年度计。", file=out)
    print(_table(applicant_types(schemas), rows), file=out)


def tally_rows(schemas, records, year):
    """(label, depth, counts by applicant type or None for a heading) in the order of table 三."""
    schema, types = annual_schema(schemas), applicant_types(schemas)

    def count(keep):
        counts = {key: sum(1 for r in records if r["applicant_type"] == key and keep(r)) for key in types}
        return dict(counts, **{TOTAL: sum(counts.values())})

    def title(path):
        return section(schema, path)["title"]

    def replied(r):
        return r["reply_date"].year == year

    return [
        (title(RECEIVED), 0, count(lambda r: r["received"].year == year)),
        (title(CARRIED_OVER), 0, count(lambda r: r["received"].year < year <= r["reply_date"].year)),
        (title(RESULTS), 0, None),
        *[(label, 1, count(lambda r, result=result: replied(r) and r["result"] == result))
          for result, label in result_labels(schemas).items()],
        (RESULTS_TOTAL, 1, count(replied)),
        (title(CARRIED_FORWARD), 0, count(lambda r: r["received"].year <= year < r["reply_date"].year)),
    ]


def _width(text):
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _table(types, rows):
    """Figures in right-aligned columns headed by the applicant types, each row's label after them."""
    headings = list(types.values()) + [TOTAL]
    widths = [_width(heading) for heading in headings]
    lines = ["  ".join(headings) + "  项目"]
    for label, depth, counts in rows:
        figures = ["" if counts is None else str(counts[key]) for key in [*types, TOTAL]]
        lines.append("  ".join(figure.rjust(width) for figure, width in zip(figures, widths)) + "  " + "  " * depth + label)
    return "\n".join(lines)
