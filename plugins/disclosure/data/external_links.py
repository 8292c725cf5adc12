"""Addresses outside the site that content and unit data link to, checked against the allow-list.

A 转载's ``source_url``, a 办事指南's ``online_url`` (网上办理) and each 政务新媒体 account's ``url``
in agency.yaml are links to other sites. Pages may link only to addresses that data/site.yaml's
``external_links`` lists (``data.identity.allowed_links``), which ``invoke check --site`` enforces on
the output (``tools.budget``). So each must start with a listed prefix, and one that does not is an
error where it is written: a new outside site is reviewed once, by whoever may change site.yaml
(the portal's owners in CODEOWNERS), before any page links to it.
"""

from ..model.placeholders import is_placeholder
from .identity import allowed_links

RECORD_LINKS = {"repost": ("source_url", "转载来源"), "guide": ("online_url", "网上办理")}  # type → (key, what)


def load(site):
    allowed = allowed_links(site.portal)
    for record in site.records:
        key, what = RECORD_LINKS.get(record.type, (None, None))
        url = record.meta.get(key) if key else None
        if isinstance(url, str) and not url.startswith(allowed) and not is_placeholder(url):
            site.problems.error(record.path, record.source.line(key), key, _message(what, url, allowed))
    for unit in site.units.values():
        for number, account in enumerate(unit.agency.get("new_media") or ()):
            url = account.get("url") if isinstance(account, dict) else None
            if isinstance(url, str) and not url.startswith(allowed):
                source = unit.agency_source
                site.problems.error(source.path, source.line("new_media", number, "url"),
                                    f"new_media[{number}].url", _message("政务新媒体账号", url, allowed))


def _message(what, url, allowed):
    listed = "、".join(allowed) or "（没有）"
    return (f"{what}的网址“{url}”不在 data/site.yaml 的 external_links 中：本站只能链接列在那里的外部网站（现有：{listed}）。"
            "请核对网址；确需链接新的网站，请门户网站管理员审核后把它的网址前缀（如 https://www.example.gov.cn/）加入 external_links。")
