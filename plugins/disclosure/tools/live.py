"""The preview's build (``invoke livereload``): a full build once, then, after each change to items,
only the pages that depend on it. The dependency map:

- an item's own page depends on its file and on the items it is linked with, whose titles, dates and
  validity its relations show (``plugin.ledger.record_inputs``): an item whose inputs changed, and
  every item linked with one, is written again; a 年度报告 also counts its unit's 规范性文件;
- every other page, export and feed is made by a generator from the whole site: the generators run
  again and write only the files whose inputs changed (``plugin.ledger``); the files none of them
  makes any more are removed, and so are the pages of items gone;
- the standalone pages (a few per unit) are read again, and written when their inputs changed;
- a change to anything but an item's file (data/, the theme, the settings, attachments, standalone
  pages) can reach every page: it is built in full, as ``invoke build`` does.

The search index catches up afterwards, in the background: the bundles of each part of the site
(``views.parts``) holding a page for the index (a document or standalone page, not a list) that was
written or removed are indexed again (``search_index.refresh``), the compact district index of a
large site (``views.compact_index``) is written, and the search page says so meanwhile.

Correctness comes first: tests/test_live.py compares every rebuild with a clean full build, byte for byte.
"""

import gc
import os
import threading
from functools import partial
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.utils import order_content

from .. import settings as config
from ..load import load_site
from ..model.forking import give_back_memory
from ..model.problems import internal_error
from ..model.records import ATTACHMENTS_DIR, PAGES_DIR
from ..plugin import attach_page_views, use_site
from ..plugin.articles import forget_memoized, write_articles
from ..plugin.ledger import Ledger, record_inputs
from ..plugin.parts import PartWriter
from ..plugin.sitemap import SITEMAP
from ..plugin.writing import PageGenerator
from ..views import charts
from ..views.urls import INDEX_FILE
from . import build, search_index
from .commands import CommandFailed

SHARED = (config.SITE, config.BODIES, config.SECTIONS, config.PARTS)  # what use_site sets, which Pelican's context copies
REPORT, NORMATIVE = "report", "normative"


