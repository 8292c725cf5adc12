"""Every URL the plugin writes, relative to the site root. Templates get URLs from views (and the
portal-wide ones as ``URLS``) and never spell a path.

The portal's pages sit at the root; a unit's section sits under ``<unit>/`` with the same
paths inside it (``tjj/catalog/``); documents stay at ``doc/<索引号>/`` whatever unit they belong
to, so a unit renamed or merged in a 机构改革 moves no document. Templates prefix ``SITEURL``,
which Pelican makes relative for each output file, so the site works under a sub-path such as ``/zwgk/``.
"""

INDEX_FILE = "index.html"  # the file a folder address is written to
CATALOG = "catalog/"
CATALOG_JSON = "catalog.json"
CATALOG_CSV = "catalog.csv"
POLICY = "policy/"  # the portal's 政策文件库: every unit's normative documents
SEARCH = "search/"
SEARCH_IDS = "search/ids/"  # JSON files by year and number (views.search.identifier_shards): exact 文号 and 索引号 lookup
SEARCH_COMPACT = "search/compact/"  # the compact district index (views.compact_index)
SEARCH_BUNDLE = "pagefind/"  # a Pagefind bundle: the portal's at the root, each unit's in its section
SEARCH_BUNDLES = "search/bundles.json"  # the bundles the search page merges, the first one primary
POWERS = "powers/"
POWERS_JSON = "powers.json"
POWERS_CSV = "powers.csv"
STANDARD_CATALOG = "standard-catalog/"
STANDARD_CATALOG_CSV = "standard-catalog.csv"
APPLICATION_FORM = "apply/form/"
REPLY_TEMPLATES = "apply/templates/"  # 答复文书范本
SERIES = "series/"  # CSV downloads of the statistical series
ATTACHMENTS = "attachments/"
SCHEMAS = "schemas/"
SITEMAP = "sitemap.xml"
FEEDS = "feeds/"
FEED_ALL = "feeds/all.atom.xml"
FAVICON = "theme/favicon.svg"
WEBSITE_REPORT = "website-report/"  # 政府网站工作年度报表, one page per year below it
SERVICE_GUIDES = "service-guides/"  # the portal's 办事指南 of every unit (a unit's is its catalogue category)
CHECKLISTS = "checklists/"  # a unit's printable 申请材料清单, one per guide
NEW_MEDIA = "new-media/"  # 政务新媒体: a unit's accounts, and the portal's matrix of all
FUNDS = "funds/"  # CSV downloads of the 政策资金 tables
# The lifecycle pages below a list with validity (规范性文件), e.g. tjj/normative/compilation/.
COMPILATION = "compilation/"
CLEANUP = "cleanup/"

URLS = {  # the portal-wide addresses, for templates
    "home": "", "catalog": CATALOG, "catalog_json": CATALOG_JSON, "catalog_csv": CATALOG_CSV, "policy": POLICY,
    "search": SEARCH, "sitemap": SITEMAP, "feed_all": FEED_ALL, "favicon": FAVICON,
    "service_guides": SERVICE_GUIDES, "new_media": NEW_MEDIA,
}


def within(unit, path=""):
    """``path`` inside a unit's section, or at the portal's root for ``unit`` None."""
    return f"{unit.slug}/{path}" if unit else path


def search_bundle(unit, number=1):
    """A Pagefind bundle of a unit's pages (its documents and its section), or of the portal's own for
    None: the first at ``pagefind/``, the others at ``pagefind-2/`` and on."""
    return within(unit, SEARCH_BUNDLE if number == 1 else f"{SEARCH_BUNDLE[:-1]}-{number}/")


def category(unit, category):
    return within(unit, category["slug"] + "/")


def catalog_year(unit, year):
    return within(unit, f"{CATALOG}{year}/")


def validity_state(base, state):
    """A validity state's page below a list, e.g. tjj/normative/not-yet-effective/."""
    return f"{base}{state.replace('_', '-')}/"


def power(unit, code):
    return within(unit, f"{POWERS}item/{code.lower()}/")


def power_kind(unit, kind):
    return within(unit, f"{POWERS}kind/{kind['slug']}/")


def power_department(unit, department):
    return within(unit, f"{POWERS}department/{department['slug']}/")


def series(unit, name):
    return within(unit, SERIES + name)


def funds(unit, name):
    return within(unit, FUNDS + name)


def checklist(record):
    """A guide's printable 申请材料清单, in its unit's section."""
    return within(record.unit, f"{CHECKLISTS}{record.meta['slug']}/")


def attachment(unit, file):
    return within(unit, ATTACHMENTS + file)


def website_report(year):
    return f"{WEBSITE_REPORT}{year}/"


def feed(unit, slug="all"):
    """A unit's Atom feed of all its items, or of one category."""
    return within(unit, f"{FEEDS}{slug}.atom.xml")
