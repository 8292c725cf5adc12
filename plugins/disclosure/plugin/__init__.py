"""What runs inside Pelican: ``register()`` wires the plugin's stages to Pelican's signals.

initialized           load and check the site (``load.load_site``); stop before anything is
                      written if it has errors; render every body (``bodies``)
readers_init          our reader hands Pelican the records and rendered bodies
*_generator_finalized attach each document's and fixed column's view; refuse any static file
                      outside the attachments folders (``containment``) before one is copied; drop
                      Pelican's category pages, which are not written but cost the square of the archive;
                      a large site's documents written on every core (``articles``)
get_generators        one generator per concern writes the pages its view decides; the first one
                      (``DocumentsWritten``) tells the build that the documents are written
all_generators_finalized  Pelican's generators kept in the settings, for the preview to run again (``tools.live``)
get_writer            Pelican's writer, writing only the part being built (``parts``: a unit's, or all)
content_written       the sitemap hears of every HTML page written; the progress counts it
finalized             write the sitemap; keep rendered bodies for the next build
"""

import itertools

from pelican import signals
from pelican.contents import Content

from .. import settings as config
from ..load import load_site
from ..model.forking import give_back_memory
from ..model.problems import ContentError
from ..model.records import ATTACHMENTS_DIR, PAGES_DIR
from ..views import urls
from ..views.columns import PAGE_VIEWS
from ..views.documents import document_view
from ..views.parts import Parts
from ..views.sections import Sections
from .articles import forget_memoized, write_on_every_core
from .bodies import RenderCache
from .catalog import CatalogGenerator
from .columns import ColumnsGenerator
from .containment import guard_static_files
from .feeds import FeedsGenerator
from .funds import FundsGenerator
from .guides import GuidesGenerator
from .ledger import fingerprint, record_inputs, text_fingerprint
from .lifecycle import LifecycleGenerator
from .new_media import NewMediaGenerator
from .parts import part_writer, writes
from .powers import PowersGenerator
from .reader import DisclosureReader
from .replies import ReplyTemplatesGenerator
from .search import SearchGenerator
from .series import SeriesGenerator
from .sitemap import SITEMAP, Sitemap
from .standard_catalog import StandardCatalogGenerator
from .templates import AUTO_RELOAD, TEMPLATE_CACHE, read_keys_first
from .website_report import WebsiteReportGenerator

PAGE_ALONE = ("view", "section", "marks")  # what a document or standalone page is given for its page alone
SITE_MADE = (config.SITE, config.BODIES, config.SECTIONS, config.RENDER_CACHE, config.GENERATORS)  # what holds the site


class DocumentsWritten:
    """The first of the plugin's generators, so it runs once Pelican's own have written every document
    and standalone page: tells the build (``DOCUMENTS_WRITTEN``), which starts indexing the units'."""

    def __init__(self, settings, **_):
        self.settings = settings

    def generate_output(self, writer):
        written = self.settings.get(config.DOCUMENTS_WRITTEN)
        if written:
            written()


GENERATORS = (DocumentsWritten, CatalogGenerator, FeedsGenerator, LifecycleGenerator, PowersGenerator, ColumnsGenerator,
              StandardCatalogGenerator, SeriesGenerator, SearchGenerator, ReplyTemplatesGenerator, WebsiteReportGenerator,
              GuidesGenerator, FundsGenerator, NewMediaGenerator)


def load(pelican):
    """Validate everything before Pelican reads a file; stop the build on any error.

    Warnings are part of the check report that ``tools.build`` prints.
    """
    settings = pelican.settings
    progress = settings.get(config.PROGRESS) or _quiet
    progress("检查", 0, 1)
    site = load_site(settings, checked=settings.get(config.CHECKED_FILES))
    progress("检查", 1, 1)
    if site.problems.fails(strict=settings.get(config.STRICT, False)):
        raise ContentError(site.problems)
    settings[config.RENDER_CACHE] = RenderCache(settings["CACHE_PATH"])
    progress("正文", 0, 1)
    use_site(settings, site)
    progress("正文", 1, 1)
    settings[config.PAGES_WRITTEN] = itertools.count(1)
    settings[config.URLS] = urls.URLS
    settings["SITENAME"] = settings[config.SECTIONS][None]["title"]
    _point_pelican_at_units(settings, site)
    settings[SITEMAP] = Sitemap()
    settings["JINJA_ENVIRONMENT"].setdefault("bytecode_cache", TEMPLATE_CACHE)
    settings["JINJA_ENVIRONMENT"].setdefault("auto_reload", AUTO_RELOAD)


def use_site(settings, site):
    """The loaded site, its rendered bodies and what the pages derive from it, for this build (and
    for each of the preview's rebuilds, ``tools.live``)."""
    settings[config.SITE] = site
    settings[config.BODIES] = settings[config.RENDER_CACHE].render_all(site, again=bool(settings.get(config.LEDGER)))
    settings[config.SECTIONS] = Sections(site)
    settings[config.PARTS] = Parts(site)


