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
        items = {id(r): catalog.export_item(site, r) for r in records}
        self._write_exports(None, records, items)
        for unit in site.units.values():
            self._write_exports(unit, [r for r in records if r.unit is unit], items)
        if writes(self.settings, urls.SCHEMAS):
            shutil.copytree(SCHEMA_DIR, Path(self.output_path, urls.SCHEMAS), dirs_exist_ok=True)

    def _write_exports(self, unit, records, items):
        chosen = [items[id(r)] for r in records]
        self.write_json(urls.within(unit, urls.CATALOG_JSON), chosen)
        self.write_csv(urls.within(unit, urls.CATALOG_CSV), [label for _, label in catalog.CSV_COLUMNS],
                       catalog.csv_rows(self.site, chosen, records))
