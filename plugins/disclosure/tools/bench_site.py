"""A generated district for ``invoke bench``: N items over several units, as a real archive holds them.

Each unit is a copy of the sample's 统计局 data (agency, 权责清单, series, annual figures, standard
catalogue) and pages under its own name, code and 索引号 prefix. Items follow the sample's mix of
types; normative documents repeal and amend older ones (across units too), interpretations
interpret earlier documents, consultations link their feedback, bodies link other items with
``{doc}``; bodies are 3–6 KB of sentences re-assembled from the sample's clauses. The result passes
``invoke check`` without a warning, so ``invoke build`` builds it as it is.
"""

import datetime
import json
import random
import re
import shutil
from pathlib import Path

from ..model.records import TYPE_FOLDERS
from . import codeowners

ROOT = Path(__file__).resolve().parents[3]
TEMPLATE_UNIT = "tjj"  # the sample unit whose data folder and pages every generated unit copies
SHARED_DATA = ("site.yaml", "taxonomy.yaml", "holidays.yaml", "reply_templates.yaml")
UNIT_DATA = ("powers", "series", "standard_catalog.yaml")
BUILD_DATE = datetime.date(2026, 11, 22)
FIRST_YEAR = 2012
# The sample's mix of types (98 items): notice 23, interpretation 21, normative 20, plan 12, document 10,
# statistics 6, report 3, consultation 3, in parts per hundred.
TYPE_MIX = (("notice", 23), ("interpretation", 21), ("normative", 20), ("plan", 12), ("document", 10),
            ("statistics", 6), ("report", 3), ("consultation", 3), ("notice", 2))
UNIT_NAMES = (
    ("government", "区人民政府办公室", "BGS"), ("departments", "统计局", "TJJ"), ("departments", "商务局", "SWJ"),
    ("departments", "财政局", "CZJ"), ("departments", "教育局", "JYJ"), ("departments", "民政局", "MZJ"),
    ("departments", "司法局", "SFJ"), ("departments", "人力资源和社会保障局", "RSJ"), ("departments", "自然资源局", "ZRJ"),
    ("departments", "生态环境局", "HJJ"), ("departments", "住房和城乡建设局", "ZJJ"), ("departments", "交通运输局", "JTJ"),
    ("departments", "农业农村局", "NYJ"), ("departments", "水利局", "SLJ"), ("departments", "文化和旅游局", "WLJ"),
    ("departments", "卫生健康局", "WJJ"), ("departments", "应急管理局", "YJJ"), ("departments", "审计局", "SJJ"),
    ("departments", "市场监督管理局", "SJG"), ("departments", "医疗保障局", "YBJ"), ("departments", "城市管理局", "CGJ"),
    ("departments", "发展和改革局", "FGJ"), ("departments", "科学技术局", "KJJ"), ("departments", "退役军人事务局", "TYJ"),
    ("departments", "工业和信息化局", "GXJ"), ("departments", "体育局", "TYU"), ("departments", "林业局", "LYJ"),
    ("departments", "信访局", "XFJ"), ("departments", "档案馆", "DAG"), ("departments", "数据管理局", "SJU"),
) + tuple(("towns", name, code) for name, code in (
    ("东城街道", "DCJ"), ("西城街道", "XCJ"), ("南湖街道", "NHJ"), ("北山街道", "BSJ"), ("示例镇", "SLZ"),
    ("河口镇", "HKZ"), ("青山镇", "QSZ"), ("石桥镇", "SQZ"), ("白沙乡", "BSX"), ("云岭乡", "YLX")))
UNITS_PER_ITEMS = 2500  # one unit per this many items, at least MIN_UNITS and at most every name above
MIN_UNITS = 3
SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]")
CLAUSE_END = "，。；！？"
SERIES, SERIES_FROM = "cpi.csv", 2024  # the template unit's series and the first year it has data for
HEADINGS = "一二三四五六七八九十"
UNWANTED = re.compile(r"[0-9A-Za-z#|<>\[\]{}()*_`~\\“”‘’《》「」（）、：]")


