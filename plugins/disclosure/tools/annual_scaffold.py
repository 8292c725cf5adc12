"""The zero-filled data/units/<unit>/annual/YYYY.yaml that ``invoke new report`` writes, every key explained in Chinese."""

import re

from ..data.annual import ANNUAL_DIR, PROSE_REF, SCHEMA, YEAR, children

YEAR_IN_TITLE = re.compile(r"([0-9]{4})\s*年")


def default_title(agency, year):
    return f"{agency['name']}{year}年政府信息公开工作年度报告"


def report_year(title, today):
    """The year ``invoke new report`` means: ``2020``, a year in the title (“2020年”), else last year."""
    if YEAR.match(title.strip()):
        return int(title)
    found = YEAR_IN_TITLE.search(title)
    return int(found[1]) if found else today.year - 1


def write_scaffold(site, unit, year):
    """Write the unit's annual/YYYY.yaml with every figure at 0; return its path, or None if it exists."""
    path = unit.data_dir / ANNUAL_DIR / f"{year}.yaml"
    if path.exists():
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold(site.schemas.documents[SCHEMA], year, unit.agency), encoding="utf-8")
    return path


def scaffold(schema, year, agency):
    """A new data file: every figure 0, every key explained in a Chinese comment."""
    lines = [
        f"# {default_title(agency, year)}：数据文件（国办公开办函〔2021〕30号格式）",
        "# 只填叶子数字：件数为非负整数，收费金额单位为万元、可有小数。所有“总计”由构建时计算，不要填写。",
        "# 行政规范性文件的本年制发、本年废止、现行有效件数由公开目录中的文件自动统计，不在这里填写。",
        "# 报告的前言写在该年度报告条目（content/<单位>/reports/）的正文中；一、五、六部分的文字写在本文件中。",
        "# 填好后运行 invoke check：表三每一列都须满足 一 + 二 = 三（七）总计 + 四。",
    ]
    _scaffold_lines(schema, schema, "", lines, set())
    return "\n".join(lines) + "\n"


def _scaffold_lines(schema, spec, pad, lines, explained):
    for key, child in children(schema, spec):
        note = "：".join(filter(None, (child.get("title"), child.get("description"))))
        figures = children(schema, child)
        nested = figures and any(children(schema, figure) for _, figure in figures)
        if nested or child.get("$ref") == PROSE_REF or lines[-1].startswith(pad + "  "):
            lines.append("")  # blocks and prose stand apart, and so does the row after a block
        if child.get("$ref") == PROSE_REF:
            lines += [f"{pad}# {note}", f"{pad}# 写法：{key}: | 之后换行，每段一行，每行缩进两个空格。", f'{pad}{key}: ""']
        elif not figures:
            lines += [f"{pad}# {note}", f"{pad}{key}: 0"]
        elif not nested:
            keys = tuple(name for name, _ in figures)
            if keys not in explained:  # explain a row's keys once, where they first appear
                explained.add(keys)
                lines.append(f"{pad}# 花括号中的字段：" + "，".join(f"{name} {figure['title']}" for name, figure in figures))
            lines += [f"{pad}# {note}", f"{pad}{key}: {{{', '.join(f'{name}: 0' for name in keys)}}}"]
        else:
            lines += [f"{pad}# {note}", f"{pad}{key}:"]
            _scaffold_lines(schema, child, pad + "  ", lines, explained)