class Live:
    """The state a preview keeps between builds: Pelican's generators, what each file was made from,
    and every content file's check."""

    def __init__(self, config_file, out, searched=lambda: None, **options):
        """``searched()``: called when the search index has caught up with a rebuild.
        ``options``: for ``tools.build.build`` (``output``, ``site_root``, settings)."""
        self.config_file, self.out, self.searched, self.options = config_file, out, searched, options
        self.settings = None  # of the last full build; None until one succeeds
        self.lock = threading.Lock()  # held while pages are written, and while the search index reads them
        self.stale = set()  # the parts (views.parts) whose search bundles are behind the pages
        self.indexing = None  # the thread bringing them up to date
        self.later = None  # the compact search index's writing, which the last rebuild left to that thread
        self.indexed = {}  # built page → whether it is for the index (search_index.indexed_pages), as last read

    # -- full builds

    def build(self, progress=None):
        """A full build (``tools.build``), keeping what the rebuilds need."""
        self.wait_for_search()  # an index of the pages before would otherwise be put in after it
        self.settings, self.ledger, self.checked, self.indexed, self.later = None, Ledger(), {}, {}, None
        gc.enable()  # a full build makes garbage enough to need it, whether or not a rebuild's ``tidy`` came
        with self.lock:
            build.build(self.config_file, out=self.out, progress=progress, live=self, **self.options)
            self.stale.clear()

    def prepare(self, settings):
        settings[config.LEDGER], settings[config.CHECKED_FILES] = self.ledger, self.checked

    def written(self, settings):
        """The pages are written, and the build forks no more workers: start the chart engine while
        the search index is made, not in the first rebuild that draws a chart (about a second)."""
        if any(unit.series for unit in config.site_of(settings).units.values()):
            charts.start_engine()

    def keep(self, settings, target):
        """After the swap: point the generators at the published folder instead of the staging one."""
        generators = settings[config.GENERATORS]
        settings["OUTPUT_PATH"] = generators[0].context["OUTPUT_PATH"] = str(target)
        settings[config.PROGRESS] = generators[0].context[config.PROGRESS] = None  # the first build's bar is closed
        for generator in generators:
            generator.output_path = str(target)
        self.settings, self.target = settings, target
        self.day = config.site_of(settings).build_date  # the day the pages were built for
        self.articles = _generator(settings, ArticlesGenerator)

    # -- rebuilds

    def handles(self, paths):
        """Whether a rebuild can take these changed files: items' Markdown files, and nothing else."""
        if self.settings is None:
            return False
        content, units = Path(self.settings["PATH"]).resolve(), config.site_of(self.settings).units
        for path in map(Path, paths):
            try:
                parts = path.resolve().relative_to(content).parts
            except ValueError:
                return False
            if path.suffix != ".md" or len(parts) < 3 or parts[0] not in units or parts[1] in (PAGES_DIR, ATTACHMENTS_DIR):
                return False
        return True

    def rebuild(self):
        """Write what the changed items reach. False, with the check's report, if the check fails;
        the preview then keeps showing the last good site.

        Python's cyclic collector is off meanwhile, and stays off until ``tidy``: with a whole site in
        memory, a full collection costs about a second, which would come as soon as it is turned back
        on, before the pages reload."""
        gc.disable()
        return self._check_and_rebuild()

    def tidy(self):
        """Once the pages are out: collect what the builds left, with Pelican's memoized caches (each
        rebuild's pages' texts), hand the freed memory back, freeze what stays (the site, the generators,
        the caches), which the collector then no longer walks through on every collection, and turn the
        collector back on."""
        gc.unfreeze()
        forget_memoized()
        give_back_memory()
        gc.freeze()
        gc.enable()

    def _check_and_rebuild(self):
        settings = self.settings
        try:
            site = load_site(settings, checked=self.checked)
        except Exception as exc:  # never a traceback: the file being read and what went wrong
            print(internal_error(exc), file=self.out, flush=True)
            return False
        print(site.problems.report(), file=self.out)
        if site.problems.fails(strict=settings.get(config.STRICT, False)):
            return False
        written = set()

        def heard(path, context):
            written.add(Path(path).relative_to(self.target).as_posix())

        try:
            with self.lock:
                signals.content_written.connect(heard)
                try:
                    written.update(self._rebuild(settings, site))  # and the paths removed
                finally:
                    signals.content_written.disconnect(heard)
                self._catch_up_search(self._parts_of(settings[config.PARTS], written))
        except Exception as exc:  # the output may be half written: build it all
            print(internal_error(exc), "\n只更新改动的页面时出错，改为完整生成。", file=self.out, flush=True)
            try:
                self.build()
            except CommandFailed as failed:
                print(failed, file=self.out, flush=True)
                return False
        return True

    def _rebuild(self, settings, site):
        """Write what depends on the change; returns the paths removed."""
        old = {article.record.file: article for article in self.articles.articles}
        old_records = {file: article.record for file, article in old.items()}
        use_site(settings, site)
        context = self.articles.context
        context.update({key: settings[key] for key in SHARED})
        writer = PartWriter(str(self.target), settings=settings)
        published = {record.file for record in site.records}
        gone = [article for file, article in old.items() if file not in published]
        articles, rewrite = self._articles(settings, site, old, old_records)
        self._publish_articles(context, articles, gone, rewrite)
        self.ledger.begin()
        self.articles.generate_feeds(writer)  # before the articles' pages, as Pelican does: it caches their summaries
        write_articles(self.articles, partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"]),
                       [article for article in articles if article.record.file in rewrite])
        removed = _moved(old, articles)
        sitemap = settings[SITEMAP]
        self._write_pages(settings, writer)
        settings[config.LATER] = self._leave
        try:
            for generator in settings[config.GENERATORS]:
                if isinstance(generator, PageGenerator):
                    generator.generate_output(writer)
        finally:
            del settings[config.LATER]
        removed += self.ledger.end()
        for path in removed:
            self._remove(path, sitemap)
        sitemap.write(str(self.target), settings.get("SITEURL", ""))
        self.day = site.build_date
        return removed

    # -- search

    @property
    def searching(self):
        """Whether the search index is behind the pages."""
        return self.indexing is not None

    def _parts_of(self, parts, paths):
        """The parts of the site (``views.parts``) holding pages for the index (documents and standalone
        pages, not lists) among ``paths``, written or removed; what is known of each page is read again."""
        stale = set()
        for path in paths:
            page = str(self.target / path)
            if os.path.isfile(page):
                self.indexed[page] = search_index.indexed(page)
            else:
                self.indexed.pop(page, None)
            if self.indexed.get(page, True):
                stale.add(parts.owner(path))
        return stale

    def _leave(self, work):
        """Write the compact search index in the background (a newer rebuild's replaces an older one's)."""
        self.later = work

    def _catch_up_search(self, parts):
        """With the lock held: index the bundles of these parts again, and write what the rebuild left,
        in the background."""
        self.stale |= parts
        if (self.stale or self.later) and self.indexing is None:
            self.indexing = threading.Thread(target=self._index, daemon=True)
            self.indexing.start()

    def _index(self):
        while True:
            with self.lock:
                later, self.later = self.later, None
                if later:
                    try:
                        later()
                    except Exception as exc:  # never a traceback, and the thread goes on
                        print(internal_error(exc), "\n全区搜索索引没有更新，下次修改后会再试。", file=self.out, flush=True)
                stale, self.stale = self.stale, set()
                if not stale:
                    self.indexing = None
                    break
                parts = self.settings[config.PARTS]
            try:
                search_index.refresh(self.target, parts, stale, self.lock, self.indexed)
            except (search_index.IndexingFailed, OSError) as exc:  # OSError: a full build replaced the folder
                print(f"{exc}\n搜索索引没有更新，下次修改后会再试。", file=self.out, flush=True)
        self.searched()

    def wait_for_search(self):
        """Until the search index has caught up (for tests and the bench)."""
        while (indexing := self.indexing) is not None:
            indexing.join()

    def _articles(self, settings, site, old, old_records):
        """Every published item's Pelican article, in the site's order, and the files whose pages must be written."""
        bodies, reached = settings[config.BODIES], _reached(site, old_records, self.day)
        inputs = {record.file: record_inputs(record, bodies[record.file]) if record.file in reached else old[record.file].inputs
                  for record in site.records}
        changed = {file for file, made in inputs.items() if file not in old or old[file].inputs != made}
        changed_records = [site.by_file[file] for file in changed] + [old_records[file] for file in old if file not in inputs]
        touched = {record.index_number for record in changed_records} | {
            old_records[file].index_number for file in changed if file in old}
        counted = {record.unit.slug for record in changed_records if record.type == NORMATIVE}
        rewrite = set(changed)
        for index in touched:  # the items linked with a changed one, which links go both ways (model.relations)
            target = site.by_index.get(index)
            if target is not None:
                rewrite.update(other.file for others in target.links.values() for other in others)
        for slug in counted:
            rewrite.update(record.file for record in site.units[slug].records if record.type == REPORT)
        articles = []
        for record in site.records:
            article = old.get(record.file)
            if record.file in changed:
                article = self._read(record)
            # Pelican keeps the metadata an article was read with: a record left there would keep its
            # rebuild's units, and every record they hold, alive
            article.record = article.metadata["record"] = record  # its view is made when it is written
            article.inputs = inputs[record.file]
            articles.append(article)
        return articles, rewrite

    def _read(self, record):
        generator = self.articles
        return generator.readers.read_file(
            base_path=generator.path, path=record.relative, content_class=Article, context=generator.context,
            preread_signal=signals.article_generator_preread, preread_sender=generator,
            context_signal=signals.article_generator_context, context_sender=generator)

    def _publish_articles(self, context, articles, gone, rewrite):
        """Pelican's lists of articles, and its map of source files for ``{filename}`` links."""
        generator = self.articles
        for article in gone:
            context["generated_content"].pop(article.get_relative_source_path(), None)
        for article in articles:
            if article.record.file in rewrite:
                generator.add_source_path(article)
        generator.articles = order_content(articles, generator.settings["ARTICLE_ORDER_BY"])
        generator.dates = sorted(generator.articles, key=lambda a: a.date, reverse=context["NEWEST_FIRST_ARCHIVES"])
        context["articles"], context["dates"] = generator.articles, generator.dates

    def _write_pages(self, settings, writer):
        """The standalone pages, read again: their bodies may link items, and their views count them."""
        generator = _generator(settings, PagesGenerator)
        generator.pages = [generator.readers.read_file(
            base_path=generator.path, path=page.get_relative_source_path(), content_class=Page, context=generator.context,
            preread_signal=signals.page_generator_preread, preread_sender=generator,
            context_signal=signals.page_generator_context, context_sender=generator) for page in generator.pages]
        for page in generator.pages:
            generator.add_source_path(page)
        generator.context["pages"] = generator.pages
        attach_page_views(generator)
        generator.generate_output(writer)

    def _remove(self, path, sitemap):
        """A file no build makes any more, with its folder if that is left empty."""
        target = self.target / path
        target.unlink(missing_ok=True)
        sitemap.entries.pop(path.removesuffix(INDEX_FILE), None)
        folder = target.parent
        while folder != self.target and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def _moved(old, articles):
    """The pages of items gone, or of items whose 索引号 changed; not those of items renamed, which
    keep their address. Only an article read again can have a new address (Pelican's ``save_as``,
    which is slow to ask every article for)."""
    current = {article.record.file: article for article in articles}
    made = {article.save_as for file, article in current.items() if old.get(file) is not article}
    return sorted({article.save_as for file, article in old.items() if current.get(file) is not article} - made)


def _reached(site, old_records, day):
    """The items whose inputs (``record_inputs``) may differ from the last build's: those whose file
    changed, came or went (a kept check is the same ``source``), and every item linked with one of
    these, before or after, by a relation or from a body. An item's inputs hold no more than its own
    file and those of the items it is linked with, so no other item's can have changed."""
    records = {record.file: record for record in site.records}
    if site.build_date != day:
        return records.keys()  # validity and what is held back follow the day
    changed = {file for file, record in records.items()
               if file not in old_records or old_records[file].source is not record.source}
    changed |= old_records.keys() - records.keys()
    reached = set(changed)
    for graph in (old_records, records):
        body_linked = {}
        for record in graph.values():
            for target in record.body_links:
                body_linked.setdefault(target.file, []).append(record)
        for file in changed & graph.keys():
            record = graph[file]
            reached.update(other.file for others in record.links.values() for other in others)
            reached.update(other.file for other in record.body_links + body_linked.get(file, []))
    return reached


def _generator(settings, kind):
    return next(g for g in settings[config.GENERATORS] if isinstance(g, kind))
