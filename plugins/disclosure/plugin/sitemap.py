"""sitemap.xml from what was written, as the pelican-plugins ``sitemap`` plugin does: every HTML
page any generator writes is heard through ``content_written``, so generator order does not matter.
"""

import os
from xml.sax.saxutils import escape

from ..views import urls
from .writing import INDEX_FILE, LASTMOD

SITEMAP = "DISCLOSURE_SITEMAP"  # settings key: this build's Sitemap


class Sitemap:
    def __init__(self):
        self.entries = {}  # url relative to the site root → lastmod date or None

    def add(self, path, context):
        if not path.endswith(".html"):
            return
        url = os.path.relpath(path, context["OUTPUT_PATH"]).replace(os.sep, "/").removesuffix(INDEX_FILE)
        self.entries[url] = _lastmod(context)

    def write(self, output_path, siteurl):
        base = siteurl.rstrip("/")
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        for url, lastmod in sorted(self.entries.items()):
            loc = escape(f"{base}/{url}" if base else url or "./")
            lines.append(f"<url><loc>{loc}</loc>" + (f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else "") + "</url>")
        lines.append("</urlset>")
        with open(os.path.join(output_path, urls.SITEMAP), "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")


def _lastmod(context):
    """A document's last change (publication or a later entry of its 修订记录), else what the view gave."""
    article = context.get("article")
    if article is not None and hasattr(article, "record"):
        meta = article.record.meta
        dates = [meta["publish_date"]] + [c["date"] for c in meta.get("changes") or ()]
        return max(d for d in dates if hasattr(d, "isoformat"))
    return context.get(LASTMOD)
