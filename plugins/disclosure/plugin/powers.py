"""Writes the 权责清单 pages, powers.json and powers.csv."""

from ..views import powers, urls
from .writing import PageGenerator


class PowersGenerator(PageGenerator):
    def generate_output(self, writer):
        site = self.site
        for page in powers.pages(site):
            self.write_page(writer, page)
        self.write_json(urls.POWERS_JSON, [powers.export(p) for p in site.powers])
        self.write_csv(urls.POWERS_CSV, [label for _, label in powers.CSV_COLUMNS], powers.csv_rows(site))
