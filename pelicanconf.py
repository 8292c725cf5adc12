"""Pelican settings for the disclosure site. Facts about the portal and its units live in data/, not here."""

import os

ROOT = os.path.dirname(os.path.abspath(__file__))

SITENAME = "政府信息公开"
SITEURL = ""
RELATIVE_URLS = True
DEFAULT_LANG = "zh-CN"
TIMEZONE = "Asia/Shanghai"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

PATH = os.path.join(ROOT, "content")
DISCLOSURE_DATA_PATH = os.path.join(ROOT, "data")
THEME = os.path.join(ROOT, "theme")
PLUGIN_PATHS = [os.path.join(ROOT, "plugins")]
PLUGINS = ["disclosure"]

# The date validity is computed for; the BUILD_DATE environment variable overrides it.
BUILD_DATE = None
# 索引号 format; placeholders other than year and serial come from each unit's agency.yaml.
INDEX_NUMBER_FORMAT = "{agency_code}/{year}-{serial:05d}"

# Every .md file outside pages/ and attachments/ is a catalogued item, whatever its folder. The plugin
# adds each unit's pages/ and attachments/ (content/<unit>/…) to these when it has read data/units/.
ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = ["pages", "attachments"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["attachments"]
# Only the disclosure reader (.md) reads content; other formats would skip validation.
READERS = {"html": None, "htm": None, "rst": None, "markdown": None, "mkd": None, "mdown": None}

# A document's URL derives from its index number, so it never moves.
ARTICLE_URL = "doc/{slug}/"
ARTICLE_SAVE_AS = "doc/{slug}/index.html"
ARTICLE_ORDER_BY = "reversed-catalog_order"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
SLUGIFY_SOURCE = "basename"

# The catalogue replaces Pelican's own archives, categories, tags and authors.
DIRECT_TEMPLATES = []
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
# No translations: every slug is unique (index numbers are checked), and Pelican's search for
# translations compares every item with every other (minutes at 100,000 documents).
ARTICLE_TRANSLATION_ID = PAGE_TRANSLATION_ID = None

FEED_DOMAIN = SITEURL
# The portal's feed of every item; the plugin writes each unit's feeds (<unit>/feeds/).
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = None
FEED_ALL_RSS = CATEGORY_FEED_RSS = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TAG_FEED_ATOM = TAG_FEED_RSS = None
FEED_MAX_ITEMS = 50

JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "extensions": []}
CACHE_PATH = os.path.join(ROOT, "cache")
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_PATH = os.path.join(ROOT, "output")

# Preview builds have no public address yet; publishconf.py sets SITEURL for valid feeds.
LOG_FILTER = [(30, "Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid")]
