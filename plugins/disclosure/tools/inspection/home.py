"""首页不更新 (单项否决): the portal's home lists the newest items of every unit; the newest of them
must fall within the period of data/inspection.yaml."""

from ...data.inspection import label, since
from ...views import urls
from .findings import PORTAL, VETO, Finding

CHECK = "首页不更新"


def home(site, rules):
    within, day = rules["home"]["within"], site.build_date
    newest = max((r.publish_date for r in site.records), default=None)
    if newest is None:
        return [Finding(CHECK, VETO, "首页没有任何信息：各单位都还没有发布条目。", PORTAL, "首页", urls.URLS["home"] or "./")]
    if newest < since(day, within):
        return [Finding(CHECK, VETO, f"首页最新的信息发布于 {newest}，已 {(day - newest).days} 天没有更新，"
                        f"超过 {label(within)}。请尽快发布新信息。", PORTAL, "首页", urls.URLS["home"] or "./")]
    return []
