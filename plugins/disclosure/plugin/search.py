"""Writes the search page and the per-year identifier files it looks 文号 and 索引号 up in."""

from ..views import search, urls
from .writing import PageGenerator


class SearchGenerator(PageGenerator):
    def generate_output(self, writer):
        site = self.site
        self.write_page(writer, search.page(site))
        for year, entries in search.identifier_shards(site).items():
            self.write_json(f"{urls.SEARCH_IDS}{year}.json", entries, compact=True)
