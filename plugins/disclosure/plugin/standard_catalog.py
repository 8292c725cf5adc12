"""Writes standard-catalog/ and, when the catalogue exists, standard-catalog.csv."""

from ..views import standard_catalog, urls
from .writing import PageGenerator


class StandardCatalogGenerator(PageGenerator):
    def generate_output(self, writer):
        self.write_page(writer, standard_catalog.page(self.site))
        if self.site.standard_catalog:
            self.write_csv(urls.STANDARD_CATALOG_CSV, standard_catalog.CSV_HEADER,
                           standard_catalog.csv_rows(self.site.standard_catalog))
