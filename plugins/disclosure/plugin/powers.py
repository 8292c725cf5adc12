"""Writes each unit's 权责清单 pages, powers.json and powers.csv."""

from ..views import powers, urls
from .writing import PageGenerator


class PowersGenerator(PageGenerator):
    def generate_output(self, writer):
        for page in powers.pages(self.site):
            self.write_page(writer, page)
        for unit in self.site.units.values():
            self.write_json(urls.within(unit, urls.POWERS_JSON), [powers.export(unit, p) for p in unit.powers])
            self.write_csv(urls.within(unit, urls.POWERS_CSV), [label for _, label in powers.CSV_COLUMNS], powers.csv_rows(unit))
