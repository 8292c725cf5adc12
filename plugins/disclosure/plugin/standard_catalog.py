"""Writes each unit's standard-catalog/ and, when it has a catalogue, its standard-catalog.csv."""

from ..views import standard_catalog, urls
from .writing import PageGenerator


class StandardCatalogGenerator(PageGenerator):
    def generate_output(self, writer):
        for page in standard_catalog.pages(self.site):
            self.write_page(writer, page)
        for unit in self.site.units.values():
            if unit.standard_catalog:
                self.write_csv(urls.within(unit, urls.STANDARD_CATALOG_CSV), standard_catalog.CSV_HEADER,
                               standard_catalog.csv_rows(unit.standard_catalog))
