"""Writing output the same way from every generator.

Pages are written with relative URLs (``plugin.sitemap`` hears of each one); CSV files carry a
BOM so Excel opens their Chinese text intact, and every cell goes through ``views.spreadsheet``
so none runs as a formula; JSON keeps Chinese readable, a list one item a line. Nothing is written outside the output folder.
"""

import csv
import io
import itertools
import json
import os

from pelican.generators import Generator

from ..model.problems import processing
from ..settings import LEDGER, SECTIONS, site_of
from ..views.spreadsheet import safe_row
from ..views.urls import INDEX_FILE
from .ledger import fresh
from .parts import writes

LASTMOD = "lastmod"  # context key: the date the sitemap gives a page
SECTION = "section"  # context key: the frame (views.sections) of the page
MARKS = "marks"  # context key: the page's own 网页标签 and 纠错 link (views.sections.Sections.marks)


def json_line(item):
    """An item of a JSON list, on a line of its own: readable, and Python's fast encoder (indent has none)."""
    return json.dumps(item, ensure_ascii=False)


def csv_line(row):
    """A row of a CSV file, made safe (``views.spreadsheet``) and encoded as the file holds it."""
    out = io.StringIO()
    csv.writer(out).writerow(safe_row(row))
    return out.getvalue()


def write_json_list(out, lines):
    """A JSON list of encoded items, written line by line: joined first, the district's catalog.json
    would be a second copy of its 100,000 lines at once, and its UTF-8 bytes a third."""
    if not lines:
        out.write("[]\n")
        return
    out.write("[\n")
    out.write(lines[0])
    for line in itertools.islice(lines, 1, None):
        out.write(",\n")
        out.write(line)
    out.write("\n]\n")


class PageGenerator(Generator):
    """A generator that writes the pages and files a view decides."""

    @property
    def site(self):
        return site_of(self.settings)

    def record_inputs(self):
        """Each item's file → its inputs (``ledger.record_inputs``), in the preview; else None."""
        if self.settings.get(LEDGER) is None:
            return None
        return {article.record.file: article.inputs for article in self.context["articles"]}

    def write_page(self, writer, page):
        """Write a ``views.pages.Page`` to its folder's index.html."""
        lazy = page.made_from is not None
        if not fresh(self.settings, page.url + INDEX_FILE, page.template, page.made_from if lazy else page.params,
                     page.lastmod, page.unit and page.unit.slug):
            return
        context = dict(self.context, **(page.params() if lazy else page.params))
        context[LASTMOD] = page.lastmod
        sections = self.settings[SECTIONS]
        context[SECTION] = sections[page.unit]
        context[MARKS] = sections.marks(page.url, page.unit)
        with processing(page.url + INDEX_FILE):
            writer.write_file(page.url + INDEX_FILE, self.get_template(page.template), context, relative_urls=True)

    def write_csv(self, name, header, rows, made_from=None, encoded=False):
        """UTF-8 with BOM, so Excel opens it with its Chinese text intact. ``made_from``: what the rows
        are made from, cheaper to compare than the rows themselves; then ``rows`` is a function that
        makes them, called only when the file is written. ``encoded``: the rows are ``csv_line``s."""
        if not writes(self.settings, name):
            return
        if made_from is None:
            rows = list(rows)
        if not fresh(self.settings, name, header, rows if made_from is None else made_from):
            return
        if made_from is not None:
            rows = rows()
        with open(self._path(name), "w", encoding="utf-8-sig", newline="") as out:
            out.write(csv_line(header))
            out.writelines(rows if encoded else map(csv_line, rows))  # not joined first: as write_json_list

    def write_json(self, name, data, compact=False):
        if not writes(self.settings, name) or not fresh(self.settings, name, data, compact):
            return
        with open(self._path(name), "w", encoding="utf-8") as out:
            if compact:  # dumps, not dump: only the one-shot encoder is written in C
                out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
            elif isinstance(data, list):
                write_json_list(out, [json_line(item) for item in data])
            else:
                json.dump(data, out, ensure_ascii=False, indent=1)
                out.write("\n")

    def write_json_lines(self, name, lines, made_from=None):
        """A JSON list of items encoded already (``json_line``). ``made_from``: as for ``write_csv``."""
        if not writes(self.settings, name) or not fresh(self.settings, name, lines if made_from is None else made_from):
            return
        with open(self._path(name), "w", encoding="utf-8") as out:
            write_json_list(out, lines if made_from is None else lines())

    def _path(self, name):
        root = os.path.realpath(self.output_path)
        path = os.path.realpath(os.path.join(root, name))
        if not path.startswith(root + os.sep):
            raise ValueError(f"refusing to write {name!r} outside the output folder")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path
