"""政府网站工作年度报表 → its pages: ``website-report/`` lists the years, ``website-report/YYYY/``
is one year's table, row for row as the form of 国办函〔2018〕12号.

The table is a grid decided here (``LAYOUT``): groups of rows with their labels as row headers
(``scope``, ``id``), each figure naming all its headers. A leaf's label is its title in
website_report.schema.json; the rows content gives are labelled here; every 总数 is computed.
"""

import datetime

from ..data import website_report as figures
from . import grid, urls
from .catalog import WEBSITE_REPORT_TITLE as TITLE
from .pages import Page

LABEL_COLUMNS = 3  # 解读回应 › 解读信息发布 › 总数
TOTAL = "总数"
YES, NO, NONE = "是", "否", "无"
VALUE_HEADER = "数据"


def leaf(*path):
    """A figure of the data file."""
    return ("data", path)


def counted(key):
    """A figure counted from the content (data.website_report.count)."""
    return ("count", key)


def fact(key):
    """A fact of the site (data/site.yaml, SITEURL)."""
    return ("site", key)


def total(*sources):
    """The sum of other figures: a 总数 is never typed."""
    return ("total", sources)


HAS_MEDIA = ("has_media", ())
LAYOUT = (  # (group label or None, rows); a row is (label or None for the schema's title, source or rows)
    (None, [("网站名称", fact("name")), ("首页网址", fact("url")), ("主办单位", fact("host")), (None, leaf("site_type")),
            ("政府网站标识码", fact("website_id")), ("ICP备案号", fact("icp")), ("公安机关备案号", fact("police_record")),
            (None, leaf("visits", "unique_visitors")), (None, leaf("visits", "page_views"))]),
    ("信息发布（单位：条）", [
        (TOTAL, total(leaf("information", "overview_updates"), counted("news"), counted("catalogue"))),
        (None, leaf("information", "overview_updates")), ("政务动态信息更新量", counted("news")),
        ("信息公开目录信息更新量", counted("catalogue"))]),
    ("专栏专题", [("维护数量（单位：个）", counted("columns_maintained")), ("新开设数量（单位：个）", counted("columns_opened"))]),
    ("解读回应", [
        ("解读信息发布", [
            ("总数（单位：条）", total(counted("materials"), counted("products"), leaf("interpretation", "media_commentaries"))),
            ("解读材料数量（单位：条）", counted("materials")), ("解读产品数量（单位：个）", counted("products")),
            (None, leaf("interpretation", "media_commentaries"))]),
        (None, leaf("interpretation", "responses"))]),
    ("办事服务", [
        (None, leaf("services", "catalogue_published")), (None, leaf("services", "registered_users")),
        ("政务服务事项数量（单位：项）", counted("guides")), (None, leaf("services", "online_services")),
        ("办件量（单位：件）", [(TOTAL, total(leaf("services", "cases", "natural_person"), leaf("services", "cases", "legal_person"))),
                             (None, leaf("services", "cases", "natural_person")), (None, leaf("services", "cases", "legal_person"))])]),
    ("互动交流", [
        (None, leaf("interaction", "unified_platform")),
        ("留言办理", [(None, leaf("interaction", "messages", key)) for key in ("received", "closed", "average_days", "published")]),
        ("征集调查", [("征集调查期数（单位：期）", counted("surveys")), (None, leaf("interaction", "surveys", "opinions")),
                  ("公布调查结果期数（单位：期）", counted("survey_results"))]),
        ("在线访谈", [(None, leaf("interaction", "interviews", key)) for key in ("sessions", "messages", "answers")]),
        (None, leaf("interaction", "smart_qa"))]),
    ("安全防护", [(None, leaf("security", key)) for key in
               ("assessments", "issues_found", "issues_fixed", "monitoring", "drills", "responsible_person")]),
    ("移动新媒体", [
        ("是否有移动新媒体", HAS_MEDIA),
        ("微博", [(None, leaf("new_media", "weibo", key)) for key in ("name", "posts", "followers")]),
        ("微信", [(None, leaf("new_media", "wechat", key)) for key in ("name", "posts", "subscribers")]),
        (None, leaf("new_media", "other"))]),
    ("创新发展", [("已开展的创新", leaf("innovation", "features")), (None, leaf("innovation", "other"))]),
)
SIGNATURES = ("head", "reviewer", "filler", "phone", "date")
NOTE = ("政务动态、信息公开目录、专栏专题、解读材料和解读产品、政务服务事项、征集调查和公布结果的数量由本站公开目录按发布日期统计，"
        "各“总数”由构建时计算，其余数据由网站主办单位填报。")


