"""The Pelican settings the plugin reads and writes, in one place.

Staff set the first group in ``pelicanconf.py``; the plugin keeps what it loaded under
the second group so the reader, the signal handlers and the generators share one site.
"""

import datetime
import os
from pathlib import Path
from zoneinfo import ZoneInfo

# Set in pelicanconf.py (or by `invoke` for another site).
CONTENT_PATH = "PATH"
DATA_PATH = "DISCLOSURE_DATA_PATH"
BUILD_DATE = "BUILD_DATE"  # also read from the environment, which wins
INDEX_NUMBER_FORMAT = "INDEX_NUMBER_FORMAT"
PAGE_SIZE = "DISCLOSURE_PAGE_SIZE"
STRICT = "DISCLOSURE_STRICT"
PART = "DISCLOSURE_PART"  # write only these parts (views.parts): units' slugs, or views.parts.PORTAL; unset: all
TIMEZONE = "TIMEZONE"  # Pelican's own: the zone whose calendar day "today" is

# Set by the plugin while it builds.
SITE = "DISCLOSURE_SITE"  # the loaded model.site.Site
RENDER_CACHE = "DISCLOSURE_RENDER_CACHE"  # plugin.bodies.RenderCache
BODIES = "DISCLOSURE_BODIES"  # file → rendered body HTML, for the reader
PROGRESS = "DISCLOSURE_PROGRESS"  # optional progress(stage, done, total) of a long build (tools.progress)
PAGES_WRITTEN = "DISCLOSURE_PAGES_WRITTEN"  # a counter of the pages written, for the progress
DOCUMENTS_WRITTEN = "DISCLOSURE_DOCUMENTS_WRITTEN"  # optional callback: every document and standalone page is written
DOCUMENTS_MEMORY = "DISCLOSURE_DOCUMENTS_MEMORY"  # bytes (PSS) of the build and its workers as they finished the documents
INDEX_STATS = "DISCLOSURE_INDEX_STATS"  # tools.search_index.IndexStats of the build's search index
URLS = "URLS"  # views.urls.URLS, for templates
SECTIONS = "DISCLOSURE_SECTIONS"  # views.sections.Sections: the frame of each unit's and the portal's pages
PARTS = "DISCLOSURE_PARTS"  # views.parts.Parts: which part of the site each output file belongs to
LEDGER = "DISCLOSURE_LEDGER"  # optional plugin.ledger.Ledger: the preview's record of each file's inputs
CHECKED_FILES = "DISCLOSURE_CHECKED_FILES"  # optional dict: the preview's content checks, kept between loads
LATER = "DISCLOSURE_LATER"  # optional callback(work): the preview's rebuild leaves the compact search index to the background
GENERATORS = "DISCLOSURE_GENERATORS"  # Pelican's generators of this build, for the preview to run again

DEFAULT_INDEX_NUMBER_FORMAT = "{agency_code}/{year}-{serial:05d}"
DEFAULT_PAGE_SIZE = 50
DEFAULT_TIMEZONE = "Asia/Shanghai"


def site_of(settings):
    """The site loaded for this build."""
    return settings[SITE]


def data_path(settings):
    """data/ beside content/ unless the settings name another folder."""
    return Path(settings.get(DATA_PATH) or Path(settings[CONTENT_PATH]).parent / "data")


def build_date(settings):
    """The date validity is computed for: BUILD_DATE from the environment or settings, else today in the
    site's time zone. CI machines keep UTC, where the 00:05 nightly build in China is still yesterday."""
    value = os.environ.get(BUILD_DATE) or settings.get(BUILD_DATE)
    if isinstance(value, datetime.date):
        return value
    if value:
        return datetime.date.fromisoformat(value)
    return datetime.datetime.now(ZoneInfo(settings.get(TIMEZONE) or DEFAULT_TIMEZONE)).date()


def index_number_format(settings):
    return settings.get(INDEX_NUMBER_FORMAT) or DEFAULT_INDEX_NUMBER_FORMAT


def page_size(settings):
    return settings.get(PAGE_SIZE, DEFAULT_PAGE_SIZE)
