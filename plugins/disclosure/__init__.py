"""disclosure: the Pelican plugin for a 政务公开 (government information disclosure) section.

Data flows one way: files → validated records (``site``) → derived relations
(``relations``) → pages (``catalog``, ``views`` and the theme).
"""

from pelican import signals

from .catalog import CatalogGenerator
from .columns import ColumnsGenerator
from .powers import PowersGenerator
from .problems import ContentError
from .reader import SITE_SETTING, DisclosureReader
from .site import load_site
from .standard_catalog import StandardCatalogGenerator


def check_content(pelican):
    """Validate everything before Pelican reads a file; stop the build on any error.

    Warnings are part of the check report that ``commands.build`` prints.
    """
    site = load_site(pelican.settings)
    if site.problems.fails(strict=pelican.settings.get("DISCLOSURE_STRICT", False)):
        raise ContentError(site.problems)
    pelican.settings[SITE_SETTING] = site


def add_reader(readers):
    readers.reader_classes["md"] = DisclosureReader


def add_generators(pelican):
    # CatalogGenerator comes last: it writes the sitemap of every page the others wrote.
    return [PowersGenerator, ColumnsGenerator, StandardCatalogGenerator, CatalogGenerator]


def register():
    signals.initialized.connect(check_content)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(add_generators)
