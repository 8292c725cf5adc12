"""依申请公开 答复文书: the reply record contract, the standard wording and its legal basis.

All wording, one template per result of the annual report's table 三, and every citation of the
政府信息公开条例 live in data/reply_templates.yaml (checked here), so a lawyer reviews one file.
``fill`` words a letter from a checked record, or with blanks for the site's 范本 pages. Messages
about a record never quote its personal fields: records stay on the clerk's machine.
"""

import contextlib
import datetime
import difflib
import re
import string
from dataclasses import dataclass

from ..model.problems import Problems
from ..model.schema import field_label
from ..model.source import Source
from ..model.units import AGENCY_FILE, AGENCY_SCHEMA, UNITS_DIR
from .annual import RESULTS, SCHEMA as ANNUAL_SCHEMA, applicant_columns, at, rows, section

TEMPLATES_FILE = "reply_templates.yaml"
TEMPLATES_SCHEMA = "reply_templates.schema.json"
RECORD_SCHEMA = "reply.schema.json"
NATURAL_PERSON = "natural_person"
PERSONAL_FIELDS = {"applicant", "request", "reason", "attachments"}
QUOTED_VALUE = "，实际为"  # where schema messages start quoting the bad value
NUMERAL = "[一二三四五六七八九十]+"
CITATION = re.compile(rf"^(第{NUMERAL}条)(?:第({NUMERAL})款)?(?:第（({NUMERAL})）项)?$")
DIGITS = "一二三四五六七八九"
# The {…} each text may use, and those it must use (a decision without its basis is not a decision).
PLACEHOLDERS = {
    ("letter", "opening"): ({"received", "you", "request"}, set()),
    ("letter", "remedies", "text"): ({"you", "basis", "review_body", "court"}, {"basis", "review_body", "court"}),
    ("letter", "contact"): ({"office_name", "office_address", "office_phone", "office_email"}, set()),
}
DECISION_PLACEHOLDERS = ({"you", "basis"}, {"basis"})


@dataclass
class Reply:
    """A checked record: its data (dates as ``date``), its unit's slug and agency data."""

    source: Source
    unit: str
    agency: dict

    @property
    def data(self):
        return self.source.data


@dataclass
class Letter:
    """A reply letter's parts, in the order they are printed."""

    sender: str
    title: str
    number: str
    addressee: str
    paragraphs: list
    attachments: list
    date: str


@dataclass
class Templates:
    """The checked data/reply_templates.yaml."""

    data: dict

    def template(self, result):
        return self.data["templates"][result]

    def citation(self, basis):
        """``[第十四条, 第三十六条第（三）项]`` → 《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项."""
        return self.data["regulation"]["name"] + "、".join(basis)

    def articles(self, basis):
        """(article, its paragraphs) for every article the basis cites, in citation order."""
        cited = dict.fromkeys(CITATION.match(citation)[1] for citation in basis)
        return [(article, self.data["regulation"]["articles"][article]) for article in cited]


def annual_schema(schemas):
    return schemas.documents[ANNUAL_SCHEMA]


def result_labels(schemas):
    """Table 三's results in the schema's order, e.g. ``withheld.state_secret`` → （三）不予公开 1.属于国家秘密."""
    schema = annual_schema(schemas)
    return {".".join(path): " ".join(section(schema, RESULTS + path[:depth])["title"] for depth in range(1, len(path) + 1))
            for path in rows(schema, section(schema, RESULTS), ())}


def applicant_types(schemas):
    """Table 三's applicant columns: natural_person → 自然人, business → 商业企业, …"""
    return {key: spec["title"] for key, spec in applicant_columns(annual_schema(schemas))}


def units(data_dir, schemas, problems):
    """Every unit's checked agency data by slug (its folder under data/units/); the one lookup of a record's ``unit``."""
    found = {}
    for folder in sorted((data_dir / UNITS_DIR).glob("*/")):
        source, clean = schemas.check_file(folder / AGENCY_FILE, AGENCY_SCHEMA, problems)
        if clean:
            found[folder.name] = source.data
    return found


