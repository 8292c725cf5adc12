"""Writes the application form of 依申请公开; the fixed-column pages get their views by signal."""

from ..views import columns
from .writing import PageGenerator


class ColumnsGenerator(PageGenerator):
    def generate_output(self, writer):
        for page in columns.form_pages(self.site):
            self.write_page(writer, page)
