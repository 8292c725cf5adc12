"""``invoke new website-report YYYY``: data/website_report/YYYY.yaml with every figure at 0 and every
key explained in Chinese, from website_report.schema.json."""


from ..data.annual import children
from ..data.website_report import FOLDER, SCHEMA, YEAR
from ..model.source import display_path
from .commands import CommandFailed

KIND = "website-report"
TODAY = "today"  # a date leaf (填报日期) starts as the day the file is made


def new(site, year, today=None):
    """Write the year's data file; return its path. CommandFailed if the year is not a year or the file exists."""
    if not YEAR.match(str(year).strip()):
        raise CommandFailed(f"应写报表的年度，例如 invoke new {KIND} 2025，而不是“{year}”。")
    path = site.data_dir / FOLDER / f"{int(year)}.yaml"
    if path.exists():
        raise CommandFailed(f"{display_path(path)} 已存在，没有覆盖。")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold(site.schemas.documents[SCHEMA], int(year), today or site.build_date), encoding="utf-8")
    return path


def scaffold(schema, year, today):
    lines = [f"# {year}年度政府网站工作年度报表（国办函〔2018〕12号）：只填内容不能提供的数字和信息。",
             "# 政务动态和信息公开目录更新量、专栏专题、解读材料和解读产品、政务服务事项、征集调查期数和公布结果期数",
             "# 由构建时按公开目录统计；所有“总数”由构建时计算，不要填写。件数为非负整数；“是否……”写 true（是）或 false（否）。",
             "# 填好后运行 invoke check，网站的 website-report/ 下会出现这一年度的报表。"]
    _lines(schema, schema, "", lines, today)
    return "\n".join(lines) + "\n"


def _lines(schema, spec, pad, lines, today):
    for key, child in children(schema, spec):
        note = "：".join(filter(None, (child.get("title"), child.get("description"))))
        if child.get("type") == "object":
            lines += ([] if lines[-1].endswith(":") else [""]) + [f"{pad}# {note}", f"{pad}{key}:"]
            _lines(schema, child, pad + "  ", lines, today)
            continue
        if "enum" in child:
            note += f"（{' / '.join(child['enum'])}）"
        elif child.get("type") == "array":
            note += f"（可写：{'、'.join(child['items']['enum'])}）"
        lines += [f"{pad}# {note}", f"{pad}{key}: {_start(child, today)}"]


def _start(spec, today):
    kind = spec.get("type")
    if "enum" in spec:
        return spec["enum"][0]
    if kind == "boolean":
        return "false"
    if kind == "array":
        return "[]"
    if kind == "string":
        return '""'
    if spec.get("$ref", "").endswith("/date"):
        return today.isoformat()
    return "0"
