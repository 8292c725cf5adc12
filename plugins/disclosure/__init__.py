"""disclosure: the Pelican plugin for a 政务公开 (government information disclosure) section.

Data flows one way: files → validated records (``site``) → derived relations
(``relations``) → pages (``catalog``, ``views`` and the theme).
"""

from jinja2 import BytecodeCache
from pelican import signals

from .catalog import CatalogGenerator
from .columns import ColumnsGenerator
from .lifecycle import LifecycleGenerator
from .powers import PowersGenerator
from .problems import ContentError
from .reader import CACHE_SETTING, SITE_SETTING, DisclosureReader, RenderCache
from .reply_pages import ReplyTemplatesGenerator
from .series import SeriesGenerator
from .search import SearchGenerator
from .site import load_site
from .standard_catalog import StandardCatalogGenerator


class SharedTemplateCache(BytecodeCache):
    """Compiled templates shared by every generator's Jinja environment (each generator has its own),
    so base.html and the components compile once per process; Jinja checks each source's checksum."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = SharedTemplateCache()


def check_content(pelican):
    """Validate everything before Pelican reads a file; stop the build on any error.

    Warnings are part of the check report that ``commands.build`` prints.
    """
    site = load_site(pelican.settings)
    if site.problems.fails(strict=pelican.settings.get("DISCLOSURE_STRICT", False)):
        raise ContentError(site.problems)
    pelican.settings[SITE_SETTING] = site
    cache = RenderCache(pelican.settings["CACHE_PATH"])
    cache.prerender(site)
    pelican.settings[CACHE_SETTING] = cache
    pelican.settings["JINJA_ENVIRONMENT"].setdefault("bytecode_cache", TEMPLATE_CACHE)


def save_render_cache(pelican):
    pelican.settings[CACHE_SETTING].save()


def add_reader(readers):
    readers.reader_classes["md"] = DisclosureReader


def add_generators(pelican):
    # The catalogue goes last: its sitemap lists the pages the other generators wrote.
    return [LifecycleGenerator, PowersGenerator, ColumnsGenerator, StandardCatalogGenerator,
            ReplyTemplatesGenerator, SeriesGenerator, SearchGenerator, CatalogGenerator]


def register():
    signals.initialized.connect(check_content)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(add_generators)
    signals.finalized.connect(save_render_cache)
