"""The loaded site: the portal, its units, every record, every checked data file and the problems
found on the way. ``load.load_site`` fills it stage by stage; later stages only read it.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problems
from .schema import Schemas
from .source import display_path


@dataclass(eq=False)
class Unit:
    """One unit of the district (区政府办, a 局, a 乡镇/街道): its section of the site.

    Everything about it lives in data/units/<slug>/ and content/<slug>/; nothing is hard-coded.
    """

    slug: str
    agency: dict  # data/units/<slug>/agency.yaml
    data_dir: Path  # data/units/<slug>/
    content_dir: Path  # content/<slug>/
    group: dict = None  # its entry of data/site.yaml's groups
    agency_source: object = None  # agency.yaml as a source.Source, for line numbers
    records: list = field(default_factory=list)  # its catalogued items, in file order
    scheduled: list = field(default_factory=list)  # its items dated after the build date (model.relations)
    pages: list = field(default_factory=list)  # its standalone pages (指南, 制度, 机构职能, 依申请公开)
    series: dict = field(default_factory=dict)  # CSV file name → data.series.Series
    annual: dict = field(default_factory=dict)  # year → data.annual.Report
    powers: list = field(default_factory=list)  # data.powers.Power, in kind order, then by code
    standard_catalog: dict = None  # standard_catalog.yaml, checked; None without the file
    funds: dict = field(default_factory=dict)  # CSV file name → data.funds.FundsTable (政策资金, names masked)

    @property
    def name(self):
        return self.agency["name"]

    def page(self, template):
        """The unit's standalone page of that template (指南 guide, 依申请公开 apply …), or None."""
        return next((page for page in self.pages if page.meta.get("template") == template), None)


@dataclass
class Site:
    settings: dict
    build_date: datetime.date
    data_dir: Path  # data/ of this site
    schemas: Schemas
    problems: Problems = field(default_factory=Problems)
    portal: dict = field(default_factory=dict)  # data/site.yaml
    portal_source: object = None  # data/site.yaml as a source.Source, for line numbers
    taxonomy: dict = field(default_factory=dict)  # data/taxonomy.yaml
    taxonomy_source: object = None  # its source.Source, for the line of a key
    holidays: frozenset = frozenset()  # data/holidays.yaml, for working-day deadlines
    units: dict = field(default_factory=dict)  # slug → Unit, in display order (group, then order, then slug)
    records: list = field(default_factory=list)  # every unit's catalogued items (model.records.Record)
    pages: list = field(default_factory=list)  # the portal's and every unit's standalone pages
    scheduled: list = field(default_factory=list)  # items dated after the build date, held back (model.relations)
    by_index: dict = field(default_factory=dict)  # index number → record
    by_file: dict = field(default_factory=dict)  # absolute file path → record or page
    reply_templates: object = None  # data.replies.Templates from data/reply_templates.yaml; None without it
    inspection: dict = None  # data/inspection.yaml, checked; None without it (only invoke inspect needs it)
    website_reports: dict = field(default_factory=dict)  # year → data.website_report.WebsiteReport
    _newest: tuple = field(default=None, repr=False)  # (records, them newest first), for ``newest_first``

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
        """``records`` (default: every record), newest first; every record's order is sorted once."""
        if records is not None:
            return sorted(records, key=_newest_key, reverse=True)
        if self._newest is None or self._newest[0] is not self.records or len(self._newest[1]) != len(self.records):
            self._newest = self.records, sorted(self.records, key=_newest_key, reverse=True)
        return list(self._newest[1])


def _newest_key(record):
    return record.publish_date, record.index_number
