"""The scale benchmark: N generated documents, our build against bare Pelican 4.12.

Each build runs in its own Python process, so peak memory (ru_maxrss) belongs to that build alone.
"""

import datetime
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .commands import TYPE_FOLDERS

ROOT = Path(__file__).resolve().parents[2]
SEED = 20201231
TYPES = ("normative", "document", "plan", "interpretation", "statistics", "notice", "notice", "document")
PHRASES = (
    "依法做好统计调查项目管理工作", "加强统计数据质量控制", "推进政务公开标准化规范化",
    "落实统计执法检查制度", "强化统计信用体系建设", "及时发布统计数据并做好解读",
    "规范政府信息公开申请办理", "加强基层统计基础建设", "提升统计服务水平",
)
OUR_BUILD = """
import json, resource, sys, time
sys.path.insert(0, {plugins!r})
from disclosure import commands
from disclosure.site import load_site
settings = commands.settings_for({config!r}, {site!r}, OUTPUT_PATH={output!r}, BUILD_DATE="2026-11-22")
start = time.perf_counter()
load_site(settings)
checked = time.perf_counter()
commands.build({config!r}, output={output!r}, site_root={site!r}, out=open("/dev/null", "w"), BUILD_DATE="2026-11-22")
done = time.perf_counter()
print(json.dumps({{"check_s": checked - start, "build_s": done - checked,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
BARE_BUILD = """
import json, logging, resource, time
from pelican import Pelican
from pelican.settings import read_settings
logging.disable(logging.WARNING)
settings = read_settings(None, override={{"PATH": {content!r}, "OUTPUT_PATH": {output!r},
    "DEFAULT_DATE": "fs", "SLUGIFY_SOURCE": "basename", "TIMEZONE": "Asia/Shanghai",
    "DEFAULT_LANG": "zh-CN", "STATIC_PATHS": [], "PAGE_PATHS": ["pages"], "ARTICLE_EXCLUDES": ["pages"]}})
start = time.perf_counter()
Pelican(settings).run()
print(json.dumps({{"build_s": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def generate_site(target, count, seed=SEED):
    """Write a site with ``count`` realistic documents and the project's data files."""
    rng = random.Random(seed)
    shutil.copytree(ROOT / "data", target / "data")
    agency_code = "SLQ-TJJ"
    serials, normative = {}, []
    for number in range(count):
        kind = TYPES[number % len(TYPES)]
        day = datetime.date(2016, 1, 4) + datetime.timedelta(days=rng.randrange(3900))
        serials[day.year] = serials.get(day.year, 0) + 1
        index = f"{agency_code}/{day.year}-{serials[day.year]:05d}"
        meta = [f"title: 示例区统计局关于{rng.choice(PHRASES)}的{'办法' if kind == 'normative' else '通知'}（第{number}号）",
                f"type: {kind}", f"index_number: {index}", f"publish_date: {day}", f"written_date: {day}",
                "department: 综合统计科", "topic: 国民经济管理、国有资产监管/统计", "keywords: [统计, 政务公开]"]
        if kind == "normative":
            meta += [f"doc_number: 示统〔{day.year}〕{serials[day.year]}号", f"effective_date: {day}"]
            normative.append((day, index))
        if kind == "interpretation":
            if not normative:
                kind = "notice"
                meta[1] = "type: notice"
            else:
                meta += [f"interprets: [{rng.choice(normative)[1]}]", "form: 文字解读"]
        if kind == "statistics":
            meta.append(f"period: {day.year}-{day.month:02d}")
        folder = target / "content" / TYPE_FOLDERS[kind]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{number:06d}.md").write_text("---\n" + "\n".join(meta) + "\n---\n\n" + _body(rng), encoding="utf-8")
    (target / "content" / "pages").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "content" / "pages" / "about.md", target / "content" / "pages" / "about.md")
    return target


def _body(rng):
    sections = []
    for heading in ("一、总体要求", "二、主要任务", "三、保障措施"):
        paragraphs = "\n\n".join(
            "".join(f"{rng.choice(PHRASES)}，" for _ in range(rng.randint(6, 14))) + "确保各项工作落到实处。"
            for _ in range(rng.randint(1, 3)))
        sections.append(f"## {heading}\n\n{paragraphs}\n\n- {rng.choice(PHRASES)}\n- {rng.choice(PHRASES)}\n\n责任科室：综合统计科")
    return "\n\n".join(sections) + "\n"


def _run(script):
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(result.stdout + result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(count, edit_rebuild=True):
    """Build N generated documents with our build and with bare Pelican; return the figures."""
    work = Path(tempfile.mkdtemp(prefix="disclosure-bench-"))
    try:
        site = generate_site(work / "site", count)
        params = {"plugins": str(ROOT / "plugins"), "config": str(ROOT / "pelicanconf.py"),
                  "site": str(site), "output": str(work / "output")}
        ours = _run(OUR_BUILD.format(**params))
        figures = {"documents": count, "ours": ours}
        if edit_rebuild:
            edited = next((site / "content" / "notices").glob("*.md"))
            edited.write_text(edited.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
            figures["ours_after_one_edit"] = _run(OUR_BUILD.format(**params))
        figures["bare_pelican"] = _run(BARE_BUILD.format(content=str(site / "content"), output=str(work / "bare")))
        bare_s = figures["bare_pelican"]["build_s"]
        figures["build_ratio"] = ours["build_s"] / bare_s
        figures["pelican_part_ratio"] = (ours["build_s"] - ours["check_s"]) / bare_s
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(figures):
    ours, bare = figures["ours"], figures["bare_pelican"]
    lines = [
        f"documents: {figures['documents']}",
        f"invoke check alone:            {ours['check_s']:6.2f} s",
        f"invoke build (check included): {ours['build_s']:6.2f} s, peak {ours['peak_mb']:.0f} MB",
    ]
    if "ours_after_one_edit" in figures:
        edit = figures["ours_after_one_edit"]
        lines.append(f"build after a one-file edit:   {edit['build_s']:6.2f} s, peak {edit['peak_mb']:.0f} MB")
    lines += [
        f"bare Pelican 4.12:             {bare['build_s']:6.2f} s, peak {bare['peak_mb']:.0f} MB",
        f"ratio, our build / bare:       {figures['build_ratio']:6.2f}x",
        f"ratio, Pelican part / bare:    {figures['pelican_part_ratio']:6.2f}x  (build minus check)",
    ]
    return "\n".join(lines)
