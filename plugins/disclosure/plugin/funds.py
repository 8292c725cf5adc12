"""Publishes every 政策资金 table as a CSV download (UTF-8 with BOM), rewritten from its checked rows,
so a natural person's name is as masked there as on the page."""

from ..views import funds, urls
from .writing import PageGenerator


class FundsGenerator(PageGenerator):
    def generate_output(self, writer):
        for unit in self.site.units.values():
            for table in unit.funds.values():
                rows = funds.csv_rows(table)
                self.write_csv(urls.funds(unit, table.name), next(rows), rows)
