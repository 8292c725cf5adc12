"""Type and 体裁 of an imported 公文, guessed from its title's 文种; every guess is explained.

A notice that issues another document (关于印发《……办法》的通知) takes the type of what it
issues. A 办法/规定/细则 with a 文号 may be a 行政规范性文件, which needs a 施行日期: taken from
"自2021年1月1日起施行" in the text when there is one; otherwise the item is written as
``document``, which is valid without it, and staff are told to change it.
"""

import re
from dataclasses import dataclass, field

from .dates import DATE, parse_date

ISSUING = re.compile(r"(?:印发|转发|发布|颁布)《?(?P<inner>.+?)》?的(?:通知|通告|公告)$")
PLAN_GENRES = ("方案", "要点", "总结", "计划", "规划")
NOTICE_GENRES = ("通知", "公告", "通告")
NORMATIVE_GENRES = ("办法", "规定", "细则")
OTHER_GENRES = ("意见", "决定", "通报", "报告", "批复", "函", "纪要", "公报")
GENRE_WORDS = {"实施方案": "方案", "工作方案": "方案", "工作要点": "要点", "工作总结": "总结", "工作计划": "计划",
               "实施细则": "细则", "管理办法": "办法", "实施办法": "办法", "暂行办法": "办法", "暂行规定": "规定"}
PROVISIONAL = re.compile(r"[（(](?:试行|暂行|修订|修订稿|征求意见稿|草案|送审稿)[）)]$")
EFFECTIVE = re.compile(rf"自(?:(?P<date>{DATE.pattern})|(?P<event>印发|发布|公布|签发)之日)起(?:施行|实施|执行|生效)")


@dataclass
class Guess:
    type: str
    genre: str = ""
    effective_date: object = None
    notes: list = field(default_factory=list)  # why
    checks: list = field(default_factory=list)  # what staff must check or complete


def genre_of(title):
    """The 文种 a title ends with (after any （试行）), or ""."""
    title = PROVISIONAL.sub("", title.strip())
    for word, genre in GENRE_WORDS.items():
        if title.endswith(word):
            return genre
    return next((genre for genre in PLAN_GENRES + NOTICE_GENRES + NORMATIVE_GENRES + OTHER_GENRES
                 if title.endswith(genre)), "")


def guess(document, text, forced_type=None):
    """The type for a parsed document; ``text`` is its whole body, searched for a 施行日期."""
    title = document.title
    issued = ISSUING.search(title)
    genre = (genre_of(issued["inner"]) if issued else "") or genre_of(title)
    effective = _effective_date(text, document.written_date)
    if forced_type:
        kind, why = forced_type, "按 --type"
    else:
        kind = _type_for(genre, document.doc_number)
        why = f"按文种“{genre}”猜" if genre else "（标题中没有识别出文种）默认"
    notes, checks = [], []
    if kind == "normative" and not effective:
        kind = "document"
        checks.append("可能是行政规范性文件，但原文没有写明施行日期，所以按 document（其他文件）写入；"
                      "如属规范性文件，请把 type 改为 normative，填写 effective_date（施行日期），并把文件移到 content/normative/")
    elif kind == "normative":
        checks.append(f"按行政规范性文件写入，施行日期取自原文{effective[1]}：{effective[0]}；"
                      "请确认它确属规范性文件，并补充 expiry_date（有效期至）和 registration_number（登记号）")
    notes.append(f"类型{why}为 {kind}")
    if issued:
        notes.append(f"标题是印发/转发{genre or '文件'}的通知，按所印发的文件判断类型")
    return Guess(kind, genre, effective[0] if kind == "normative" else None, notes, checks)


def _type_for(genre, doc_number):
    if genre in PLAN_GENRES:
        return "plan"
    if genre in NORMATIVE_GENRES and doc_number:
        return "normative"
    if genre in NOTICE_GENRES:
        return "notice"
    return "document"


def _effective_date(text, written_date):
    """(date, where it came from) of "自……起施行", or None."""
    match = EFFECTIVE.search(text)
    if not match:
        return None
    if match["date"]:
        day = parse_date(DATE.match(match["date"]))
        return (day, f"“{match.group()}”") if day else None
    return (written_date, f"“{match.group()}”（按成文日期）") if written_date else None
