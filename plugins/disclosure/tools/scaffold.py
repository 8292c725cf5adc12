"""``invoke new``: a valid skeleton for a new item, with the next free 索引号 and today's date."""

import datetime

from ..data.guides import LICENSING
from ..load import load_site
from ..model import placeholders
from ..model.doc_numbers import DOC_NUMBER
from ..model.index_numbers import next_index_number
from ..model.records import TYPE_FOLDERS
from ..model.source import display_path
from . import annual_scaffold, website_report_scaffold
from .commands import CommandFailed, settings_for, unit_of

NEW_TYPE_KINDS = ("guide", "funds", "repost")


def new(kind, title, config="pelicanconf.py", today=None, site_root=None, unit=None):
    """Write a valid skeleton for a new item of a unit with its next free index number; return the paths written.

    ``new report 2020`` (or a title naming 2020年) also writes the unit's annual/2020.yaml with every
    figure at 0, and writes the report item only if the year has none yet. ``new website-report 2025``
    writes only the portal's data/website_report/2025.yaml (the 政府网站工作年度报表 has no item).
    """
    if kind not in TYPE_FOLDERS and kind != website_report_scaffold.KIND:
        raise CommandFailed(f"未知类型“{kind}”，应为以下之一：{'、'.join((*TYPE_FOLDERS, website_report_scaffold.KIND))}。")
    settings = settings_for(config, site_root)
    site = load_site(settings)
    if kind == website_report_scaffold.KIND:
        return [website_report_scaffold.new(site, title, today)]
    unit = unit_of(site, unit)
    today = today or datetime.date.today()
    written, year = [], None
    if kind == "report":
        year = annual_scaffold.report_year(title, today)
        title = annual_scaffold.default_title(unit.agency, year) if title.strip() == str(year) else title
        data_file = annual_scaffold.write_scaffold(site, unit, year)
        written = [data_file] if data_file else []
        if any(r.type == "report" and r.meta.get("year") == year for r in unit.records):
            if not written:
                raise CommandFailed(f"{unit.name} {year} 年度报告的条目和数据文件 "
                                    f"{display_path(unit.data_dir / 'annual' / f'{year}.yaml')} 都已存在，没有覆盖。")
            return written
    index = next_index_number(site, unit, today.year)
    folder = unit.content_dir / TYPE_FOLDERS[kind]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{index.rsplit('/', 1)[-1]}.md"
    if path.exists():
        raise CommandFailed(f"文件 {path} 已存在，没有覆盖。")
    path.write_text(_skeleton(site, unit, kind, title, index, today, year), encoding="utf-8")
    return [path] + written


def _skeleton(site, unit, kind, title, index, today, year=None):
    newest_normative = next((r for r in site.newest_first(unit.records) if r.type == "normative"), None)
    newest_normative = newest_normative or next((r for r in site.newest_first() if r.type == "normative"), None)
    if kind == "interpretation" and not newest_normative:
        raise CommandFailed("还没有可解读的文件：请先发布文件，再新建解读。")
    department = unit.agency["departments"][0]["name"]
    agency_file = display_path(unit.data_dir / "agency.yaml")
    lines = [
        "---",
        f"title: {_yaml_string(title)}",
        f"type: {kind}",
        f"index_number: {index}        # 索引号：自动生成，发布后不要再改",
        f"publish_date: {today}        # 发布日期",
        f"written_date: {today}        # 成文日期，不能晚于发布日期",
        f"department: {department}     # 责任科室，须是 {agency_file} 中的科室",
        "# topic: 主题分类，见 data/taxonomy.yaml 的 topics",
        "# genre: 体裁分类，见 data/taxonomy.yaml 的 genres",
        "keywords: []",
    ]
    example = _doc_number_example(site, unit, today.year)
    if kind == "normative":
        lines += [f"doc_number: {placeholders.DOC_NUMBER}       # 文号，例如 {example}；填写之前 invoke check 会报错",
                  f"effective_date: {today}      # 施行日期", "# expiry_date: 有效期至（YYYY-MM-DD）",
                  "# repeals: [被本文件废止的文件索引号]", "# amends: [被本文件修订的文件索引号]"]
    else:
        lines.append(f"# doc_number: 文号，例如 {example}")
    if kind == "interpretation":
        lines += [f"interprets: [{newest_normative.index_number}]   # 请改为被解读文件的索引号",
                  "form: 文字解读               # 文字解读 / 图文解读 / 问答 / 数据解读"]
    elif kind == "consultation":
        lines += [f"opens: {today}               # 征集开始日期",
                  f"closes: {today + datetime.timedelta(days=30)}              # 征集截止日期"]
    elif kind == "report":
        lines.append(f"year: {year}                   # 报告年度；表格数字和一、五、六部分的文字在 "
                     f"{display_path(unit.data_dir / 'annual' / f'{year}.yaml')}")
    elif kind == "statistics":
        lines += [f"period: {today:%Y-%m}              # 统计期：2024-09（月）、2024Q3（季）或 2024（年）",
                  f"# datasets: [cpi.csv]        # 图表和数据表：{display_path(unit.data_dir / 'series')}/ 下的数据序列文件名"]
    elif kind == "plan":
        lines.append("tasks: []                    # 任务分工：- {item: 任务, departments: [科室]}")
    elif kind in NEW_TYPE_KINDS:
        lines += _new_type_lines(site, unit, kind, today)
    body = placeholders.REPORT_BODY if kind == "report" else placeholders.BODY
    lines += ["---", "", body, ""]
    return "\n".join(lines)


