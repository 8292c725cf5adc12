"""Writes the 答复文书范本 pages below 依申请公开."""

from ..views import replies
from .writing import PageGenerator


class ReplyTemplatesGenerator(PageGenerator):
    def generate_output(self, writer):
        for page in replies.pages(self.site):
            self.write_page(writer, page)
