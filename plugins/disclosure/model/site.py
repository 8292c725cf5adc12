"""The loaded site: every record, every checked data file and the problems found on the way.

``load.load_site`` fills it stage by stage; later stages only read it.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problems
from .schema import Schemas
from .source import display_path


@dataclass
class Site:
    settings: dict
    build_date: datetime.date
    data_dir: Path  # data/ of this site
    schemas: Schemas
    problems: Problems = field(default_factory=Problems)
    agency: dict = field(default_factory=dict)  # data/agency.yaml
    taxonomy: dict = field(default_factory=dict)  # data/taxonomy.yaml
    holidays: frozenset = frozenset()  # data/holidays.yaml, for working-day deadlines
    records: list = field(default_factory=list)  # catalogued items (model.records.Record)
    pages: list = field(default_factory=list)  # standalone pages (Record with is_page)
    by_index: dict = field(default_factory=dict)  # index number → record
    by_file: dict = field(default_factory=dict)  # absolute file path → record or page
    series: dict = field(default_factory=dict)  # CSV file name → data.series.Series
    annual: dict = field(default_factory=dict)  # year → data.annual.Report
    powers: list = field(default_factory=list)  # data.powers.Power, in kind order, then by code
    standard_catalog: dict = None  # data/standard_catalog.yaml, checked; None without the file
    reply_templates: object = None  # data.replies.Templates from data/reply_templates.yaml; None without it

    def label(self, group, key):
        """The Chinese label of a type or validity key, from taxonomy.yaml."""
        return self.taxonomy.get(group, {}).get(key, key)

    def read_data(self, path, schema_name):
        """A data file checked against its schema, as a ``Source``; None (with errors reported) if broken."""
        if not path.exists():
            self.problems.error(display_path(path), 1, "", f"找不到数据文件 {display_path(path)}。")
            return None
        source, clean = self.schemas.check_file(path, schema_name, self.problems)
        return source if clean else None

    def newest_first(self, records=None):
        return sorted(self.records if records is None else records,
                      key=lambda r: (r.meta["publish_date"], r.index_number), reverse=True)
