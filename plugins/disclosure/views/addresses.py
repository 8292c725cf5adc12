"""Every address the build will claim, checked before anything is written: no two things may share one.

The portal's root holds its pages, each unit's section and the generated folders (``PORTAL_FOLDERS``);
a unit's section holds its pages, one folder per catalogue category and its generated folders
(``UNIT_FOLDERS``). A unit, page or category named like one of them, or like each other, would
overwrite a page or break the build: ``check`` reports it where it is named. ``load.load_site``
runs it last, so ``invoke check`` and the build refuse the same things.
"""

from ..model.records import ATTACHMENTS_DIR, PAGES_DIR
from ..model.source import display_path
from ..model.units import AGENCY_FILE
from ..model.validation import first_of_each
from . import urls

THEME_FOLDER = "theme"  # Pelican's THEME_STATIC_DIR: the theme's CSS, JS and favicon
PAGEFIND_FOLDER = "pagefind"  # the search index
ALL_FEED = "all"  # <unit>/feeds/all.atom.xml: a category may not be called all


def _folder(path):
    return path.split("/")[0]


PORTAL_FOLDERS = {_folder(path) for path in (urls.CATALOG, urls.POLICY, urls.SEARCH, urls.FEEDS, urls.SCHEMAS,
                                             urls.SERVICE_GUIDES, urls.NEW_MEDIA, urls.WEBSITE_REPORT)} | {
    THEME_FOLDER, PAGEFIND_FOLDER, PAGES_DIR, ATTACHMENTS_DIR}
UNIT_FOLDERS = {_folder(path) for path in (urls.CATALOG, urls.POWERS, urls.STANDARD_CATALOG, urls.SERIES, urls.FEEDS,
                                           urls.ATTACHMENTS, urls.FUNDS, urls.CHECKLISTS, urls.NEW_MEDIA)}


def check(site):
    problems = site.problems
    article_folder = _folder(site.settings.get("ARTICLE_URL", "doc/{slug}/"))
    portal = PORTAL_FOLDERS | {article_folder}
    for unit in site.units.values():
        if unit.slug in portal:
            problems.error(display_path(unit.data_dir / AGENCY_FILE), 1, "-",
                           f"单位的网址名“{unit.slug}”与网站自动生成的栏目 {unit.slug}/ 冲突：请把 data/units/{unit.slug}/ 和 "
                           f"content/{unit.slug}/ 一起改名，不能用 {'、'.join(sorted(portal))}。")
    _check_pages(site, None, portal | set(site.units), "门户的栏目或单位")
    categories = {category["slug"]: category for category in site.taxonomy.get("categories", ())}
    taken = UNIT_FOLDERS | set(categories)
    source = site.taxonomy_source
    for number, slug in enumerate(categories):
        if slug in UNIT_FOLDERS | {ALL_FEED}:
            problems.error(source.path, source.line("categories", number, "slug"), f"categories[{number}].slug",
                           f"分类的网址名“{slug}”与单位栏目中自动生成的 {slug}/ 冲突：请改用其他网址名，不能用 "
                           f"{'、'.join(sorted(UNIT_FOLDERS | {ALL_FEED}))}。")
    for unit in site.units.values():
        _check_pages(site, unit, taken, "单位栏目中自动生成的栏目或公开目录的分类")
    first_of_each(site, site.records, lambda r: r.meta["slug"] or None, "index_number",
                  lambda slug, other: f"这个索引号与 {other.path} 的“{other.index_number}”对应同一个网址 "
                                      f"{article_folder}/{slug}/（不区分大小写）：请用 invoke new 生成新的索引号。")


def _check_pages(site, unit, taken, what):
    pages = [page for page in site.pages if page.unit is unit and isinstance(page.meta.get("slug"), str)]
    slug_of = (lambda page: page.meta["slug"].split("/", 1)[1]) if unit else (lambda page: page.meta["slug"])
    for page in pages:
        if slug_of(page) in taken:
            site.problems.error(page.path, page.source.line("slug"), "slug",
                                f"网址名“{slug_of(page)}”与{what}重名，页面会互相覆盖：请改用其他网址名。")
    first_of_each(site, pages, slug_of, "slug",
                  lambda slug, other: f"网址名“{slug}”与 {other.path} 重复：两个页面会写到同一个地址，请改用其他网址名。")
