"""Writes the portal's and every unit's home and 公开目录 pages, catalog.json/csv at both levels,
and the published JSON Schemas."""

import shutil
from pathlib import Path

from .. import settings as config
from ..model.forking import trim_heap
from ..model.schema import SCHEMA_DIR
from ..views import catalog, urls
from .ledger import KeptByInputs
from .parts import writes
from .writing import PageGenerator, csv_line, json_line


class CatalogGenerator(PageGenerator):
    kept_entries = {}  # the preview's: export entries by their records' inputs (ledger.KeptByInputs)

    def generate_output(self, writer):
        site, inputs = self.site, self.record_inputs()
        row_key = None if inputs is None else (lambda record: inputs[record.file])
        listings = catalog.Catalog(site, config.page_size(self.settings), row_key)
        for page in listings.pages():
            self.write_page(writer, page)
        entries = KeptByInputs(inputs, self.kept_entries, self._entry)  # making 12,500 entries took a second
        self._write_exports(None, listings.newest, entries)
        for unit, records in listings.unit_newest.items():
            self._write_exports(unit, records, entries)
        self.kept_entries = entries.for_next()
        if writes(self.settings, urls.SCHEMAS):
            shutil.copytree(SCHEMA_DIR, Path(self.output_path, urls.SCHEMAS), dirs_exist_ok=True)
        # The exports' lines are let go, but the C library would keep their memory (30 MB at 10,000
        # documents) while the search index's runs go on beside the build.
        trim_heap()

    def _write_exports(self, unit, records, entries):
        """catalog.json and catalog.csv of ``records``, compared by their entries' keys and made only
        when these changed."""
        header = [label for _, label in catalog.CSV_COLUMNS]
        made_from = [entries.key(record) for record in records]
        self.write_json_lines(urls.within(unit, urls.CATALOG_JSON), lambda: [entries[record][0] for record in records],
                              made_from=made_from)
        self.write_csv(urls.within(unit, urls.CATALOG_CSV), header, lambda: [entries[record][1] for record in records],
                       made_from=made_from, encoded=True)

    def _entry(self, record):
        """A record's catalog.json line and catalog.csv row."""
        item = catalog.export_item(self.site, record)
        return json_line(item), csv_line(catalog.csv_row(self.site, item, record))
