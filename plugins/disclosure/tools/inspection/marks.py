"""网页标签缺失 and 标识 (identity marks): what data/site.yaml declares, and what every page of a
built site carries (the tags of views.page_tags, and the footer's 纠错 link)."""

from html.parser import HTMLParser
from pathlib import Path

from ...data import identity
from ...model.source import display_path
from ...views.page_tags import ARTICLE_TAGS, COLUMN_TAGS, SITE_TAGS
from ..budget import DOCUMENT_PAGES, SEARCH_BUNDLE
from .findings import NOTICE, PROBLEM, Finding

TAGS, MARKS = "网页标签", "网站标识"
ERROR_REPORT_CLASS = "site-footer__error-report"  # theme/templates/base.html
EXAMPLES = 3  # pages named in a finding that many pages share


def identity_marks(site):
    """The marks a government website shows, as data/site.yaml configures them."""
    portal, source = site.portal, site.portal_source
    def where(*keys):
        return f"{source.path}:{source.line(*keys)}"
    marks = portal.get("identity", {})
    wanted = [
        (marks.get("website_id"), PROBLEM, ("identity", "website_id"), "没有填写网站标识码（identity.website_id）：页脚和网页标签 SiteIDCode 都需要它。"),
        (marks.get("icp"), PROBLEM, ("identity", "icp"), "没有填写 ICP 备案号（identity.icp）。"),
        (marks.get("police_record"), PROBLEM, ("identity", "police_record"), "没有填写公安机关备案号（identity.police_record）。"),
        (portal.get("domain"), PROBLEM, ("domain",), "没有填写网站域名（domain）：网页标签 SiteDomain 为空。"),
        (portal.get("error_report"), PROBLEM, ("error_report",),
         "没有纠错地址（error_report）：页脚没有“我要纠错”链接。"),
        (marks.get("party_emblem"), NOTICE, ("identity", "party_emblem"),
         "没有党政机关网站标识（identity.party_emblem）：开办标识后，把标识图片放进 content/attachments/ 并在这里填写。"),
    ]
    found = [Finding(MARKS, level, message, where=where(*keys)) for value, level, keys, message in wanted if not value]
    if marks.get("police_record") and not identity.police_query(portal):
        found.append(Finding(MARKS, PROBLEM, "公安备案号没有链接到备案查询页面：请在 external_links 中加上 "
                             f"{identity.POLICE_QUERY.split('#')[0]}。", where=where("external_links")))
    return found


class _PageMarks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.error_report = {}, False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and values.get("name"):
            self.tags[values["name"]] = (values.get("content") or "").strip()
        elif tag == "a" and ERROR_REPORT_CLASS in (values.get("class") or "").split():
            self.error_report = True


def page_marks(site, output):
    """Pages of a built site without a tag (or with an empty one), or without the 纠错 link."""
    output = Path(output)
    documents = set(output.glob(DOCUMENT_PAGES))
    missing = {}  # tag name (or the 纠错 link) → pages
    for page in sorted(output.rglob("*.html")):
        if SEARCH_BUNDLE.search(page.relative_to(output).as_posix()):
            continue
        parser = _PageMarks()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        wanted = SITE_TAGS + COLUMN_TAGS + (ARTICLE_TAGS if page in documents else ())
        for name in wanted:
            if not parser.tags.get(name):
                missing.setdefault(name, []).append(page)
        if site.portal.get("error_report") and not parser.error_report:
            missing.setdefault("", []).append(page)
    found = []
    for name, pages in missing.items():
        examples = "、".join(display_path(p) for p in pages[:EXAMPLES]) + ("等" if len(pages) > EXAMPLES else "")
        what = f"网页标签 {name}" if name else "页脚的“我要纠错”链接"
        found.append(Finding(TAGS if name else MARKS, PROBLEM, f"{len(pages)} 个页面缺少{what}（或内容为空）：{examples}。",
                             where=display_path(pages[0])))
    return found
