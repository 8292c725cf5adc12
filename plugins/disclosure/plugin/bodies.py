"""Bodies for the build: every record's Markdown rendered once, on all cores, and kept between builds.

Before rendering, ``{doc}索引号`` links become Pelican ``{filename}`` links and each chart block
(found at load, ``record.charts``) becomes a placeholder paragraph; after sanitizing, the
placeholders are swapped for the generated, trusted chart HTML. A record without a ``summary``
gets one from its sanitized HTML.
"""

import contextlib
import hashlib
import os
import pickle
import posixpath
import re
import tempfile
from pathlib import Path

from ..model.forking import forked_pool
from ..model.problems import processing
from ..model.relations import DOC_LINK, DOC_MARK
from ..views import body, charts
from .ledger import text_fingerprint

CACHE_FILE = "disclosure-render.pickle"
PARALLEL_MINIMUM = 200  # below this many bodies to render, starting worker processes costs more than it saves
PLACEHOLDER = "DISCLOSURECHARTPLACEHOLDER{}"
PLACEHOLDER_PARAGRAPH = re.compile(r"(?:<p>)?DISCLOSURECHARTPLACEHOLDER(\d+)(?:</p>)?")
# The cache is dropped whenever the modules that decide the HTML change.
RENDERING_MODULES = (body.__file__, __file__)


def prepare(site, record):
    """The body as Markdown will see it."""
    text = record.source.body
    for number, block in reversed(list(enumerate(record.charts))):
        text = text[:block.span[0]] + f"\n\n{PLACEHOLDER.format(number)}\n\n" + text[block.span[1]:]
    return DOC_LINK.sub(lambda match: _doc_link(site, match.group(1)), text) if DOC_MARK in text else text


def _doc_link(site, index_number):
    """``{doc}索引号`` links to that document through Pelican's ``{filename}`` mechanism."""
    target = site.by_index.get(index_number)
    return "{filename}/" + target.relative if target else "{doc}" + index_number


def insert_charts(site, record, markup):
    """After sanitizing: swap each placeholder for the chart component."""
    if not record.charts:
        return markup
    root = posixpath.relpath(".", record.url) if record.url else "."
    return PLACEHOLDER_PARAGRAPH.sub(
        lambda match: charts.render_html(site.settings, charts.block_view(record.unit, record.charts[int(match[1])], int(match[1])), root),
        markup)


_worker_markdown = None
_texts = None  # the file of texts to render, which the forked workers inherit


def _render_in_worker(span):
    """In a worker: the markup of the text at ``span`` (offset, length) in ``_texts``."""
    global _worker_markdown
    _worker_markdown = _worker_markdown or body.new_markdown()
    offset, length = span
    return body.render_markdown(_worker_markdown, os.pread(_texts.fileno(), length, offset).decode())


def _render_on_every_core(texts, workers, folder):
    """The markup of each text, rendered by forked workers, which read the texts from a file in
    ``folder`` (the cache's, on disk: a temporary folder may be memory), written before they are forked. The build touching a text once they are there (to send it) would write its
    reference count and copy its memory, shared with the workers until then, as would a worker
    reading it from that memory; and a string sent as itself keeps its UTF-8 copy for as long as it
    lives, half as large again as a Chinese body. At 100,000 documents the bodies stage peaked at
    1,879 MB so, 2,143 MB with each text sent encoded, 2,629 MB with each sent as itself."""
    global _texts
    spans = []
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=folder) as written:
        for text in texts:
            encoded = text.encode()
            spans.append((written.tell(), len(encoded)))
            written.write(encoded)
        written.flush()
        _texts = written
        try:
            with forked_pool(workers) as pool:
                return pool.map(_render_in_worker, spans, chunksize=32)
        finally:
            _texts = None


class RenderCache:
    """Rendered bodies from the last build, keyed by the prepared text, so an edit re-renders one file;
    with each body's summary, whose HTML parsing costs as much again."""

    def __init__(self, folder):
        self.path = Path(folder) / CACHE_FILE
        self.version = hashlib.sha1(b"".join(Path(f).read_bytes() for f in RENDERING_MODULES)).hexdigest()
        self.previous, self.current = {}, {}  # key → [markup, its summary or None until asked for]
        self.prepared = {}  # file → (body, its links' targets, prepared text, key), kept by the preview, which loads on every edit
        self.markdown = body.new_markdown()
        with contextlib.suppress(OSError, ValueError, EOFError, pickle.UnpicklingError):  # no cache, or not one of ours
            self.previous = _read_entries(self.path, self.version)

    def render_all(self, site, workers=os.cpu_count(), again=False):
        """Render every body (those the cache lacks on all cores), fill missing summaries;
        returns file → sanitized HTML with its charts, for the reader. ``again``: the site will be
        loaded again in this process (the preview), whose unchanged files' texts then need no preparing
        nor a new key; otherwise each record's source lets go of what only loading and rendering read."""
        prepared = {}
        for record in site.records + site.pages:
            written, linked = record.source.body, [target.relative for target in record.body_links]
            kept = self.prepared.get(record.file)
            if kept is None or kept[0] != written or kept[1] != linked:  # a prepared text follows from these alone
                text = prepare(site, record)
                kept = written, linked, text, text_fingerprint(text)
            prepared[record.file] = kept
        self.prepared = prepared if again else {}
        missing = {}
        for _, _, text, key in prepared.values():
            if key not in self.previous and key not in self.current:
                missing[key] = text
        if len(missing) >= PARALLEL_MINIMUM and (workers or 1) > 1:
            markups = _render_on_every_core(missing.values(), workers, self.path.parent)
            self.previous.update((key, [markup, None]) for key, markup in zip(missing, markups))
        rendered = {}
        placeholders = {PLACEHOLDER.format(n) for n in range(max((len(r.charts) for r in site.records), default=0))}
        for record in site.records + site.pages:
            with processing(record.path):
                _, _, text, key = prepared[record.file]
                entry = self._render(key, text)
                if not record.summary:
                    if entry[1] is None:
                        entry[1] = body.summary_of(entry[0], skip=placeholders)
                    record.summary = entry[1]
                rendered[record.file] = insert_charts(site, record, entry[0])
            if not again:
                record.source.let_go()
        return rendered

    def _render(self, key, text):
        entry = self.current.get(key) or self.previous.get(key)  # current: a preview's earlier loads
        if entry is None:
            entry = [body.render_markdown(self.markdown, text), None]
        self.current[key] = entry
        return entry

    def save(self):
        """Keep only what this build used; written aside and renamed, so a build reading it meanwhile never sees half.

        Each entry is written on its own, its texts encoded first: pickling a string keeps a UTF-8 copy
        of it inside the string for as long as it lives, half as large again as a Chinese body, and the
        build keeps every body until it ends (about 5 KB a document)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        with open(partial, "wb") as out:
            pickle.dump(self.version, out)
            for key, (markup, summary) in self.current.items():
                pickle.dump((key, markup.encode(), None if summary is None else summary.encode()), out,
                            protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(self.path)


def _read_entries(path, version):
    """The entries ``RenderCache.save`` wrote, or none if the rendering modules have changed since."""
    entries = {}
    with open(path, "rb") as saved:
        if pickle.load(saved) != version:
            return entries
        while saved.peek(1):
            key, markup, summary = pickle.load(saved)
            entries[key] = [markup.decode(), None if summary is None else summary.decode()]
    return entries