def _point_pelican_at_units(settings, site):
    """Pelican finds files by folder: pages and attachments of the portal and of every unit."""
    folders = [""] + [unit.slug + "/" for unit in site.units.values()]
    settings["PAGE_PATHS"] = [folder + PAGES_DIR for folder in folders]
    settings["STATIC_PATHS"] = [folder + ATTACHMENTS_DIR for folder in folders]
    settings["ARTICLE_EXCLUDES"] = settings["PAGE_PATHS"] + settings["STATIC_PATHS"]


def add_reader(readers):
    readers.reader_classes["md"] = DisclosureReader


def add_generators(pelican):
    return list(GENERATORS)


def attach_document_inputs(generator):
    """With the preview: what each document's page is made from, which decides whether it is written."""
    settings = generator.settings
    if settings.get(config.LEDGER):
        for article in generator.articles:
            article.inputs = record_inputs(article.record, settings[config.BODIES][article.record.file])


def attach_document_view(generator, content):
    """What a document's page shows besides its body, made as the page is written: on a large site,
    by the worker that writes it (``plugin.articles``), not by the build's own process."""
    settings, record = generator.settings, content.record
    sections = settings[config.SECTIONS]
    content.view = document_view(config.site_of(settings), record)
    content.section = sections[record.unit]
    content.marks = sections.marks(record.url, record.unit, record)


def forget_page_view(path, context):
    """Once a document's or standalone page's page is written, drop what was made for it alone
    (``attach_document_view``, ``attach_page_views``). A forked worker writes thousands; the preview
    keeps its articles between rebuilds, and Pelican's memoized methods keep every page they were asked
    about: a view or marks kept would keep alive the whole site they were made from, one more site for
    every rebuild."""
    for content in (context.get("article"), context.get("page")):
        if isinstance(content, Content):  # the plugin's own pages pass their parameters as "page"
            for name in PAGE_ALONE:
                content.__dict__.pop(name, None)


def forget_site(settings):
    """Once Pelican has written the site, drop the loaded site and all that was made from it, and
    hand the memory back: the build goes on indexing for search (``views.parts`` is all it needs),
    and the runs that do it have more room (``tools.search_index``)."""
    for name in SITE_MADE:
        settings.pop(name, None)
    forget_memoized()
    give_back_memory()


def keep_generators(generators):
    if generators:
        generators[0].settings[config.GENERATORS] = generators


def drop_category_pages(generator):
    """Pelican writes no category pages here (``CATEGORY_SAVE_AS`` is empty; the catalogue has its
    own), but it would still match every category's documents against every date, which grows with
    the square of the archive (minutes at 100,000 documents). Its context's list goes too: the
    preview keeps that context, and the list would keep every page an edit replaced."""
    generator.categories = generator.context["categories"] = []


def attach_page_views(generator):
    """A unit's fixed-column page gets its facts from the unit's data (chosen by its template)."""
    site, sections = config.site_of(generator.settings), generator.settings[config.SECTIONS]
    for page in generator.pages:
        unit = page.record.unit
        page.view = PAGE_VIEWS[page.template](site, unit) if unit and page.template in PAGE_VIEWS else {}
        page.section = sections[unit]
        page.marks = sections.marks(page.record.url, unit, page.record)
        if generator.settings.get(config.LEDGER):  # the preview's: what the page is made from
            page.inputs = fingerprint(page.template, text_fingerprint(page._content), page.title, page.view, page.url)  # marks: by url


def collect_for_sitemap(path, context):
    context[SITEMAP].add(path, context)


def show_progress(path, context):
    """How many pages are written so far: their number is known only once they are."""
    progress = context.get(config.PROGRESS)
    if progress:
        progress("页面", next(context[config.PAGES_WRITTEN]), None)


def _quiet(stage, done, total):
    pass


def finish(pelican):
    settings = pelican.settings
    if writes(settings, urls.SITEMAP):
        settings[SITEMAP].write(pelican.output_path, settings.get("SITEURL", ""))
    settings[config.RENDER_CACHE].save()


def register():
    signals.initialized.connect(load)
    signals.generator_init.connect(read_keys_first)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(add_generators)
    signals.get_writer.connect(part_writer)
    signals.article_generator_finalized.connect(attach_document_inputs)
    signals.article_generator_write_article.connect(attach_document_view)
    signals.article_generator_finalized.connect(drop_category_pages)
    signals.article_generator_finalized.connect(write_on_every_core)
    signals.page_generator_finalized.connect(attach_page_views)
    signals.all_generators_finalized.connect(keep_generators)
    signals.static_generator_finalized.connect(guard_static_files)
    signals.content_written.connect(collect_for_sitemap)
    signals.content_written.connect(show_progress)
    signals.content_written.connect(forget_page_view)
    signals.finalized.connect(finish)