def load_templates(path, schemas, problems):
    """data/reply_templates.yaml checked against its schema, table 三 and its own articles; None if broken."""
    source, clean = schemas.check_file(path, TEMPLATES_SCHEMA, problems)
    if not clean:
        return None
    before = len(problems.errors)
    data = source.data

    def error(key_path, message):
        problems.error(source.path, source.line(*key_path), field_label(key_path), message)

    labels = result_labels(schemas)
    for result in (r for r in labels if r not in data["templates"]):
        error(("templates",), f"缺少办理结果 {result}（{labels[result]}）的范本：年度报告表三的每种办理结果都要有一个。")
    for result in (r for r in data["templates"] if r not in labels):
        error(("templates", result), f"未知的办理结果“{result}”，应为以下之一：{'、'.join(labels)}。")
    worded = [(key_path, at(data, key_path), *allowed) for key_path, allowed in PLACEHOLDERS.items()]
    worded += [(("templates", result, "decision"), template["decision"], *DECISION_PLACEHOLDERS)
               for result, template in data["templates"].items()]
    for key_path, text, allowed, required in worded:
        _check_placeholders(text, allowed, required, lambda message, key_path=key_path: error(key_path, message))
    cited = [(("letter", "remedies", "basis", number), citation)
             for number, citation in enumerate(data["letter"]["remedies"]["basis"])]
    cited += [(("templates", result, "basis", number), citation)
              for result, template in data["templates"].items() for number, citation in enumerate(template["basis"])]
    for key_path, citation in cited:
        problem = _unresolved(data["regulation"]["articles"], citation)
        if problem:
            error(key_path, f"依据“{citation}”{problem}：请对照条例原文核对，并在 regulation.articles 中写入该条原文。")
    return Templates(data) if len(problems.errors) == before else None


def _check_placeholders(text, allowed, required, error):
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        error("花括号 { } 没有成对：填写位置应写成 {you} 这样的形式。")
        return
    for name in sorted(used - allowed):
        error(f"不能使用填写位置 {{{name}}}，这里可用的有：{'、'.join('{' + n + '}' for n in sorted(allowed))}。")
    for name in sorted(required - used):
        error(f"缺少填写位置 {{{name}}}。")


def _unresolved(articles, citation):
    """Why a citation points nowhere in the checked article texts, or None when it resolves."""
    article, paragraph, item = CITATION.match(citation).groups()
    if article not in articles:
        return f"中的{article}不在 regulation.articles 中"
    paragraphs = articles[article]
    if paragraph and chinese_number(paragraph) > len(paragraphs):
        return f"引用了第{paragraph}款，而{article}只有 {len(paragraphs)} 款"
    if item:
        if not paragraph and len(paragraphs) > 1:
            return f"没有写明是{article}哪一款的项"
        items = paragraphs[chinese_number(paragraph) - 1 if paragraph else 0]
        count = len(items["items"]) if isinstance(items, dict) else 0
        if chinese_number(item) > count:
            return f"引用了第（{item}）项，而该款{f'只有 {count} 项' if count else '没有分项'}"
    return None


def chinese_number(text):
    """一 → 1, 十 → 10, 十六 → 16, 三十六 → 36: enough for article, paragraph and item numbers."""
    tens, ten, ones = text.partition("十")
    if not ten:
        return DIGITS.index(text) + 1
    return (DIGITS.index(tens) + 1 if tens else 1) * 10 + (DIGITS.index(ones) + 1 if ones else 0)


def chinese_numeral(number):
    """1 → 一, 10 → 十, 16 → 十六, 36 → 三十六: the inverse of ``chinese_number`` below 100."""
    tens, ones = divmod(number, 10)
    return (DIGITS[tens - 1] if tens > 1 else "") + ("十" if tens else "") + (DIGITS[ones - 1] if ones else "")


