"""Publishes every statistical series as a CSV download (UTF-8 with BOM, so Excel opens it)."""

from ..views import spreadsheet, urls
from .writing import PageGenerator


class SeriesGenerator(PageGenerator):
    def generate_output(self, writer):
        for unit in self.site.units.values():
            for series in unit.series.values():
                self.write_csv(urls.series(unit, series.name), *_split(spreadsheet.series_rows(series)))


def _split(rows):
    header = next(rows)
    return header, rows
