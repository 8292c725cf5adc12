"""Writes the portal's 办事指南 of every unit and each guide's printable 申请材料清单."""

from ..views import guides
from .writing import PageGenerator


class GuidesGenerator(PageGenerator):
    def generate_output(self, writer):
        portal = guides.portal_page(self.site)
        for page in ([portal] if portal else []) + list(guides.checklist_pages(self.site)):
            self.write_page(writer, page)