def _new_type_lines(site, unit, kind, today):
    """The keys of a 办事指南, 政策资金公示 or 转载 (DESIGN §3), with what to write in each."""
    data = display_path(unit.data_dir)
    if kind == "guide":
        unguided = [p for p in unit.powers if not p.guides]  # a licence first: it must have a guide
        open_codes = [p.code for p in sorted(unguided, key=lambda p: p.kind["name"] != LICENSING)] or [p.code for p in unit.powers]
        example = f"，例如 {open_codes[0]}" if open_codes else ""
        return [f"power_code: {placeholders.POWER_CODE}   # 对应的权责清单事项：{data}/powers/ 中的 code{example}",
                "# basis: [设定依据]               # 不写时取权责清单事项的设定依据",
                "conditions:                       # 办理条件",
                f"  - {placeholders.GUIDE_LIST}", "materials:                        # 申请材料（页面上是可打印的清单）",
                f"  - {placeholders.GUIDE_LIST}", "steps:                            # 办理流程，按先后顺序",
                f"  - {placeholders.GUIDE_LIST}",
                "legal_days: 20                    # 法定办结时限（工作日）", "promised_days: 10                 # 承诺办结时限（工作日，0 为即办）",
                "fee: 不收费                       # 收费标准",
                "# place: 办理地点                  # 不写时取本单位的地址", "# hours: 办理时间                  # 不写时取本单位的办公时间",
                "# phone: 咨询电话                  # 不写时取责任科室的电话",
                "# online_url: https://…          # 网上办理地址，须在 data/site.yaml 的 external_links 中"]
    if kind == "funds":
        return [f"dataset: {placeholders.DATASET}   # 资金明细表：{data}/funds/ 下的 CSV 文件，"
                "列为 受益主体,统一社会信用代码,项目,金额（万元）,拨付日期",
                "# policy: [资金依据的政策文件的索引号]", "# fund_source: 资金来源",
                "# total: 资金总额（万元），写了就要与明细表的合计相等"]
    return [f"source_name: {placeholders.SOURCE_NAME}        # 来源：原发布单位或账号",
            f"source_url: {placeholders.SOURCE_URL}   # 原文网址，须在 data/site.yaml 的 external_links 中",
            f'source_time: "{today} 09:00"     # 来源发布时间（YYYY-MM-DD HH:MM），照原文填写',
            'publish_time: "10:00"            # 本站发布时间（发布日期当天，HH:MM）；比来源晚 12 小时以上会有警告']


def _doc_number_example(site, unit, year):
    """An example 文号 with the unit's own 机关代字, taken from its newest 文号 (a placeholder without one)."""
    for record in site.newest_first(unit.records):
        match = DOC_NUMBER.fullmatch(str(record.meta.get("doc_number", "")))
        if match:
            return f"{match['prefix']}〔{year}〕1号"
    return f"（本单位的发文机关代字）〔{year}〕1号"


def _yaml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