def unit_count(count):
    return max(MIN_UNITS, min(len(UNIT_NAMES), count // UNITS_PER_ITEMS))


def clauses(project=ROOT):
    """Clauses of the sample's bodies (no digits, no markup), to re-assemble into new sentences."""
    found = set()
    for path in sorted((project / "content").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        for sentence in SENTENCE.findall(body):
            for clause in re.split(r"[，。；！？]", sentence.strip()):
                if 4 <= len(clause) <= 40 and not UNWANTED.search(clause):
                    found.add(clause)
    return sorted(found)


class Writer:
    """Writes one generated site; ``items`` remembers what each later item may refer to."""

    def __init__(self, root, count, project, seed):
        self.root, self.count, self.project = Path(root), count, project
        self.rng = random.Random(seed)
        self.clauses = clauses(project)
        self.units = []  # (slug, name, agency_code, departments)
        self.serials = {}  # (unit slug, year) → last serial
        self.items = {"normative": [], "document": [], "consultation": []}  # type → [(index, date, unit)]
        self.targeted = set()  # normative documents already repealed or amended
        self.reports = set()  # (unit, year) with a report

    def sentence(self, parts=(2, 4)):
        picked = [self.rng.choice(self.clauses) for _ in range(self.rng.randint(*parts))]
        return "，".join(picked) + "。"

    def body(self, index_links):
        paragraphs, size, target = [], 0, self.rng.randint(1100, 2000)  # characters: 3–6 KB of UTF-8
        section = 0
        while size < target:
            if size == 0 or self.rng.random() < 0.2:
                heading = f"## {HEADINGS[section % len(HEADINGS)]}、{self.rng.choice(self.clauses)[:14]}"
                paragraphs.append(heading)
                section += 1
            text = "".join(self.sentence() for _ in range(self.rng.randint(2, 5)))
            if index_links and self.rng.random() < 0.15:
                text += f"详见[相关文件]({{doc}}{index_links.pop()})。"
            paragraphs.append(text)
            size += len(text)
        return "\n\n".join(paragraphs)

    def write_units(self):
        data, units = self.root / "data", unit_count(self.count)
        data.mkdir(parents=True)
        for name in SHARED_DATA:
            shutil.copy(self.project / "data" / name, data / name)
        template = (self.project / "data" / "units" / TEMPLATE_UNIT / "agency.yaml").read_text(encoding="utf-8")
        block = template.split("\ndepartments:", 1)[1].split("\n\n", 1)[0]
        departments = re.findall(r"^  - name: (\S+)", block, re.M)
        for number, (group, name, code) in enumerate(UNIT_NAMES[:units]):
            slug = code.lower()
            folder = data / "units" / slug
            folder.mkdir(parents=True)
            for part in UNIT_DATA:
                source = self.project / "data" / "units" / TEMPLATE_UNIT / part
                (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / part)
            agency = (template.replace("示例区统计局", f"示例区{name}").replace("区统计局", f"区{name}")
                      .replace("SLQ-TJJ", f"SLQ-{code}").replace("tjj-editors", f"{slug}-editors")
                      .replace("tjj@", f"{slug}@").replace("tjjgk@", f"{slug}gk@")
                      .replace("11350199MB0000000X", f"11350199MB{number:07d}X"))
            agency = re.sub(r"^group: \S+", f"group: {group}", agency, flags=re.M)
            agency = re.sub(r"^order: \d+", f"order: {number}", agency, flags=re.M)
            (folder / "agency.yaml").write_text(agency, encoding="utf-8")
            shutil.copytree(self.project / "content" / TEMPLATE_UNIT / "pages", self.root / "content" / slug / "pages")
            for page in (self.root / "content" / slug / "pages").glob("*.md"):
                page.write_text(page.read_text(encoding="utf-8").replace("示例区统计局", f"示例区{name}")
                                .replace("本局", "本单位"), encoding="utf-8")
            self.units.append((slug, f"示例区{name}", f"SLQ-{code}", departments))
        shutil.copytree(self.project / "content" / "pages", self.root / "content" / "pages")

    def next_index(self, unit, year):
        key = (unit[0], year)
        self.serials[key] = self.serials.get(key, 0) + 1
        return f"{unit[2]}/{year}-{self.serials[key]:05d}", self.serials[key]

    def earlier(self, kinds, before, limit=60):
        """A recent item of one of ``kinds`` published before ``before``, or None."""
        pool = [item for kind in kinds for item in self.items[kind][-limit:] if item[1] < before]
        return self.rng.choice(pool) if pool else None

    def item(self, number, kind):
        rng = self.rng
        unit = self.units[number % len(self.units)]
        day = datetime.date(FIRST_YEAR, 1, 2) + datetime.timedelta(
            days=(BUILD_DATE - datetime.date(FIRST_YEAR, 1, 2)).days * number // self.count)
        target = None
        if kind == "interpretation":  # published with its document, as the 3-working-day rule asks
            target = self.earlier(("normative", "document"), day + datetime.timedelta(days=1), limit=8)
            kind, day = ("interpretation", target[1]) if target else ("notice", day)
        while day.weekday() >= 5:
            day -= datetime.timedelta(days=1)
        year = day.year - 1  # the year a report published now reports on
        if kind == "report" and ((unit[0], year) in self.reports or year < FIRST_YEAR or year > 2021):
            kind = "notice"  # one report per unit and year; from 2020 only the years the sample has figures for
        index, serial = self.next_index(unit, day.year)
        genre = {"normative": "办法", "plan": "方案", "interpretation": "解读", "statistics": "公报",
                 "consultation": "公告", "report": "报告"}.get(kind) or rng.choice(("通知", "意见", "通报", "函"))
        subject = rng.choice(self.clauses)[:18]
        title = {"report": f"{unit[1]}{year}年政府信息公开工作年度报告", "interpretation": f"《{subject}》政策解读",
                 "consultation": f"关于公开征求《{subject}（征求意见稿）》意见的公告"}.get(kind, f"{unit[1]}关于{subject}的{genre}")
        meta = {"title": title, "type": kind, "index_number": index, "publish_date": day.isoformat(),
                "topic": "国民经济管理、国有资产监管/统计", "genre": genre, "department": rng.choice(unit[3]),
                "keywords": [rng.choice(self.clauses)[:6], rng.choice(self.clauses)[:6]]}
        if kind == "normative":
            meta.update(doc_number=f"示{unit[1][3]}规〔{day.year}〕{serial}号", effective_date=day.isoformat())
            older = self.earlier(("normative",), day - datetime.timedelta(days=30))
            if older and older[0] not in self.targeted and rng.random() < 0.15:
                self.targeted.add(older[0])
                meta["repeals" if rng.random() < 0.5 else "amends"] = [older[0]]
        elif kind == "interpretation":
            meta.update(interprets=[target[0]], interpreter=f"{unit[1]}办公室", form="文字解读")
        elif kind == "statistics":
            meta.update(period=str(year), **({"datasets": [SERIES]} if year >= SERIES_FROM else {}))
        elif kind == "consultation":
            meta.update(opens=day.isoformat(), closes=(day + datetime.timedelta(days=30)).isoformat())
        elif kind == "report":
            meta["year"] = year
            self.reports.add((unit[0], year))
        if kind in self.items:
            self.items[kind].append((index, day, unit[0]))
        links = [found[0] for found in (self.earlier(("normative", "document"), day) for _ in range(2)) if found]
        folder = self.root / "content" / unit[0] / TYPE_FOLDERS[kind]
        folder.mkdir(parents=True, exist_ok=True)
        front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
        path = folder / f"{day.year}-{serial:05d}.md"
        path.write_text(f"---\n{front}\n---\n\n{self.body(links)}\n", encoding="utf-8")
        return path

    def write_annual_figures(self):
        """The sample's figures for the report years that have a report item (2020 on need them)."""
        source = self.project / "data" / "units" / TEMPLATE_UNIT / "annual"
        for slug, year in sorted(self.reports):
            if (source / f"{year}.yaml").is_file():
                folder = self.root / "data" / "units" / slug / "annual"
                folder.mkdir(exist_ok=True)
                shutil.copy(source / f"{year}.yaml", folder / f"{year}.yaml")


def generate_site(root, count, project=ROOT, seed=1):
    """A site of ``count`` items under ``root``; returns ``root``."""
    writer = Writer(root, count, project, seed)
    writer.write_units()
    kinds = [kind for kind, share in TYPE_MIX for _ in range(share)]
    for number in range(count):
        writer.item(number, kinds[(number * 37) % len(kinds)])
    writer.write_annual_figures()
    codeowners.write(str(project / "pelicanconf.py"), site_root=Path(root))
    return Path(root)


def one_item(root):
    """A notice of the generated site, for the edit measurements."""
    return next(p for p in sorted((Path(root) / "content").glob("*/notices/*.md")))
