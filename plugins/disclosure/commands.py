"""What tasks.py runs: check, build (atomically), check the built site, and scaffold a new document.

Content problems are printed as the error contract says and end in a
``CommandFailed`` with a non-zero status, never in a traceback.
"""

import datetime
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from . import annual, budget, search
from .problems import ContentError
from .site import load_site
from .source import display_path
from .validation import format_index_number, index_number_pattern

TYPE_FOLDERS = {
    "normative": "normative", "document": "documents", "plan": "plans",
    "interpretation": "interpretations", "statistics": "statistics", "notice": "notices",
    "consultation": "consultations", "report": "reports",
}


class CommandFailed(Exception):
    """A command that failed for a reason already explained to the user."""


class _WarningCollector(logging.Handler):
    """Collects Pelican's warnings: a clean build has none."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def settings_for(config="pelicanconf.py", site_root=None, **override):
    """Pelican settings from ``config``; ``site_root`` points content and data at another site."""
    if site_root:
        root = Path(site_root)
        override.update(PATH=str(root / "content"), DISCLOSURE_DATA_PATH=str(root / "data"), CACHE_PATH=str(root / "cache"))
    return read_settings(config, override={k: v for k, v in override.items() if v is not None})


def check(config="pelicanconf.py", strict=False, out=sys.stdout, site_root=None, **override):
    """Validate all content and data; print every problem and a count."""
    site = load_site(settings_for(config, site_root, **override))
    print(site.problems.report(), file=out)
    if site.problems.fails(strict):
        raise CommandFailed(f"检查未通过{'（--strict：警告也算失败）' if strict and not site.problems.errors else ''}。")
    return site


def check_site(config="pelicanconf.py", output=None, out=sys.stdout):
    """Check the built site against its budget: page weight, third-party URLs, inline code."""
    settings = settings_for(config, OUTPUT_PATH=output)
    folder = Path(settings["OUTPUT_PATH"])
    if not folder.is_dir():
        raise CommandFailed(f"找不到已生成的网站 {folder}：请先运行 invoke build。")
    result = budget.check(folder, settings.get("SITEURL", ""))
    print(f"已生成的网站 {display_path(folder)}：", file=out)
    print(result.problems.report(), file=out)
    if result.largest_page:
        print(f"最重的文件页面：{result.largest_page}，连同 CSS 和 JS 压缩后 {result.largest_size / 1024:.1f} KB"
              f"（上限 {budget.PAGE_BUDGET // 1024} KB）。", file=out)
    if result.problems.fails():
        raise CommandFailed("已生成的网站未通过检查。")
    return result


def build(config="pelicanconf.py", output=None, strict=False, out=sys.stdout, site_root=None, **override):
    """Check, then build into a fresh folder beside ``output`` and swap it in only on success."""
    settings = settings_for(config, site_root, OUTPUT_PATH=output, DISCLOSURE_STRICT=strict, **override)
    target = Path(settings["OUTPUT_PATH"])
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".output-", dir=target.parent))
    collector = _WarningCollector()
    logging.getLogger().addHandler(collector)
    try:
        settings["OUTPUT_PATH"] = str(staging)
        try:
            pelican = Pelican(settings)
        except ContentError as exc:
            print(exc.problems.report(), file=out)
            raise CommandFailed("检查未通过，未生成网站，原有的 output/ 保持不变。") from None
        print(settings["DISCLOSURE_SITE"].problems.report(), file=out)
        pelican.run()
        if collector.messages:
            print("\n".join(collector.messages), file=out)
            raise CommandFailed(f"构建时出现 {len(collector.messages)} 条警告，原有的 output/ 保持不变。")
        try:
            search.index(staging)
        except search.IndexingFailed as exc:
            raise CommandFailed(f"{exc}\n原有的 output/ 保持不变。") from None
        _swap(staging, target)
    finally:
        logging.getLogger().removeHandler(collector)
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _swap(staging, target):
    """Replace target with staging in two renames, so readers never see a half-built site."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old:
        shutil.rmtree(old)


def next_index_number(site, year):
    pattern = index_number_pattern(site.settings, site.agency)
    serials = [
        int(m["serial"]) for r in site.records
        if isinstance(r.index_number, str) and (m := pattern.match(r.index_number)) and int(m["year"]) == year
    ]
    return format_index_number(site.settings, site.agency, year, max(serials, default=0) + 1)


