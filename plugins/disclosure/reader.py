"""The Pelican reader: Markdown bodies of already-validated records → safe HTML.

Front matter was parsed and validated once by ``site.load_site``; this reader
takes the record from there instead of parsing the file again.
"""

import datetime
import hashlib
import multiprocessing
import os
import pickle
import re
from pathlib import Path

import nh3
from markdown import Markdown
from pelican.readers import BaseReader
from pelican.urlwrappers import Category

from . import chart_blocks
from .relations import DOC_LINK

SITE_SETTING = "DISCLOSURE_SITE"
CACHE_SETTING = "DISCLOSURE_RENDER_CACHE"
CACHE_FILE = "disclosure-render.pickle"
PARALLEL_MINIMUM = 200  # below this many bodies to render, starting worker processes costs more than it saves
MARKDOWN_EXTENSIONS = ["markdown.extensions.extra", "markdown.extensions.sane_lists"]
ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
    "em", "h2", "h3", "h4", "h5", "h6", "hr", "img", "ins", "li", "ol", "p", "pre",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
HEADER_CELL = re.compile(r"<th(?=[ >])(?![^>]*scope=)")
HEADING = re.compile(r"<(/?)h1([ >])")


def sanitize(html):
    """Keep only the allowlisted tags, attributes and URL schemes."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel=None)


def render_markdown(markdown, text):
    """Markdown → sanitized HTML; body headings start at h2 under the page title."""
    html = markdown.reset().convert(text)
    html = HEADING.sub(r"<\1h2\2", html)
    html = HEADER_CELL.sub('<th scope="col"', sanitize(html))
    return html


def prepare(site, record):
    """The body as Markdown will see it, and the chart blocks to insert after sanitizing."""
    body, charts = chart_blocks.take(site, record, record.source.body)
    return DOC_LINK.sub(lambda match: _doc_link(site, match.group(1)), body), charts


def _doc_link(site, index_number):
    """``{doc}索引号`` links to that document through Pelican's ``{filename}`` mechanism."""
    target = site.by_index.get(index_number)
    return "{filename}/" + target.relative if target else "{doc}" + index_number


_worker_markdown = None


def _render_in_worker(text):
    global _worker_markdown
    _worker_markdown = _worker_markdown or Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return render_markdown(_worker_markdown, text)


def _key(text):
    return hashlib.sha1(text.encode("utf-8")).digest()


class RenderCache:
    """Rendered bodies from the last build, keyed by the body text, so an edit re-renders one file.

    The cache is dropped whenever this module changes, since its rules decide the HTML.
    """

    def __init__(self, folder):
        self.path = Path(folder) / CACHE_FILE
        self.version = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()
        self.previous, self.current = {}, {}
        self.prepared = {}  # file → prepare()'s result, so the reader need not prepare it again
        try:
            version, entries = pickle.loads(self.path.read_bytes())
            if version == self.version:
                self.previous = entries
        except (OSError, ValueError, EOFError, pickle.UnpicklingError):
            pass

    def prerender(self, site, workers=os.cpu_count()):
        """Render every body the cache lacks, on all cores, before Pelican reads the files one by one."""
        missing = {}
        for record in site.records + site.pages:
            text, _ = self.prepared[record.file] = prepare(site, record)
            missing.setdefault(_key(text), text)
        missing = {key: text for key, text in missing.items() if key not in self.previous}
        if len(missing) < PARALLEL_MINIMUM or (workers or 1) < 2:
            return
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            rendered = pool.map(_render_in_worker, list(missing.values()), chunksize=32)
        self.previous.update(zip(missing, rendered))

    def render(self, markdown, text):
        key = _key(text)
        html = self.previous.get(key)
        if html is None:
            html = render_markdown(markdown, text)
        self.current[key] = html
        return html

    def save(self):
        """Keep only what this build used."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(pickle.dumps((self.version, self.current), protocol=pickle.HIGHEST_PROTOCOL))


class DisclosureReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings):
        super().__init__(settings)
        self.site = settings[SITE_SETTING]
        self.cache = settings[CACHE_SETTING]
        self.markdown = Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")

    def read(self, source_path):
        record = self.site.by_file[os.path.abspath(source_path)]
        body, charts = self.cache.prepared.pop(record.file, None) or prepare(self.site, record)
        # Charts are generated, trusted HTML: they go in after the author's HTML is sanitized.
        content = chart_blocks.insert(self.site, record, self.cache.render(self.markdown, body), charts)
        meta = record.meta
        metadata = {"title": meta["title"], "slug": meta["slug"], "record": record}
        if record.is_page:
            if meta.get("template"):
                metadata["template"] = meta["template"]
            return content, metadata
        category = Category(record.category["name"], self.settings)
        category.slug = record.category["slug"]
        published = meta["publish_date"]
        metadata.update(
            date=datetime.datetime(published.year, published.month, published.day),
            category=category,
            catalog_order=(published, meta["index_number"]),
        )
        return content, metadata
