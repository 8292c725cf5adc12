"""The site's identity marks and the external links they make, from data/site.yaml.

Every government website shows its 网站标识码, ICP备案号 and 公安备案号, and links to the
official services that vouch for them and to the 纠错 (error report) service. These are the
only addresses outside the site the pages may name, and only as links (``<a href>``): a link
is not a request. data/site.yaml lists them in ``external_links``: a mark whose service is not
listed is shown as text without a link (``invoke inspect`` reports it), a 纠错 address that is
not listed fails the check, and ``tools.budget`` accepts no other outside address.

The query addresses follow what the services publish:
- 公安备案: the record number's 14 digits in the query of 全国互联网安全管理服务平台
  (beian.mps.gov.cn, which replaced www.beian.gov.cn/portal/registerSystemInfo?recordcode=…);
- ICP备案: 工业和信息化部政务服务平台 ICP/IP地址/域名信息备案管理系统 (beian.miit.gov.cn);
- 党政机关网站标识: its certificate page at bszs.conac.cn, by the id the 标识 was issued with;
- 纠错: ``error_report`` is a template such as the 国务院办公厅 “我为政府网站找错” platform's
  https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={site_code}&url={url}.
"""

import re
from string import Formatter
from urllib.parse import quote

POLICE_QUERY = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"
ICP_QUERY = "https://beian.miit.gov.cn/"
EMBLEM_QUERY = "http://bszs.conac.cn/sitename?method=show&id={id}"
POLICE_CODE = re.compile(r"(?<![0-9])[0-9]{14}(?![0-9])")
ERROR_REPORT_FIELDS = {"url": "本页的网址", "site_code": "网站标识码"}


def police_query(portal):
    """The 公安备案 query address for the configured record number; None if not configured or not allowed."""
    found = POLICE_CODE.search(portal.get("identity", {}).get("police_record") or "")
    return _if_allowed(portal, POLICE_QUERY.format(code=found.group()) if found else None)


def icp_query(portal):
    return _if_allowed(portal, ICP_QUERY if portal.get("identity", {}).get("icp") else None)


def emblem_query(portal):
    emblem_id = portal.get("identity", {}).get("party_emblem_id")
    return _if_allowed(portal, EMBLEM_QUERY.format(id=quote(emblem_id, safe="")) if emblem_id else None)


def _if_allowed(portal, url):
    return url if url and url.startswith(allowed_links(portal)) else None


def error_report(portal, address):
    """The 纠错 link for the page at ``address``: the template with the page address and site code
    percent-encoded into its query string; None when no 纠错 address is configured."""
    template = portal.get("error_report")
    if not template:
        return None
    site_code = portal.get("identity", {}).get("website_id", "")
    return template.format(url=quote(address, safe=""), site_code=quote(site_code, safe=""))


def domain_prefixes(portal):
    """The site's own addresses under its domain (SiteDomain), https and http: where a build without
    SITEURL names its pages (views.page_tags)."""
    domain = portal.get("domain")
    return (f"https://{domain}/", f"http://{domain}/") if domain else ()


def allowed_links(portal):
    """External addresses pages may link to (never load from): data/site.yaml's ``external_links``."""
    return tuple(portal.get("external_links") or ())


def load(site):
    """Check the identity marks of data/site.yaml: the 纠错 template and the allow-list."""
    portal, source, problems = site.portal, site.portal_source, site.problems
    if source is None:
        return
    shown, line = source.path, source.line
    identity = portal.get("identity", {})
    if identity.get("police_record") and not POLICE_CODE.search(identity["police_record"]):
        problems.error(shown, line("identity", "police_record"), "identity.police_record",
                       f"公安备案号“{identity['police_record']}”中找不到 14 位备案编号：应照公安机关发的备案号填写，"
                       "例如 京公网安备 11010502000001号，页脚据此链接到备案查询页面。")
    template = portal.get("error_report")
    if template and _check_template(problems, shown, line("error_report"), template, identity):
        url = error_report(portal, "")
        if not url.startswith(allowed_links(portal)):
            problems.error(shown, line("error_report"), "error_report",
                           f"纠错地址“{template}”不在 external_links 中：外部链接只能是 external_links 列出的网址。"
                           f"请在 external_links 中加上“{_origin(url)}”。")


def _check_template(problems, shown, line, template, identity):
    try:
        fields = {name for _, name, _, _ in Formatter().parse(template) if name is not None}
    except ValueError:
        problems.error(shown, line, "error_report", f"纠错地址“{template}”中的花括号不成对：占位符应写成 {{url}} 或 {{site_code}}。")
        return False
    unknown = fields - set(ERROR_REPORT_FIELDS)
    known = "、".join(f"{{{name}}}（{label}）" for name, label in ERROR_REPORT_FIELDS.items())
    if unknown:
        problems.error(shown, line, "error_report", f"纠错地址中有未知的占位符 {'、'.join(sorted(unknown))}：只能用 {known}。")
    if "url" not in fields:
        problems.error(shown, line, "error_report",
                       f"纠错地址“{template}”没有 {{url}}：纠错页面要知道读者在哪个页面发现的问题，请在查询参数中加上 url={{url}}。")
    if "site_code" in fields and not identity.get("website_id"):
        problems.error(shown, line, "error_report", "纠错地址用到了 {site_code}，但 identity 中没有填写网站标识码 website_id。")
    return not unknown and "url" in fields


def _origin(url):
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}/"
