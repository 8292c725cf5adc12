"""政策资金公示: ``data/units/<unit>/funds/NAME.csv`` → checked tables; each ``funds`` item's
``dataset`` and ``total`` checked against its table.

A table has the five columns of the contract, in this order: 受益主体, 统一社会信用代码, 项目,
金额（万元）, 拨付日期 (UTF-8, one header row). A row without a 统一社会信用代码 is a natural person.
Their name is masked as the row is read (``model.pii.mask_name``: 张*, 欧阳*) and the full name is
never kept, so no page, download, export or search record can show it. While the unit is checked,
the full names are looked for where a clerk might also have typed them (the other cells of the
tables, and the title, summary, keywords and body of the unit's 政策资金 items): each is an error.

Every cell but a valid 统一社会信用代码 is scanned for personal information like every data file
(``model.pii``); a 身份证号 in the code column is refused, not taken for an organisation's code.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import pii
from ..model.placeholders import is_placeholder
from ..model.problems import processing
from ..model.source import SourceError, display_path, read_text
from .series import FILE_NAME, numbered_rows

FUNDS_DIR = "funds"
FUNDS = "funds"  # the item type
HEADER = ("受益主体", "统一社会信用代码", "项目", "金额（万元）", "拨付日期")
RECIPIENT, CODE, PROJECT, AMOUNT, DATE = range(len(HEADER))
AMOUNT_TEXT = re.compile(r"^[0-9]+(?:\.[0-9]{1,6})?$")  # 万元, to the 分 at most
DATE_TEXT = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
TEXT_KEYS = ("title", "summary", "keywords", "fund_source")  # where a funds item's front matter is read for full names


@dataclass(frozen=True)
class FundsRow:
    recipient: str  # as published: masked for a natural person
    credit_code: str  # "" for a natural person
    project: str
    amount: Decimal  # 万元
    date: datetime.date
    line: int

    @property
    def natural_person(self):
        return not self.credit_code


@dataclass
class FundsTable:
    name: str  # the CSV file name, as the item's ``dataset`` names it
    rows: list

    @property
    def total(self):
        return sum((row.amount for row in self.rows), Decimal(0))


def load(site):
    """Check every unit's funds/*.csv and ``funds`` items; keep valid tables in ``unit.funds``."""
    for unit in site.units.values():
        folder = unit.data_dir / FUNDS_DIR
        names = {}  # full name of a natural person → (table, line): kept only while the unit is checked
        projects = []  # (table, line, 项目) of every row read
        for path in sorted(folder.iterdir()) if folder.is_dir() else ():
            with processing(display_path(path)):
                table = _load_table(site.problems, path, names, projects)
            if table:
                unit.funds[table.name] = table
        for shown, line, project in projects:  # a name typed into another cell, e.g. 项目 “张三家庭农场补贴”
            _report_names(site.problems, shown, line, HEADER[PROJECT], project, names)
        for record in unit.records:
            if record.type == FUNDS:
                with processing(record.path):
                    _check_item(site, unit, record)
                    _check_names(site.problems, record, names)


def _load_table(problems, path, names, projects):
    shown = display_path(path)
    if path.suffix != ".csv":
        problems.error(shown, 1, "", f"{FUNDS_DIR}/ 中只能放政策资金明细表（CSV 文件），不能放“{path.name}”。")
        return None
    if not FILE_NAME.match(path.name):
        problems.error(shown, 1, "", f"文件名“{path.name}”无效：只能用小写字母、数字和连字符，例如 2025-waimao-zijin.csv。")
        return None
    try:
        text = read_text(path)
    except SourceError as exc:
        problems.error(shown, exc.line, exc.field, exc.message)
        return None
    rows = list(numbered_rows(text))
    if not rows or tuple(cell.strip() for cell in rows[0][1]) != HEADER:
        problems.error(shown, 1, "表头", f"第一行应为表头“{','.join(HEADER)}”：列名和顺序都要一致（可从其他明细表复制）。")
        return None
    parsed, broken = [], False
    for line, cells in rows[1:]:
        row = _parse_row(problems, shown, line, cells, names)
        broken |= row is None
        parsed.append(row)
        if len(cells) == len(HEADER):
            projects.append((shown, line, cells[PROJECT]))
    if not parsed:
        problems.error(shown, 1, "", "表中没有数据行：每个受益主体写一行。")
        return None
    return None if broken else FundsTable(path.name, parsed)


