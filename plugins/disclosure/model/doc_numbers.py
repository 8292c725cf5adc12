"""发文字号 (文号) in the form GB/T 9704-2012 fixes: 发文机关代字〔年份〕序号号, e.g. 示统〔2024〕7号.

The year sits in 六角括号 〔〕; the serial has no leading zeros and no 第. Older files write the
year in [] or () (half- or full-width) or put spaces in between: those are read, with a warning
that names the normalised form; anything else is an error. ``invoke import`` reads 文号 with the
same pattern.
"""

import re

DOC_NUMBER = re.compile(r"(?P<prefix>[\u4e00-\u9fff]{1,12})\s*[〔［\[（(]\s*(?P<year>[12][0-9]{3})\s*[〕］\]）)]\s*"
                        r"(?P<serial>[0-9]{1,5})\s*号")
STANDARD = re.compile(r"^[\u4e00-\u9fff]{1,12}〔[12][0-9]{3}〕[1-9][0-9]{0,4}号\Z")
EXAMPLE = "示统〔2024〕1号"


def normalise_doc_number(match):
    """A ``DOC_NUMBER`` match written the standard way: no spaces, 〔〕, no leading zeros."""
    return f"{match['prefix']}〔{match['year']}〕{int(match['serial'])}号"


def doc_number_problem(value):
    """(severity, message) for a 文号 not in the standard form, or None. Severity is "warning" for
    an old but readable form, "error" otherwise."""
    if STANDARD.match(value):
        return None
    match = DOC_NUMBER.fullmatch(value.strip())
    if match and int(match["serial"]) > 0:
        return "warning", (f"文号“{value}”是旧的写法：按 GB/T 9704，应写成“{normalise_doc_number(match)}”"
                           "（年份用六角括号〔〕，不加空格，序号不编虚位）。")
    return "error", (f"文号“{value}”不符合 GB/T 9704 的格式：应为“发文机关代字〔年份〕序号号”，例如 {EXAMPLE}"
                     "（年份用六角括号〔〕，序号不编虚位、不加“第”字）。没有文号的文件不写 doc_number。")
