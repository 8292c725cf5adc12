"""Personal information that must never be published by accident.

Finds 18-digit 身份证号 with a valid check digit, 11-digit mobile numbers and
bank card numbers that pass the Luhn check. A file may allow a specific value
through its ``pii_allow`` list, each entry with a reason.

A 统一社会信用代码 (GB 32100-2015) is an organisation's public identifier, not personal
information, but one made of digits only can pass the 身份证号 or Luhn checks by chance. Where a
file declares a column of them (the 政策资金 tables), ``credit_code_problem`` checks each value
as what it is (its own check character), and only then is it left out of the scan; a 身份证号
written there is refused, so a natural person's number never passes as an organisation's code.

A natural person's name is published only masked (``mask_name``): the surname and one ``*``,
whatever the length of the given name, so the mask does not tell how long the name is: 张三 and
张三丰 → 张*; a known compound surname (``COMPOUND_SURNAMES``) is kept whole: 欧阳娜娜 → 欧阳*.
A name of one character, or a compound surname alone, shows its first character only (欧阳 → 欧*).

Numbers are read as a reader sees them: full-width digits count as digits, and inline
markup, character references, escapes and invisible characters inside a number
(``138<b>1234</b>5678``, ``138&#49;…``, ``138\\-1234``) do not hide it.
"""

import datetime
import html
import re

ID_CARD = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9][0-9](?:[- ]?[0-9]{4}){2})(?![0-9])")
BANK_CARD = re.compile(r"(?<![0-9])[1-9][0-9]{3}(?:[ -]?[0-9]{4}){2,3}(?:[ -]?[0-9]{1,3})?(?![0-9])")
# Eleven digits, half- or full-width (FULL_WIDTH), as each of the three holds at least: text without
# them is passed over unmapped and untranslated, which costs a tenth of reading it as ``visible`` does.
DIGITS = re.compile(r"[0-9０-９](?:[- －　]?[0-9０-９]){10}")

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CODES = "10X98765432"
NAME_MASK = "*"
COMPOUND_SURNAMES = (  # 复姓 of the 百家姓 and those still common; any other name keeps its first character
    "欧阳", "太史", "端木", "上官", "司马", "东方", "独孤", "南宫", "万俟", "闻人", "夏侯", "诸葛", "尉迟", "公羊",
    "赫连", "澹台", "皇甫", "宗政", "濮阳", "公冶", "太叔", "申屠", "公孙", "慕容", "仲孙", "钟离", "长孙", "宇文",
    "司徒", "鲜于", "司空", "闾丘", "子车", "亓官", "司寇", "巫马", "公西", "颛孙", "壤驷", "公良", "漆雕", "乐正",
    "宰父", "谷梁", "拓跋", "夹谷", "轩辕", "令狐", "段干", "百里", "呼延", "东郭", "南门", "羊舌", "微生", "公户",
    "公玉", "公仪", "梁丘", "公仲", "公上", "公门", "公山", "公坚", "左丘", "公伯", "西门", "公祖", "第五", "公乘",
    "贯丘", "公皙", "南荣", "东里", "东宫", "仲长", "子书", "子桑", "即墨", "达奚", "褚师", "吴铭",
)
CREDIT_CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, S, V, Z
CREDIT_CODE_WEIGHTS = tuple(pow(3, position, 31) for position in range(17))
CREDIT_CODE = re.compile(f"^[{CREDIT_CODE_CHARACTERS}]{{18}}$")
KIND_LABELS = {"id_card": "身份证号", "mobile": "手机号码", "bank_card": "银行卡号"}
FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ＋－　", "0123456789Xx+- ")
# What a reader does not see: comments, tags, character references, Markdown emphasis and escapes,
# zero-width characters and soft hyphens.
HIDDEN = re.compile(r"<!--.*?-->|<\s*(/?)\s*([A-Za-z][A-Za-z0-9]*)[^>]*>|&#?[A-Za-z0-9]+;|[*_`~\\\u200b-\u200d\u2060\ufeff\u00ad]", re.S)
INLINE_TAGS = {"a", "abbr", "b", "code", "del", "em", "font", "i", "ins", "mark", "s", "small", "span", "strong", "sub", "sup", "u"}


def visible(text):
    """(the text as read, the offset in ``text`` of each character of it)."""
    out, offsets, position = [], [], 0
    for match in HIDDEN.finditer(text):
        out.append(text[position:match.start()])
        offsets.extend(range(position, match.start()))
        shown = _shown(match)
        out.append(shown)
        offsets.extend([match.start()] * len(shown))
        position = match.end()
    out.append(text[position:])
    offsets.extend(range(position, len(text)))
    return "".join(out).translate(FULL_WIDTH), offsets


