"""The Pelican reader: hands Pelican the records and bodies the plugin already has.

Front matter was parsed and validated once by ``load.load_site`` and every body was rendered
by ``plugin.bodies``; nothing is parsed again here.
"""

import datetime
import os

from pelican.readers import BaseReader
from pelican.urlwrappers import Category

from ..model.problems import processing
from ..model.relations import due
from ..model.source import display_path
from ..settings import BODIES, site_of


class DisclosureReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def read(self, source_path):
        with processing(display_path(source_path)):
            return self._read(source_path)

    def _read(self, source_path):
        site = site_of(self.settings)
        record = site.by_file[os.path.abspath(source_path)]
        meta = record.meta
        metadata = {"title": meta["title"], "slug": meta["slug"], "record": record}
        if record.is_page:
            if meta.get("template"):
                metadata["template"] = meta["template"]
            return self.settings[BODIES][record.file], metadata
        category = Category(record.category["name"], self.settings)
        category.slug = record.category["slug"]
        published = meta["publish_date"]
        metadata.update(
            date=datetime.datetime(published.year, published.month, published.day),
            category=category,
            catalog_order=(published, meta["index_number"]),
        )
        if not due(site, record):  # 定时发布: a draft, which Pelican does not write (DRAFT_SAVE_AS is empty)
            return "", dict(metadata, status="draft")
        return self.settings[BODIES][record.file], metadata

