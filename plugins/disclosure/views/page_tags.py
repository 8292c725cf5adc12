"""网页标签: the ``<meta>`` tags every page carries, and the page's own 纠错 link.

The tags follow the 网页标签 tables of the 政府网站网页设计规范 that comes with the 政府网站发展指引
(国办发〔2017〕47号), see docs/page-tags.md:

- 网站标签, every page: SiteName (网站名称), SiteDomain (网站域名), SiteIDCode (政府网站标识码);
- 栏目标签, every page, for the column the page belongs to: ColumnName, ColumnDescription,
  ColumnKeywords and ColumnType (栏目类别, one of the categories the specification lists);
- 内容页标签, document pages: ArticleTitle, PubDate (``YYYY-MM-DD HH:MM``), ContentSource,
  Keywords, Author, Description and Url.

A page's column is the top folder of its section: ``tjj/normative/effective/`` is in the unit's
行政规范性文件 column, ``catalog/2024/`` in the portal's 公开目录. A catalogue category names its
栏目类别 in taxonomy.yaml (``column_type``); the pages the code defines name theirs here.
"""

from ..data import identity
from ..model.records import category_for
from . import guides, new_media, urls

SITE_TAGS = ("SiteName", "SiteDomain", "SiteIDCode")
COLUMN_TAGS = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
ARTICLE_TAGS = ("ArticleTitle", "PubDate", "ContentSource", "Keywords", "Author", "Description", "Url")
DEFAULT_COLUMN_TYPE = "信息公开目录"
NEW_MEDIA_TYPE = "政务新媒体"  # not in the specification's list, which is open: see docs/page-tags.md
GUIDE_COLUMN = (guides.TITLE, "办事服务")  # the portal's 办事指南; a unit's 申请材料清单 when no category holds guides
HOME = ("首页", "首页")
PORTAL_COLUMNS = {  # top folder of a portal page → (ColumnName, ColumnType)
    urls.CATALOG: ("政府信息公开目录", "信息公开目录"),
    urls.POLICY: ("政策文件库", "政策文件"),
    urls.SEARCH: ("站内搜索", "信息公开目录"),
    urls.WEBSITE_REPORT: ("政府网站工作年度报表", "信息公开年报"),
    urls.SERVICE_GUIDES: GUIDE_COLUMN,
    urls.NEW_MEDIA: (new_media.MATRIX_TITLE, NEW_MEDIA_TYPE),
}
PORTAL_PAGE_TYPE = "概况信息"  # the portal's own pages: 关于本站, 无障碍声明
UNIT_HOME_TYPE = "信息公开目录"  # a unit's home: the entry to its 政府信息公开 section
PATH_TYPES = {  # a unit's columns that are not catalogue categories: taxonomy path → ColumnType
    "guide/": "信息公开指南", "rules/": "信息公开制度", urls.CATALOG: "信息公开目录", "organization/": "机构职能",
    urls.POWERS: "机构职能", urls.STANDARD_CATALOG: "信息公开目录", "apply/": "依申请公开", urls.NEW_MEDIA: NEW_MEDIA_TYPE,
}
PAGE_TIME = "00:00"  # PubDate's HH:MM when the content gives only the day (see docs/page-tags.md)
KEYWORD_SEPARATOR = ","


class PageTags:
    """The site's and each column's tags, made once per build; ``marks`` adds a page's own."""

    def __init__(self, site):
        self.site, portal = site, site.portal
        siteurl, domain = (site.settings.get("SITEURL") or "").rstrip("/"), portal.get("domain", "")
        self.base = f"{siteurl}/" if siteurl else (f"https://{domain}/" if domain else "/")
        self.portal_title = f"{portal['name']}政府信息公开"
        self.site_tags = list(zip(SITE_TAGS, (portal["name"], domain, portal.get("identity", {}).get("website_id", ""))))
        taxonomy = site.taxonomy
        self.unit_columns = {}  # top folder inside a unit → (ColumnName, ColumnType)
        for entry in taxonomy["fixed_columns"] + taxonomy["active_disclosure"]:
            if "path" in entry:
                self.unit_columns[entry["path"]] = (entry["name"], PATH_TYPES.get(entry["path"], DEFAULT_COLUMN_TYPE))
        for category in taxonomy["categories"]:
            self.unit_columns[urls.category(None, category)] = category_column(category)
        guides = category_for(taxonomy, {"type": "guide"})  # a guide's checklist is in its guide's column
        self.unit_columns[urls.CHECKLISTS] = category_column(guides) if guides else GUIDE_COLUMN

    def address(self, path):
        """A page's public address: under SITEURL, else under the site's domain, else from the root."""
        return self.base + path

    def column(self, url, unit=None, record=None):
        """(ColumnName, ColumnType) of the page at ``url``."""
        if record is not None and not record.is_page and record.category:
            return category_column(record.category)
        if record is not None and record.is_page and unit is None:
            return record.meta["title"], PORTAL_PAGE_TYPE
        inside = url[len(urls.within(unit)):] if unit else url
        top = inside.split("/", 1)[0] + "/" if inside else ""
        if not top:
            return (f"{unit.name}政府信息公开", UNIT_HOME_TYPE) if unit else HOME
        found = self.unit_columns.get(top) if unit else PORTAL_COLUMNS.get(top)
        return found or (self.portal_title, DEFAULT_COLUMN_TYPE)

    def marks(self, url, unit=None, record=None):
        """The page's marks, worked out when its template prints them (see ``Marks``)."""
        return Marks(self, url, unit, record)

    def tags(self, url, unit=None, record=None):
        """The page's tags, (name, content) in the specification's order."""
        name, kind = self.column(url, unit, record)
        owner = f"{unit.name}政府信息公开" if unit else self.portal_title
        keywords = KEYWORD_SEPARATOR.join(dict.fromkeys((unit.name if unit else self.site.portal["name"], name, "政府信息公开")))
        tags = self.site_tags + list(zip(COLUMN_TAGS, (name, f"{owner}“{name}”栏目", keywords, kind)))
        if record is not None and not record.is_page:
            tags += self.article_tags(record)
        return tags

    def article_tags(self, record):
        meta = record.meta
        keywords = (meta.get("keywords") or [k for k in (meta.get("topic"), meta.get("genre")) if k]
                    or [record.category["name"] if record.category else meta["title"]])
        return list(zip(ARTICLE_TAGS, (
            meta["title"],
            f"{meta['publish_date'].isoformat()} {meta.get('publish_time') or PAGE_TIME}",
            meta.get("source_name") or meta.get("issuer") or record.unit.name,
            KEYWORD_SEPARATOR.join(keywords),
            meta.get("interpreter") or meta.get("department") or record.unit.name,
            record.summary or meta["title"],
            self.address(record.url),
        )))


class Marks:
    """What is a page's own in its frame: ``tags`` (its 网页标签 as {name, content}), its ``address``
    and its ``error_report`` (纠错) link. Every document gets one before any page is written, so they
    are worked out only when the template reads them: a site of 100,000 documents keeps none in memory."""

    __slots__ = ("_tags", "_url", "_unit", "_record")

    def __init__(self, tags, url, unit=None, record=None):
        self._tags, self._url, self._unit, self._record = tags, url, unit, record

    @property
    def tags(self):
        return [{"name": name, "content": content} for name, content in self._tags.tags(self._url, self._unit, self._record)]

    @property
    def address(self):
        return self._tags.address(self._url)

    @property
    def error_report(self):
        return identity.error_report(self._tags.site.portal, self.address)


def category_column(category):
    return category["name"], category.get("column_type", DEFAULT_COLUMN_TYPE)