def _shown(match):
    """What a reader sees of one ``HIDDEN`` token."""
    token = match.group()
    if token.startswith("&"):
        return html.unescape(token)
    if match.group(2):
        return "" if match.group(2).lower() in INLINE_TAGS else " "  # a block tag parts its neighbours
    return ""


def mask_name(name):
    """A natural person's name as it may be published: 张三 → 张*, 欧阳娜娜 → 欧阳* (see the module's docstring)."""
    name = name.strip()
    surname = next((s for s in COMPOUND_SURNAMES if name.startswith(s) and len(name) > len(s)), name[:1] if len(name) > 1 else "")
    return surname + NAME_MASK


def valid_id_card(value):
    digits = value[:17]
    total = sum(int(d) * w for d, w in zip(digits, ID_WEIGHTS))
    return ID_CHECK_CODES[total % 11] == value[17].upper()


def looks_like_id_card(value):
    """True for an 18-character 身份证号: its check digit holds and it carries a real birth date."""
    if not ID_CARD.fullmatch(value) or not valid_id_card(value):
        return False
    try:
        born = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2100


def valid_credit_code(value):
    """True for a 统一社会信用代码 whose 18th character is its GB 32100-2015 check character."""
    if not CREDIT_CODE.match(value):
        return False
    total = sum(CREDIT_CODE_CHARACTERS.index(char) * weight for char, weight in zip(value, CREDIT_CODE_WEIGHTS))
    return CREDIT_CODE_CHARACTERS[(31 - total % 31) % 31] == value[17]


def credit_code_problem(value):
    """Why a value is not a 统一社会信用代码, or None. A 身份证号 is refused even when its characters
    happen to pass the code's check too: it would publish a person's number as an organisation's."""
    if looks_like_id_card(value.upper()):
        return ("这是一个身份证号，不是统一社会信用代码：自然人不填写这一列（留空），页面上只显示姓氏；"
                "身份证号不能公开，请删除。")
    if not valid_credit_code(value):
        return ("不是有效的统一社会信用代码：应为 18 位数字和大写字母（不含 I、O、S、V、Z），最后一位是校验码。"
                "请对照营业执照或登记证书核对；受益人是自然人的，这一列留空。")
    return None


def luhn_ok(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        n = int(char)
        if position % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def find_pii(text):
    """Yield (kind, value, offset) for each piece of personal information in text."""
    taken = []
    for match in ID_CARD.finditer(text):
        # A final X marks a 身份证号 even when a digit is mistyped: it is still someone's number, not a card's.
        if valid_id_card(match.group()) or match.group()[17] in "Xx":
            taken.append(match.span())
            yield "id_card", match.group(), match.start()
    for match in MOBILE.finditer(text):
        yield "mobile", match.group(), match.start()
    for match in BANK_CARD.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        overlaps = any(start <= match.start() < end for start, end in taken)
        if 16 <= len(digits) <= 19 and not overlaps and luhn_ok(digits):
            yield "bank_card", match.group(), match.start()


def scan(text, allowed, report, first_line=1):
    """Report each unallowed finding in text as (line, message) through ``report``."""
    if not DIGITS.search(HIDDEN.sub(_shown, text)):
        return
    seen, offsets = visible(text)
    for kind, value, offset in find_pii(seen):
        if _normalise(value) in allowed:
            continue
        line = first_line + text.count("\n", 0, offsets[offset] if offset < len(offsets) else len(text))
        report(
            line,
            f"疑似{KIND_LABELS[kind]}“{value}”不应公开。请删除或打码；"
            f"如确需公开（如单位办公电话），在 pii_allow 中写明该值和理由。",
        )


def allowed_values(entries):
    return {_normalise(entry.get("value", "")) for entry in entries or () if isinstance(entry, dict)}


def scan_data(source, report):
    """Every text value of a data file (``source.Source``), reported as (key path, message)."""
    data = source.data
    allowed = allowed_values(data.get("pii_allow")) if isinstance(data, dict) and isinstance(data.get("pii_allow"), list) else set()
    stack = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            scan(value, allowed, lambda line, message, path=path: report(path, message))
        elif isinstance(value, dict):
            stack.extend((path + (key,), item) for key, item in value.items() if key != "pii_allow")
        elif isinstance(value, list):
            stack.extend((path + (number,), item) for number, item in enumerate(value))


def _normalise(value):
    return re.sub(r"[ -]", "", str(value).translate(FULL_WIDTH))