def _parse_row(problems, shown, line, cells, names):
    """One data row → FundsRow; None after reporting its problems."""
    def error(column, message):
        problems.error(shown, line, HEADER[column] if column is not None else "", message)

    if len(cells) != len(HEADER):
        error(None, f"这一行有 {len(cells)} 个值，表头有 {len(HEADER)} 列（{'、'.join(HEADER)}）：每行的值要与表头一一对应，"
                    "自然人的统一社会信用代码留空，但逗号要保留。")
        return None
    values = [cell.strip() for cell in cells]
    code = values[CODE].upper()
    code_problem = pii.credit_code_problem(code) if code else None
    for column, value in enumerate(values):  # the code is checked as what it is, above all not as a 身份证号
        if column != CODE:
            pii.scan(value, set(), lambda _, message, column=column: error(column, message))
    if code_problem:
        error(CODE, f"“{values[CODE]}”{code_problem}")
    if not values[RECIPIENT]:
        error(RECIPIENT, "受益主体不能为空：写单位全称，或自然人的姓名（页面上只显示姓氏）。")
    if not values[PROJECT]:
        error(PROJECT, "项目不能为空：写资金支持的项目名称。")
    amount = _amount(values[AMOUNT], lambda message: error(AMOUNT, message))
    day = _date(values[DATE], lambda message: error(DATE, message))
    if code_problem or not values[RECIPIENT] or not values[PROJECT] or amount is None or day is None:
        return None
    if not code:
        names.setdefault(values[RECIPIENT], (shown, line))
    recipient = values[RECIPIENT] if code else pii.mask_name(values[RECIPIENT])
    return FundsRow(recipient, code, values[PROJECT], amount, day, line)


def _amount(text, report):
    if not AMOUNT_TEXT.match(text):
        report(f"金额“{text}”不是数字：这里写以万元为单位的金额，例如 12.5，不写“万元”、逗号和空格。")
        return None
    if Decimal(text) == 0:
        report("金额不能为 0：没有拨付资金的受益主体不列入公示表。")
        return None
    return Decimal(text)


def _date(text, report):
    try:
        if DATE_TEXT.match(text):
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    report(f"拨付日期“{text}”无效：应为 YYYY-MM-DD 格式的真实日期，例如 2025-06-30。")
    return None


def _check_item(site, unit, record):
    name = record.meta.get("dataset")
    if not isinstance(name, str) or is_placeholder(name):
        return
    folder = display_path(unit.data_dir / FUNDS_DIR)
    where = (record.path, record.source.line("dataset"), "dataset")
    table = unit.funds.get(name)
    if not FILE_NAME.match(name):
        site.problems.error(*where, f"“{name}”不是资金明细表的文件名：应为 {folder}/ 下的 CSV 文件名"
                                    "（小写字母、数字和连字符，以 .csv 结尾），例如 2025-waimao-zijin.csv。")
    elif table is None and not (unit.data_dir / FUNDS_DIR / name).is_file():
        site.problems.error(*where, f"资金明细表“{name}”不存在：请把 CSV 文件放在 {folder}/ 下，并写文件名。")
    total = record.meta.get("total")
    if table and isinstance(total, (int, float)) and not isinstance(total, bool) and Decimal(str(total)) != table.total:
        site.problems.error(record.path, record.source.line("total"), "total",
                            f"资金总额 total 为 {total} 万元，但 {folder}/{name} 中“金额（万元）”一列的合计是 "
                            f"{table.total} 万元：请核对明细表或改正 total（也可以不写 total，页面上的合计由明细表计算）。")


def _check_names(problems, record, names):
    """A natural person's full name typed into the item that publishes the table."""
    source = record.source
    for key in TEXT_KEYS:
        value = record.meta.get(key)
        for number, text in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(text, str):
                where = (key, number) if isinstance(value, list) else (key,)
                _report_names(problems, record.path, source.line(*where), key, text, names)
    for offset, line_text in enumerate(source.body.split("\n")):
        _report_names(problems, record.path, source.body_line + offset, "正文", line_text, names)


def _report_names(problems, path, line, field, text, names):
    for name, (table, row) in names.items():
        if name in text:
            problems.error(path, line, field, f"这里写了自然人受益人的全名（{table} 第 {row} 行）：自然人的姓名只能以"
                                              f"“{pii.mask_name(name)}”的形式公开，请删除或改为“{pii.mask_name(name)}”。")

