"""Writes the portal's and every unit's home and 公开目录 pages, catalog.json/csv at both levels,
and the published JSON Schemas."""

import shutil
from pathlib import Path

from .. import settings as config
from ..model.schema import SCHEMA_DIR
from ..views import catalog, urls
from .parts import writes
from .writing import PageGenerator


class CatalogGenerator(PageGenerator):
    def generate_output(self, writer):
        site = self.site
        for page in catalog.Catalog(site, config.page_size(self.settings)).pages():
            self.write_page(writer, page)
        records = site.newest_first()
        items, inputs = {}, self._inputs()  # items: record → its catalog.json entry, made once
        self._write_exports(None, records, items, inputs)
        for unit in site.units.values():
            self._write_exports(unit, [r for r in records if r.unit is unit], items, inputs)
        if writes(self.settings, urls.SCHEMAS):
            shutil.copytree(SCHEMA_DIR, Path(self.output_path, urls.SCHEMAS), dirs_exist_ok=True)

    def _write_exports(self, unit, records, items, inputs):
        """catalog.json and catalog.csv of ``records``. In the preview they are compared by their records'
        inputs, which the entries are made from, and made only when these changed: making and comparing
        10,000 entries took 2 s of each rebuild."""
        def entries():
            for record in records:
                if record not in items:
                    items[record] = catalog.export_item(self.site, record)
            return [items[record] for record in records]

        def rows():
            return catalog.csv_rows(self.site, entries(), records)

        header = [label for _, label in catalog.CSV_COLUMNS]
        json_path, csv_path = urls.within(unit, urls.CATALOG_JSON), urls.within(unit, urls.CATALOG_CSV)
        if inputs is None:
            self.write_json(json_path, entries())
            self.write_csv(csv_path, header, rows())
        else:
            made_from = [inputs[record.file] for record in records]
            self.write_json(json_path, entries, made_from=made_from)
            self.write_csv(csv_path, header, rows, made_from=made_from)

    def _inputs(self):
        """Each document's inputs (``plugin.ledger.record_inputs``) by file, in the preview, which keeps
        them on the articles; None in a build."""
        if not self.settings.get(config.LEDGER):
            return None
        return {article.record.file: article.inputs for article in self.context["articles"]}
