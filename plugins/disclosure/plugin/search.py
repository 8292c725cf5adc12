"""Writes the search page, the identifier files it looks 文号 and 索引号 up in, and, on a
large site, the compact district index it searches when no unit is chosen. The preview's rebuilds
leave that index to the background (``settings.LATER``), as they leave the Pagefind bundles."""

from functools import partial

from ..model.forking import trim_heap
from ..settings import LATER, LEDGER
from ..views import compact_index, search, urls
from .ledger import KeptByInputs, together
from .writing import PageGenerator


class SearchGenerator(PageGenerator):
    kept_entries = {}  # the preview's: identifier entries by their records' inputs (ledger.KeptByInputs)
    kept_filters = {}  # the preview's: the search page's filter values of each record, kept likewise

    def generate_output(self, writer):
        site = self.site
        compact = None
        if compact_index.used(site):
            compact = compact_index.layout(site)
            later = self.settings.get(LATER)
            if later:
                for path in compact_index.paths(site):
                    self.settings[LEDGER].keep(path)
                later(lambda: self.write_compact(site))
            else:
                self.write_compact(site)
        inputs = self.record_inputs()
        with together(self.settings, urls.SEARCH, compact, inputs and [inputs[record.file] for record in site.records]) as needed:
            if needed:
                filters = KeptByInputs(inputs, self.kept_filters, partial(search.filter_values, site))
                self.write_page(writer, search.page(site, compact, filters.__getitem__))
                self.kept_filters = filters.for_next()
                entries = KeptByInputs(inputs, self.kept_entries, search.identifier_entry)
                for key, shard in search.identifier_shards(site, entries.__getitem__).items():
                    self.write_json(f"{urls.SEARCH_IDS}{key}.json", shard, compact=True)
                self.kept_entries = entries.for_next()
        trim_heap()  # as after the catalogue's exports: the compact index and the shards are let go

    def write_compact(self, site):
        for path, data in compact_index.files(site).items():
            self.write_json(path, data, compact=True)
