"""The 规范性文件 lifecycle pages: the 制度文件汇编 and the 清理结果.

Both follow from validity on the build date, so a nightly build keeps them
current (动态更新) without anyone editing them.
"""

import logging
import re

from pelican.utils import get_relative_path, path_to_url

from . import relations, views
from .writing import PageGenerator
from .reader import SITE_SETTING
from .validation import category_for

log = logging.getLogger(__name__)

COMPILATION_FACTS = ("index_number", "doc_number", "effective_date", "expiry_date", "registration_number")
BODY_HEADING = re.compile(r"<(/?)h([2-5])(?=[ >])")
IN_PAGE_TARGET = re.compile(r'(\bid="|\bhref="#)')
END_CAUSES = {"repealed": "废止", "expired": "失效"}


def compilation_view(site, body_of):
    """Every document in force, oldest first, with its full text; ``body_of(record)`` gives its HTML."""
    labels = dict(views.METADATA_FIELDS)
    documents = []
    for record in reversed(site.newest_first()):
        if record.validity not in relations.IN_FORCE:
            continue
        anchor = record.meta["slug"]
        # The title is an h2 here, so body headings move one level down; their ids get the
        # document's prefix so that two documents never share an id.
        body = BODY_HEADING.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}", body_of(record))
        documents.append({
            "anchor": anchor, "title": record.meta["title"], "url": record.url,
            "doc_number": record.meta.get("doc_number", ""),
            "facts": [{"label": labels[key], "value": str(record.meta[key])}
                      for key in COMPILATION_FACTS if record.meta.get(key)],
            "banner": views.validity_banner(site, record),
            "body": IN_PAGE_TARGET.sub(rf"\1{anchor}-", body),
            "attachments": views.attachment_links(record),
        })
    return {"title": views.COMPILATION_TITLE, "build_date": site.build_date.isoformat(), "documents": documents}


def cleanup_view(site):
    """Documents repealed or expired by the build date, grouped by the year they stopped applying."""
    years = {}
    for record in site.records:
        ended = relations.end_of_force(record, site.build_date)
        if ended:
            years.setdefault(ended[0].year, []).append((ended, record))
    sections = []
    for year in sorted(years, reverse=True):
        rows = []
        for (day, state), record in sorted(years[year], key=lambda entry: (entry[0][0], entry[1].index_number)):
            repealers = site.newest_first(record.links["repealed_by"]) if state == "repealed" else []
            rows.append(dict(views.item_row(site, record), date=day.isoformat(), result=END_CAUSES[state],
                             basis=[views.item_row(site, r) for r in repealers],
                             basis_text="" if repealers else f"有效期至 {day}，期满失效"))
        sections.append({"year": year, "caption": f"{year} 年废止和失效的文件（{len(rows)} 件）", "rows": rows})
    return {"title": views.CLEANUP_TITLE, "build_date": site.build_date.isoformat(), "years": sections}


class LifecycleGenerator(PageGenerator):
    """Writes the 制度文件汇编 and the 清理结果 below the 规范性文件 list."""

    def generate_output(self, writer):
        site = self.settings[SITE_SETTING]
        category = category_for(site.taxonomy, {"type": "normative"})
        if category is None:
            return
        base = category["slug"] + "/"
        trail = [{"name": category["name"], "url": base}]
        name = base + views.COMPILATION_PATH + "index.html"
        siteurl = path_to_url(get_relative_path(name))  # the bodies' links must be relative to this page
        articles = {id(a.record): a for a in self.context.get("articles", ())}
        compilation = compilation_view(site, lambda record: articles[id(record)].get_content(siteurl))
        self.write_page(writer, name, "compilation", compilation=compilation,
                        trail=trail + [{"name": compilation["title"]}])
        cleanup = cleanup_view(site)
        self.write_page(writer, base + views.CLEANUP_PATH + "index.html", "cleanup", cleanup=cleanup,
                        trail=trail + [{"name": cleanup["title"]}])
        log.info("disclosure: compiled %d documents in force", len(compilation["documents"]))
