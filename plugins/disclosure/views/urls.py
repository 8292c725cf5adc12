"""Every URL the plugin writes, relative to the site root. Templates get ``URLS`` and never spell a path.

Templates prefix ``SITEURL``, which Pelican makes relative for each output file, so the
site works under a sub-path such as ``/zwgk/``.
"""

CATALOG = "catalog/"
CATALOG_JSON = "catalog.json"
CATALOG_CSV = "catalog.csv"
SEARCH = "search/"
SEARCH_IDS = "search/ids/"  # one JSON file per year: exact 文号 and 索引号 lookup
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
FEED_ALL = "feeds/all.atom.xml"
FAVICON = "theme/favicon.svg"
# Standalone pages written by staff in content/pages/, by their slug.
APPLY = "apply/"
ABOUT = "about/"
ACCESSIBILITY = "accessibility/"
# The lifecycle pages below a category with validity (规范性文件), e.g. normative/compilation/.
COMPILATION = "compilation/"
CLEANUP = "cleanup/"

URLS = {
    "catalog": CATALOG, "catalog_json": CATALOG_JSON, "catalog_csv": CATALOG_CSV, "search": SEARCH,
    "powers": POWERS, "powers_json": POWERS_JSON, "powers_csv": POWERS_CSV,
    "standard_catalog_csv": STANDARD_CATALOG_CSV, "application_form": APPLICATION_FORM,
    "apply": APPLY, "about": ABOUT, "accessibility": ACCESSIBILITY, "display_help": ACCESSIBILITY + "#display",
    "sitemap": SITEMAP, "feed_all": FEED_ALL, "favicon": FAVICON,
}


def category(category):
    return category["slug"] + "/"


def catalog_year(year):
    return f"{CATALOG}{year}/"


def validity_state(base, state):
    """A validity state's page below a list, e.g. normative/not-yet-effective/."""
    return f"{base}{state.replace('_', '-')}/"


def power(code):
    return f"{POWERS}item/{code.lower()}/"


def power_kind(kind):
    return f"{POWERS}kind/{kind['slug']}/"


def power_department(department):
    return f"{POWERS}department/{department['slug']}/"


def series(name):
    return SERIES + name


def attachment(file):
    return ATTACHMENTS + file
