"""Files → validated records: load data and content, check each file on its own.

``load_site`` is the one entry point used by ``invoke check`` and by the
Pelican build, so both report exactly the same problems.
"""

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import annual, chart_blocks, powers, relations, reply_guard, reply_pages, series, standard_catalog
from .problems import Problems
from .schema import Schemas
from .source import SourceError, display_path, read_data_file
from .validation import ATTACHMENTS_DIR, RecordChecker, check_unique_index_numbers

# Concern modules with ``load(site)``: each validates its own data files into the site,
# after the content records and their relations exist.
DATA_MODULES = (series, chart_blocks, annual, powers, standard_catalog, reply_pages, reply_guard)
CONTENT_SUFFIX = ".md"


@dataclass
class Site:
    settings: dict
    agency: dict
    taxonomy: dict
    build_date: datetime.date
    data_dir: Path = None  # data/ of this site, for the DATA_MODULES
    records: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    holidays: frozenset = frozenset()
    schemas: Schemas = None
    data_dir: Path = None
    annual: dict = field(default_factory=dict)  # year → annual.Report, from data/annual/YYYY.yaml
    series: dict = field(default_factory=dict)  # CSV file name → series.Series

    by_index: dict = field(default_factory=dict)  # index number → record
    by_file: dict = field(default_factory=dict)  # absolute file path → record

    def label(self, group, key):
        """The Chinese label of a type or validity key, from taxonomy.yaml."""
        return self.taxonomy.get(group, {}).get(key, key)

    def read_data(self, path, schema_name):
        """A data file checked against its schema, as a ``Source``; None (with errors reported) if broken."""
        return _load_data(path, self.schemas, schema_name, self.problems)

    def newest_first(self, records=None):
        return sorted(self.records if records is None else records,
                      key=lambda r: (r.meta["publish_date"], r.index_number), reverse=True)


def build_date(settings):
    """The date validity is computed for: BUILD_DATE from the environment or settings, else today."""
    value = os.environ.get("BUILD_DATE") or settings.get("BUILD_DATE")
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value) if value else datetime.date.today()


def load_site(settings, schemas=None):
    """Read data and content under the settings' paths; never raises for content errors."""
    schemas = schemas or Schemas()
    problems = Problems()
    content = Path(settings["PATH"])
    data_dir = Path(settings.get("DISCLOSURE_DATA_PATH") or content.parent / "data")
    agency = _load_data(data_dir / "agency.yaml", schemas, "agency.schema.json", problems)
    taxonomy = _load_data(data_dir / "taxonomy.yaml", schemas, "taxonomy.schema.json", problems)
    site = Site(settings, agency.data if agency else {}, taxonomy.data if taxonomy else {},
                build_date(settings), problems=problems, schemas=schemas, data_dir=data_dir,
                holidays=_load_holidays(data_dir / "holidays.yaml", problems))
    if agency is None or taxonomy is None:
        return site
    checker = RecordChecker(site, schemas, content, data_dir)
    for path in content_files(content, problems):
        record = checker.check(path)
        if record is not None:
            (site.pages if record.is_page else site.records).append(record)
    check_unique_index_numbers(site)
    site.by_index = {r.index_number: r for r in reversed(site.records)}
    site.by_file = {r.file: r for r in site.records + site.pages}
    relations.derive(site)
    for module in DATA_MODULES:
        module.load(site)
    return site


def content_files(content, problems):
    """Every Markdown file under content/ except attachments; any other file there is an error,
    so nothing a clerk adds is silently left out of the site."""
    files = []
    for path in sorted(content.rglob("*")):
        relative = path.relative_to(content)
        if path.is_dir() or relative.parts[0] == ATTACHMENTS_DIR or path.name.startswith("."):
            continue
        if path.suffix == CONTENT_SUFFIX:
            files.append(path)
        else:
            problems.error(display_path(path), 1, "-", f"不支持的文件类型“{path.suffix or path.name}”：条目请写成 .md 文件；附件请放到 content/attachments/ 下。")
    return files


def _load_data(path, schemas, schema_name, problems):
    if not path.exists():
        problems.error(display_path(path), 1, "", f"找不到数据文件 {display_path(path)}。")
        return None
    source, clean = schemas.check_file(path, schema_name, problems)
    return source if clean else None


def _load_holidays(path, problems):
    """Optional data/holidays.yaml: a list of public holidays, for working-day deadlines."""
    if not path.exists():
        return frozenset()
    shown = display_path(path)
    try:
        source = read_data_file(path, shown)
    except SourceError as exc:
        problems.error(shown, exc.line, exc.field, exc.message)
        return frozenset()
    days = set()
    for number, value in enumerate(source.data or ()):
        try:
            days.add(datetime.date.fromisoformat(str(value)))
        except ValueError:
            problems.error(shown, source.line(number), f"[{number}]", f"日期“{value}”无效，应为 YYYY-MM-DD。")
    return frozenset(days)
