"""Writes the home page, the 公开目录 listings, catalog.json/csv and the published JSON Schemas."""

import shutil
from pathlib import Path

from .. import settings as config
from ..model.schema import SCHEMA_DIR
from ..views import catalog, urls
from .writing import PageGenerator


class CatalogGenerator(PageGenerator):
    def generate_output(self, writer):
        site = self.site
        for page in catalog.pages(site, config.page_size(self.settings), self._category_feed):
            self.write_page(writer, page)
        records = site.newest_first()
        items = [catalog.export_item(site, r) for r in records]
        self.write_json(urls.CATALOG_JSON, items)
        self.write_csv(urls.CATALOG_CSV, [label for _, label in catalog.CSV_COLUMNS], catalog.csv_rows(site, items, records))
        shutil.copytree(SCHEMA_DIR, Path(self.output_path, urls.SCHEMAS), dirs_exist_ok=True)

    def _category_feed(self, slug):
        """A category's Atom feed, which Pelican writes for every category with items."""
        pattern = self.settings.get("CATEGORY_FEED_ATOM")
        return pattern.format(slug=slug) if pattern else None
