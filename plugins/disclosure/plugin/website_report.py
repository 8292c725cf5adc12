"""Writes the 政府网站工作年度报表 pages: the list of years and one page per year."""

from ..views import website_report
from .writing import PageGenerator


class WebsiteReportGenerator(PageGenerator):
    def generate_output(self, writer):
        for page in website_report.pages(self.site):
            self.write_page(writer, page)
