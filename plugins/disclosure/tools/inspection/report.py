"""The 自查 report: inspection/report.json for machines, inspection/report.html for people (with
report.css beside it, so the page has no inline style), and a summary in Chinese for the terminal."""

import json
import shutil
from collections import Counter
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from .findings import LEVELS, NOTICE, PROBLEM, VETO

JSON_FILE, HTML_FILE, CSS_FILE = "report.json", "report.html", "report.css"
TEMPLATE, STYLESHEET = "inspection_report.html", Path("static") / "css" / "inspection-report.css"
SHOWN_PER_CHECK = 3  # 问题 and 提醒 of one check printed in the terminal; the report lists all
LEVEL_CLASSES = {VETO: "veto", PROBLEM: "problem", NOTICE: "notice"}
COLUMNS = ("检查项", "单位", "栏目", "问题和改法", "位置")


def summary(site, rules, findings):
    """What report.json holds."""
    counts = Counter(f.level for f in findings)
    return {
        "date": site.build_date.isoformat(), "edition": rules["edition"], "site": site.portal["name"],
        "units": [unit.name for unit in site.units.values()], "passed": not counts[VETO],
        "counts": {level: counts[level] for level in LEVELS},
        "findings": [f.as_dict() for f in sorted(findings, key=lambda f: LEVELS.index(f.level))],
    }


def write(folder, data, theme, jinja_options):
    """Write report.json, report.html and report.css into ``folder``; return the two report paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = folder / JSON_FILE, folder / HTML_FILE
    paths[0].write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    environment = Environment(loader=FileSystemLoader(theme / "templates"), **jinja_options)
    paths[1].write_text(environment.get_template(TEMPLATE).render(report=page_view(data)), encoding="utf-8")
    shutil.copyfile(theme / STYLESHEET, folder / CSS_FILE)
    return paths


def page_view(data):
    """The report page: the verdict, a count per level, and a table of findings per level."""
    title = f"{data['site']}网站自查报告（{data['date']}）"
    groups = []
    for level in LEVELS:
        rows = [[f["check"], f["unit"], f["column"], f["message"], f["where"]] for f in data["findings"] if f["level"] == level]
        groups.append({"id": f"level-{LEVEL_CLASSES[level]}", "heading": f"{level}（{len(rows)} 项）",
                       "modifier": LEVEL_CLASSES[level], "caption": f"{level}的各项", "columns": COLUMNS, "rows": rows})
    return {"title": title, "passed": data["passed"], "verdict": verdict(data),
            "facts": [("自查日期", data["date"]), ("检查指标", data["edition"]), ("单位", "、".join(data["units"]))],
            "groups": groups}


def verdict(data):
    counts = data["counts"]
    if data["passed"]:
        return f"自查通过：没有单项否决项（另有问题 {counts[PROBLEM]} 项、提醒 {counts[NOTICE]} 项，请逐项处理）。"
    return f"自查未通过：有 {counts[VETO]} 项单项否决，检查时网站会被判为不合格。"


def text(data, paths):
    """The terminal summary: every 单项否决, and the first few 问题 and 提醒 of each check."""
    lines = [f"自查日期 {data['date']}，依据《{data['edition']}》。"]
    for level in LEVELS:
        found = [f for f in data["findings"] if f["level"] == level]
        lines.append(f"【{level}】{len(found)} 项")
        by_check = {}
        for finding in found:
            by_check.setdefault(finding["check"], []).append(finding)
        for check, items in by_check.items():
            shown = items if level == VETO else items[:SHOWN_PER_CHECK]
            lines += [f"  {check}：{f['message']}" + (f"（{f['where']}）" if f["where"] else "") for f in shown]
            if len(items) > len(shown):
                lines.append(f"  {check}：另有 {len(items) - len(shown)} 项，见报告。")
    lines.append(f"报告：{'、'.join(str(p) for p in paths)}")
    lines.append(verdict(data))
    return "\n".join(lines)
