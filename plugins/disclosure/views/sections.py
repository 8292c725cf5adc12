"""What every page's frame shows: the portal's name, the navigation of the section the page is in
(the portal's own, or a unit's), and the footer with the site's identity marks and contacts; and
what is the page's own (``marks``): its 网页标签 and the 纠错 link that carries its address."""

from ..data.identity import emblem_query, icp_query, police_query
from . import urls
from .page_tags import PageTags

PORTAL_SECTION = "政府信息公开"
APPLY_TEMPLATE = "apply"  # the unit page that 依申请公开 links to
DISPLAY_HELP = "display"  # the anchor on the accessibility page that explains the display modes
PORTAL_PAGE_LINKS = (("about", "关于本站"), ("accessibility", "无障碍声明"))


class Sections:
    """One frame per unit and one for the portal, made once per build."""

    def __init__(self, site):
        self.site = site
        self.frames = {None: portal_frame(site)}
        for unit in site.units.values():
            self.frames[unit.slug] = unit_frame(site, unit, self.frames[None])
        self.tags = PageTags(site)

    def __getitem__(self, unit):
        return self.frames[unit.slug if unit else None]

    def marks(self, url, unit=None, record=None):
        """The page's own part of the frame: its 网页标签 and its 纠错 link (see views.page_tags)."""
        return self.tags.marks(url, unit, record)


def portal_frame(site):
    portal = site.portal
    pages = {record.meta["slug"]: record for record in site.pages if record.unit is None}
    identity = portal.get("identity", {})
    title = f"{portal['name']}{PORTAL_SECTION}"
    emblem = identity.get("party_emblem")
    return {
        "title": title,
        "portal": {"name": portal["name"], "title": title, "url": urls.URLS["home"], "sample": portal.get("sample", False)},
        "unit": None,
        "nav": [{"name": "首页", "url": urls.URLS["home"]}, {"name": "政府信息公开目录", "url": urls.CATALOG},
                {"name": "政策文件库", "url": urls.POLICY}, {"name": "站内搜索", "url": urls.SEARCH}],
        "feed": {"title": f"{title}：全部更新", "url": urls.FEED_ALL},
        "display_help": f"{pages['accessibility'].url}#{DISPLAY_HELP}" if "accessibility" in pages else None,
        "footer": {
            "host": portal["host"], "address": portal.get("address", ""), "phone": portal.get("phone", ""),
            "email": portal.get("email", ""), "marks": identity_marks(portal),
            "emblem": {"src": urls.ATTACHMENTS + emblem, "url": emblem_query(portal)} if emblem else None,
            "links": [{"name": name, "url": pages[slug].url} for slug, name in PORTAL_PAGE_LINKS if slug in pages]
                     + [{"name": "公开目录", "url": urls.CATALOG}, {"name": "订阅更新（Atom）", "url": urls.FEED_ALL},
                        {"name": "网站地图", "url": urls.SITEMAP}],
            "maintainer": None,
        },
    }


def identity_marks(portal):
    """The footer's line of identity marks: 网站标识码, ICP备案 and 公安备案, each linked to its query page
    when data/site.yaml's external_links allows the link."""
    identity, shown = portal.get("identity", {}), []
    if identity.get("website_id"):
        shown.append({"text": f"网站标识码：{identity['website_id']}", "url": None})
    if identity.get("icp"):
        shown.append({"text": identity["icp"], "url": icp_query(portal)})
    if identity.get("police_record"):
        shown.append({"text": identity["police_record"], "url": police_query(portal)})
    return shown


def unit_frame(site, unit, portal):
    """The portal's frame, with the unit's own navigation, feed and contacts."""
    agency = unit.agency
    apply = unit.page(APPLY_TEMPLATE)
    nav = [{"name": "本单位首页", "url": urls.within(unit)}]
    nav += [{"name": column["name"], "url": urls.within(unit, column["path"])} for column in site.taxonomy["fixed_columns"]]
    if apply:
        nav.append({"name": "依申请公开", "url": apply.url})
    return dict(portal, title=f"{unit.name} - {portal['title']}", nav=nav,
                unit={"name": unit.name, "slug": unit.slug, "url": urls.within(unit)},
                feed={"title": f"{unit.name}政府信息公开：全部更新", "url": urls.feed(unit)},
                footer=dict(portal["footer"], maintainer={
                    "name": agency["name"], "address": agency["address"], "phone": agency["phone"],
                    "email": agency["email"]}))