def pages(site):
    """The list of years and one page per year; none without a data file."""
    reports = sorted(site.website_reports.values(), key=lambda r: r.year, reverse=True)
    if not reports:
        return
    trail = [{"name": TITLE, "url": urls.WEBSITE_REPORT}]
    yield Page(urls.WEBSITE_REPORT, "website_reports",
               {"title": TITLE, "trail": [{"name": TITLE}],
                "years": [{"name": f"{r.year}年度", "url": urls.website_report(r.year)} for r in reports]})
    for report in reports:
        view = report_view(site, report)
        yield Page(urls.website_report(report.year), "website_report",
                   {"report": view, "trail": trail + [{"name": view["title"]}]}, _date(report.data["signatures"]["date"]))


def report_view(site, report):
    schema = site.schemas.documents[figures.SCHEMA]
    values = Values(site, report, schema)
    head = [[grid.th("项目", "col", "wr-item", colspan=LABEL_COLUMNS), grid.th(VALUE_HEADER, "col", "wr-value")]]
    bodies = [_rows(values, rows, 0, [], f"wr-{number}") if label is None else _group(values, label, rows, f"wr-{number}")
              for number, (label, rows) in enumerate(LAYOUT, start=1)]
    title = f"{TITLE}（{report.year}年度）"
    signatures = report.data["signatures"]
    return {
        "title": title, "host": site.portal["host"],
        "table": {"caption": title, "note": NOTE, "modifier": "website", "colgroups": [LABEL_COLUMNS, 1],
                  "head": head, "bodies": bodies},
        "signatures": [{"label": _title(schema, ("signatures", key)), "value": str(signatures[key]) or NONE} for key in SIGNATURES],
    }


class Values:
    """Each source of LAYOUT as the text its cell shows."""

    def __init__(self, site, report, schema):
        self.site, self.report, self.schema = site, report, schema
        portal, identity = site.portal, site.portal.get("identity", {})
        siteurl = (site.settings.get("SITEURL") or "").rstrip("/")
        self.facts = {"name": portal["name"], "host": portal["host"],
                      "url": f"{siteurl}/" if siteurl else (f"https://{portal['domain']}/" if portal.get("domain") else ""),
                      "website_id": identity.get("website_id", ""), "icp": identity.get("icp", ""),
                      "police_record": identity.get("police_record", "")}

    def number(self, source):
        kind, key = source
        if kind == "count":
            return self.report.counted[key]
        if kind == "total":
            return sum(self.number(part) for part in key)
        return figures.at(self.report.data, key)

    def cell(self, source, headers):
        kind, key = source
        if kind == "site":
            return grid.text_cell(self.facts[key] or NONE, headers)
        if kind == "has_media":
            media = self.report.data["new_media"]
            return grid.text_cell(YES if media["weibo"]["name"] or media["wechat"]["name"] or media["other"] else NO, headers)
        value = self.number(source)
        if isinstance(value, bool):
            return grid.text_cell(YES if value else NO, headers)
        if isinstance(value, (int, float)):
            return grid.td(value, headers)
        return grid.text_cell("、".join(value) if isinstance(value, list) else value or NONE, headers)

    def label(self, label, source):
        return label or _title(self.schema, source[1])


def _group(values, label, rows, cell_id):
    body = _rows(values, rows, 1, [cell_id], cell_id)
    body[0] = [grid.th(label, "rowgroup", cell_id, rowspan=len(body))] + body[0]
    return body


def _rows(values, rows, depth, parents, prefix):
    """Table rows for ``rows`` at ``depth`` label columns in: a nested group heads its rows with a row header."""
    body = []
    for number, (label, source) in enumerate(rows, start=1):
        cell_id = f"{prefix}-{number}"
        if isinstance(source, list):
            nested = _rows(values, source, depth + 1, parents + [cell_id], cell_id)
            nested[0] = [grid.th(label, "row", cell_id, rowspan=len(nested))] + nested[0]
            body += nested
        else:
            headers = parents + [cell_id, "wr-value"]
            body.append([grid.th(values.label(label, source), "row", cell_id, colspan=LABEL_COLUMNS - depth),
                         values.cell(source, headers)])
    return body


def _title(schema, path):
    spec = schema
    for key in path:
        spec = spec["properties"][key]
    return spec["title"]


def _date(text):
    try:
        return datetime.date.fromisoformat(str(text))
    except ValueError:
        return None
