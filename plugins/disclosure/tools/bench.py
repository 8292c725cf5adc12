"""The scale benchmark: N generated documents, our build against bare Pelican 4.12.

Each build runs in its own Python process, so peak memory (ru_maxrss) belongs to that build alone.
"""

import datetime
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..model.records import TYPE_FOLDERS
from . import codeowners, search_bench

ROOT = Path(__file__).resolve().parents[3]
DATA_FILES = ("site.yaml", "taxonomy.yaml", "holidays.yaml")
UNIT = "tjj"  # the sample unit whose agency and pages the generated site reuses
TYPES = ("normative", "notice", "document", "plan")
TOPICS = ("国民经济管理、国有资产监管/统计", "综合政务/政务公开", "公安、安全、司法/法治建设")
SENTENCE = re.compile(r"[^。；\n]+[。；]")
OUR_BUILD = """
import json, resource, sys, time
sys.path.insert(0, {plugins!r})
from disclosure.load import load_site
from disclosure.tools import build, commands
settings = commands.settings_for({config!r}, {site!r}, OUTPUT_PATH={output!r}, BUILD_DATE="2026-11-22")
start = time.perf_counter()
load_site(settings)
checked = time.perf_counter()
build.build({config!r}, output={output!r}, site_root={site!r}, out=open("/dev/null", "w"), BUILD_DATE="2026-11-22")
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


def generate_site(root, count, project=ROOT, seed=1):
    """A site of ``count`` valid documents under ``root``, built from the sample content's sentences."""
    root = Path(root)
    (root / "data").mkdir(parents=True)
    for name in DATA_FILES:
        shutil.copy(project / "data" / name, root / "data" / name)
    (root / "data" / "units" / UNIT).mkdir(parents=True)
    shutil.copy(project / "data" / "units" / UNIT / "agency.yaml", root / "data" / "units" / UNIT / "agency.yaml")
    shutil.copytree(project / "content" / UNIT / "pages", root / "content" / UNIT / "pages")
    sentences = sorted({s.strip() for p in sorted((project / "content").rglob("*.md"))
                        for s in SENTENCE.findall(p.read_text(encoding="utf-8").split("---", 2)[-1])
                        if not re.search(r"\d{7}|[#|<>\[\]]", s)})
    rng = random.Random(seed)
    departments = ["办公室", "综合统计科", "经济统计科", "社会统计科", "统计执法监督科"]
    serials = {}
    for number in range(count):
        kind, year = TYPES[number % len(TYPES)], 2015 + number % 12
        serials[year] = serials.get(year, 0) + 1
        published = datetime.date(year, 1 + number % 12, 1 + number % 28)
        body = "\n\n".join(f"## {'一二三四五六'[part]}、{rng.choice(sentences)[:12].rstrip('。；，')}\n\n"
                           + "".join(rng.sample(sentences, 6)) for part in range(rng.randint(2, 5)))
        title = f"示例区统计局关于{rng.choice(sentences)[:16].rstrip('。；，')}的{'通知' if kind != 'plan' else '方案'}"
        meta = [f"title: {json.dumps(title, ensure_ascii=False)}",
                f"type: {kind}", f"index_number: SLQ-TJJ/{year}-{serials[year]:05d}",
                f"publish_date: {published}", f"topic: {rng.choice(TOPICS)}",
                f"department: {rng.choice(departments)}"]
        if kind == "normative":
            meta += [f"doc_number: 示统〔{year}〕{serials[year]}号", f"effective_date: {published}"]
        folder = root / "content" / UNIT / TYPE_FOLDERS[kind]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{year}-{serials[year]:05d}.md").write_text("---\n" + "\n".join(meta) + "\n---\n\n" + body + "\n",
                                                              encoding="utf-8")
    codeowners.write(str(project / "pelicanconf.py"), site_root=root)
    return root


def _run(script):
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(result.stdout + result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(count, query="统计执法"):
    """Build N generated documents with our build and with bare Pelican; return the figures."""
    work = Path(tempfile.mkdtemp(prefix="disclosure-bench-"))
    try:
        site = generate_site(work / "site", count)
        params = {"plugins": str(ROOT / "plugins"), "config": str(ROOT / "pelicanconf.py"),
                  "site": str(site), "output": str(work / "output")}
        figures = {"documents": count, "ours": _run(OUR_BUILD.format(**params))}
        edited = next((site / "content" / "notices").glob("*.md"))
        edited.write_text(edited.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
        figures["ours_after_one_edit"] = _run(OUR_BUILD.format(**params))
        figures["search"] = search_bench.measure(work / "output", query)
        figures["bare_pelican"] = _run(BARE_BUILD.format(content=str(site / "content"), output=str(work / "bare")))
        ours, bare_s = figures["ours"], figures["bare_pelican"]["build_s"]
        pelican_s = ours["build_s"] - ours["check_s"] - figures["search"]["index_seconds"]
        figures["build_ratio"] = ours["build_s"] / bare_s
        figures["pelican_part_ratio"] = pelican_s / bare_s
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(figures):
    ours, edit, bare, found = (figures[k] for k in ("ours", "ours_after_one_edit", "bare_pelican", "search"))
    first, nxt = found["first_query"], found["next_query"]
    return "\n".join([
        f"documents: {figures['documents']}",
        f"invoke check alone:                  {ours['check_s']:6.2f} s",
        f"invoke build (check, Pelican, index): {ours['build_s']:6.2f} s, peak {ours['peak_mb']:.0f} MB",
        f"build after a one-file edit:          {edit['build_s']:6.2f} s, peak {edit['peak_mb']:.0f} MB",
        f"bare Pelican 4.12:                    {bare['build_s']:6.2f} s, peak {bare['peak_mb']:.0f} MB",
        f"ratio, our build / bare:              {figures['build_ratio']:6.2f}x",
        f"ratio, Pelican part / bare:           {figures['pelican_part_ratio']:6.2f}x  (build minus check and index)",
        f"search index: {found['index_seconds']:.2f} s, peak {found['index_peak_memory_mb']:.0f} MB, "
        f"{found['index_data_bytes'] / 2**20:.2f} MB of index data ({found['bundle_bytes'] / 2**20:.2f} MB with Pagefind's files)",
        f"first query “{found['query']}”: {first['requests']} requests, {first['bytes'] / 1024:.0f} KB "
        f"({first['gzip_bytes'] / 1024:.0f} KB gzip), of which search files {first['search_bytes'] / 1024:.0f} KB",
        f"next query “{found['second_query']}”: {nxt['requests']} requests, {nxt['bytes'] / 1024:.0f} KB",
    ])
