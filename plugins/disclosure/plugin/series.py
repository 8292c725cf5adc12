"""Publishes every statistical series as a CSV download (UTF-8 with BOM, so Excel opens it)."""

from ..views import urls
from .writing import PageGenerator


class SeriesGenerator(PageGenerator):
    def generate_output(self, writer):
        for unit in self.site.units.values():
            for series in unit.series.values():
                self.write_text(urls.series(unit, series.name), series.text, encoding="utf-8-sig")