def read_record(path, schemas, known_units, problems):
    """A checked reply record, or None with every problem reported as path:line: field: message."""
    before, found = len(problems.errors), Problems()
    source, _ = schemas.check_file(path, RECORD_SCHEMA, found, personal=True)
    for problem in found.items:
        # Schema messages quote the bad value; a personal field's value (or a whole record) must not reach the screen.
        discreet = problem.field.partition("[")[0] in (PERSONAL_FIELDS | {""}) and QUOTED_VALUE in problem.message
        problems.error(problem.path, problem.line, problem.field,
                       problem.message.split(QUOTED_VALUE)[0] + "。" if discreet else problem.message)
    if source is None or not isinstance(source.data, dict):
        return None
    data = source.data

    def error(key_path, message):
        problems.error(source.path, source.line(*key_path), field_label(key_path), message)

    result, kind, results = data.get("result"), data.get("applicant_type"), list(result_labels(schemas))
    if isinstance(result, str) and result not in results:
        close = difflib.get_close_matches(result, results, n=1)
        hint = f"您是不是要写 {close[0]}？" if close else f"应为以下之一：{'、'.join(results)}。"
        error(("result",), f"办理结果“{result}”无效。{hint}各办理结果的名称见 data/reply_templates.yaml。")
    if isinstance(kind, str) and kind not in applicant_types(schemas):
        choices = "、".join(f"{key}（{label}）" for key, label in applicant_types(schemas).items())
        error(("applicant_type",), f"申请人类型“{kind}”无效，应为以下之一：{choices}。")
    unit = _unit(data.get("unit"), known_units, lambda message: error(("unit",), message))
    for key in ("received", "reply_date"):
        with contextlib.suppress(KeyError, TypeError, ValueError):  # a bad date is reported by the schema
            data[key] = datetime.date.fromisoformat(data[key])
    received, replied = data.get("received"), data.get("reply_date")
    if isinstance(received, datetime.date) and isinstance(replied, datetime.date) and replied < received:
        error(("reply_date",), f"答复日期 {replied} 早于收到申请日期 {received}：答复日期不能早于收到申请日期。")
    if len(problems.errors) > before or unit is None:
        return None
    return Reply(source, unit, known_units[unit])


def _unit(slug, known_units, error):
    """The record's unit: the one it names, or the site's only unit when it names none."""
    if slug is None:
        if len(known_units) == 1:
            return next(iter(known_units))
        if known_units:
            error(f"本站有多个单位，请写 unit，应为以下之一：{'、'.join(known_units)}。")
        return None
    if isinstance(slug, str) and slug not in known_units:
        error(f"未知单位“{slug}”，应为以下之一：{'、'.join(known_units) or '（无：data/units/ 中的 agency.yaml 有错误）'}。")
        return None
    return slug if isinstance(slug, str) else None


def chinese_date(day):
    return f"{day.year}年{day.month}月{day.day}日"


def particulars(templates, reply):
    """What one record puts into its letter."""
    data, address = reply.data, templates.data["address"]
    return {
        "you": address["natural_person" if data["applicant_type"] == NATURAL_PERSON else "organisation"],
        "number": data["number"], "applicant": data["applicant"], "request": data["request"],
        "received": chinese_date(data["received"]), "date": chinese_date(data["reply_date"]),
        "reason": data.get("reason", ""), "attachments": data.get("attachments", []),
    }


def blanks(templates):
    """Blanks for the particulars of a 范本."""
    blank = templates.data["blanks"]
    return {
        "you": templates.data["address"]["blank"], "number": blank["number"], "applicant": blank["applicant"],
        "request": blank["request"], "received": blank["date"], "date": blank["date"],
        "reason": blank["reason"], "attachments": [],
    }


def fill(templates, agency, result, given):
    """The letter for ``result`` from ``agency``, with the particulars ``given`` (a record's, or blanks)."""
    letter, template, office = templates.data["letter"], templates.template(result), agency["disclosure_office"]
    values = {
        "you": given["you"], "received": given["received"], "request": given["request"],
        "review_body": agency["review_body"], "court": agency["court"], "office_name": office["name"],
        "office_address": office["address"], "office_phone": office["phone"], "office_email": office["email"],
    }

    def word(text, basis=()):
        return text.format(**values, basis=templates.citation(basis))

    paragraphs = [word(letter["opening"])] + ([given["reason"]] if given["reason"] else [])
    paragraphs += [word(template["decision"], template["basis"]),
                   word(letter["remedies"]["text"], letter["remedies"]["basis"]), word(letter["contact"])]
    return Letter(sender=agency["name"], title=letter["title"], number=given["number"], addressee=given["applicant"],
                  paragraphs=paragraphs, attachments=list(given["attachments"]), date=given["date"])


def load(site):
    """data/reply_templates.yaml, checked into ``site.reply_templates`` (None without the file)."""
    path = site.data_dir / TEMPLATES_FILE
    site.reply_templates = load_templates(path, site.schemas, site.problems) if path.is_file() else None
