"""Writes the 制度文件汇编 and the 清理结果 below the 规范性文件 list."""

from pelican.utils import get_relative_path, path_to_url

from ..model.forking import trim_heap
from ..views import lifecycle
from .articles import forget_memoized
from .ledger import together
from .writing import INDEX_FILE, PageGenerator


class LifecycleGenerator(PageGenerator):
    def generate_output(self, writer):
        articles = {id(a.record): a for a in self.context.get("articles", ())}

        def body_of(record, url):
            # Pelican resolves {filename} links relative to the page that shows the body.
            return articles[id(record)].get_content(path_to_url(get_relative_path(url + INDEX_FILE)))

        site, inputs = self.site, self.record_inputs()
        for unit in lifecycle.units(site):
            sources = inputs and [inputs[record.file] for record in lifecycle.sources(site, unit)]
            with together(self.settings, f"lifecycle {unit.slug}", site.build_date, sources) as needed:
                for page in lifecycle.pages(site, unit, body_of) if needed else ():
                    self.write_page(writer, page)
        forget_memoized()  # get_content kept each body it made, the normative documents' whole text
        trim_heap()