def new(kind, title, config="pelicanconf.py", today=None, site_root=None):
    """Write a valid skeleton for a new item with the next free index number; return the paths written.

    ``new report 2020`` (or a title naming 2020年) also writes data/annual/2020.yaml with every figure
    at 0, and writes the report item only if the year has none yet.
    """
    if kind not in TYPE_FOLDERS:
        raise CommandFailed(f"未知类型“{kind}”，应为以下之一：{'、'.join(TYPE_FOLDERS)}。")
    settings = settings_for(config, site_root)
    site = load_site(settings)
    today = today or datetime.date.today()
    written, year = [], None
    if kind == "report":
        year = annual.report_year(title, today)
        title = annual.default_title(site.agency, year) if title.strip() == str(year) else title
        data_file = annual.write_scaffold(site, year)
        written = [data_file] if data_file else []
        if any(r.type == "report" and r.meta.get("year") == year for r in site.records):
            if not written:
                raise CommandFailed(f"{year} 年度报告的条目和数据文件 data/annual/{year}.yaml 都已存在，没有覆盖。")
            return written
    index = next_index_number(site, today.year)
    folder = Path(settings["PATH"]) / TYPE_FOLDERS[kind]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{index.rsplit('/', 1)[-1]}.md"
    if path.exists():
        raise CommandFailed(f"文件 {path} 已存在，没有覆盖。")
    path.write_text(_skeleton(site, kind, title, index, today, year), encoding="utf-8")
    return [path] + written


def _skeleton(site, kind, title, index, today, year=None):
    newest_normative = next((r for r in site.newest_first() if r.type == "normative"), None)
    if kind == "interpretation" and not newest_normative:
        raise CommandFailed("还没有可解读的文件：请先发布文件，再新建解读。")
    department = site.agency["departments"][0]["name"]
    lines = [
        "---",
        f"title: {_yaml_string(title)}",
        f"type: {kind}",
        f"index_number: {index}        # 索引号：自动生成，发布后不要再改",
        f"publish_date: {today}        # 发布日期",
        f"written_date: {today}        # 成文日期，不能晚于发布日期",
        f"department: {department}     # 责任科室，须是 data/agency.yaml 中的科室",
        "# topic: 主题分类，见 data/taxonomy.yaml 的 topics",
        "# genre: 体裁分类，见 data/taxonomy.yaml 的 genres",
        "keywords: []",
    ]
    if kind == "normative":
        lines += [f"doc_number: 请填写文号       # 文号，例如 示统〔{today.year}〕1号",
                  f"effective_date: {today}      # 施行日期", "# expiry_date: 有效期至（YYYY-MM-DD）",
                  "# repeals: [被本文件废止的文件索引号]", "# amends: [被本文件修订的文件索引号]"]
    else:
        lines.append("# doc_number: 文号，例如 示统〔2024〕1号")
    if kind == "interpretation":
        lines += [f"interprets: [{newest_normative.index_number}]   # 请改为被解读文件的索引号",
                  "form: 文字解读               # 文字解读 / 图文解读 / 问答 / 数据解读"]
    elif kind == "consultation":
        lines += [f"opens: {today}               # 征集开始日期",
                  f"closes: {today + datetime.timedelta(days=30)}              # 征集截止日期"]
    elif kind == "report":
        lines.append(f"year: {year}                   # 报告年度；表格数字和一、五、六部分的文字在 data/annual/{year}.yaml")
    elif kind == "statistics":
        lines += [f"period: {today:%Y-%m}              # 统计期：2024-09（月）、2024Q3（季）或 2024（年）",
                  "# datasets: [cpi.csv]        # 图表和数据表：data/series/ 下的数据序列文件名"]
    elif kind == "plan":
        lines.append("tasks: []                    # 任务分工：- {item: 任务, departments: [科室]}")
    body = ("（在这里写报告的前言：编制依据、统计期限和联系方式。）" if kind == "report"
            else "（在这里写正文。标题用“一、”“（一）”，每项任务后写“责任科室：”。）")
    lines += ["---", "", body, ""]
    return "\n".join(lines)


def _yaml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

