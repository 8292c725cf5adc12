"""Writes each unit's 政务新媒体 page and the portal's 政务新媒体矩阵."""

from ..views import new_media
from .writing import PageGenerator


class NewMediaGenerator(PageGenerator):
    def generate_output(self, writer):
        for page in new_media.pages(self.site):
            self.write_page(writer, page)
