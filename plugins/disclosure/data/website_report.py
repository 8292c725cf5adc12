"""政府网站工作年度报表 (国办函〔2018〕12号): data/website_report/YYYY.yaml checked, the figures the
content gives counted, every 总数 computed.

The portal is one website, so there is one report a year for the whole district. A data file
holds only the leaf figures content cannot give (visits, 留言办理, 安全防护, 移动新媒体 …), laid
out in ``website_report.schema.json``, the single source of their keys and labels. Counted here
from the records of every unit, for the items published in the year:

- 信息发布: 政务动态 = notices and reposts (types ``notice``, ``repost``); 信息公开目录 = every
  other catalogued item, so the 总数 counts each item once;
- 专栏专题: each unit's 政府信息公开 section is a 专栏 of the 集约化 portal: maintained when it
  holds items by 31 December, new in the year of its first item;
- 解读回应: 解读材料 = interpretations in words (文字解读, 问答), 解读产品 = in graphics and data
  (图文解读, 数据解读);
- 办事服务: 政务服务事项 = the ``guide`` items (办事指南) published by 31 December;
- 征集调查: 期数 = consultations opened in the year; 公布调查结果期数 = those whose 采纳情况反馈
  (``feedback``) is published.

Types are counted by their ``type`` key alone, so guides and reposts count as soon as content
has them, and 0 before.
"""

import datetime
import re
from dataclasses import dataclass

from ..model import pii
from ..model.source import Source, display_path

FOLDER, SCHEMA = "website_report", "website_report.schema.json"
YEAR = re.compile(r"^[0-9]{4}$")
NEWS_TYPES = ("notice", "repost")
GUIDE, CONSULTATION, INTERPRETATION = "guide", "consultation", "interpretation"
MATERIAL_FORMS, PRODUCT_FORMS = ("文字解读", "问答"), ("图文解读", "数据解读")
AT_MOST = (  # (smaller, larger, what): a leaf that should not exceed another; a warning, since a
    # message received in December may close in January
    (("interaction", "messages", "closed"), ("interaction", "messages", "received"), "办结留言数量不应多于收到留言数量"),
    (("interaction", "messages", "published"), ("interaction", "messages", "closed"), "公开答复数量不应多于办结留言数量"),
    (("security", "issues_fixed"), ("security", "issues_found"), "问题整改数量不应多于发现问题数量"),
)
TEXT_PATHS = (("signatures", "head"), ("signatures", "reviewer"), ("signatures", "filler"), ("signatures", "phone"),
              ("new_media", "other"), ("innovation", "other"))


@dataclass
class WebsiteReport:
    year: int
    source: Source
    counted: dict  # the figures counted from the content, see ``count``

    @property
    def data(self):
        return self.source.data


def load(site):
    """Check every data/website_report/YYYY.yaml; fill ``site.website_reports``."""
    folder = site.data_dir / FOLDER
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        if not YEAR.match(path.stem):
            site.problems.error(display_path(path), 1, "", f"文件名“{path.name}”不对：应为报表年度加 .yaml，例如 2025.yaml。")
            continue
        source = site.read_data(path, SCHEMA)
        if source is None:
            continue
        year = int(path.stem)
        _check(site, source, year)
        site.website_reports[year] = WebsiteReport(year, source, count(site, year))


def _check(site, source, year):
    data = source.data
    for smaller, larger, what in AT_MOST:
        low, high = at(data, smaller), at(data, larger)
        if low > high:
            site.problems.warning(source.path, source.line(*smaller), ".".join(smaller),
                                  f"{what}：这里是 {low}，第 {source.line(*larger)} 行是 {high}。请对照台账核对。")
    for path in TEXT_PATHS:
        text = at(data, path)
        if text:
            pii.scan(text, set(), lambda line, message, path=path: site.problems.error(
                source.path, line, ".".join(path), message), first_line=source.line(*path))
    if year >= site.build_date.year:
        site.problems.warning(source.path, 1, "", f"{year} 年还没有结束（构建日期 {site.build_date}）：报表应在次年 1 月填写、发布。")


def _is_date(value):
    return isinstance(value, datetime.date)


def at(data, path):
    for key in path:
        data = data[key]
    return data


def count(site, year):
    """The figures of ``year`` the content gives, from every unit's records."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    dated = [r for r in site.records if _is_date(r.publish_date)]  # a date that is no date is reported at its line
    in_year = [r for r in dated if first <= r.publish_date <= last]
    news = sum(r.type in NEWS_TYPES for r in in_year)
    interpretations = [r for r in in_year if r.type == INTERPRETATION]
    consultations = [r for r in dated if r.type == CONSULTATION and _is_date(r.meta.get("opens"))
                     and first <= r.meta["opens"] <= last]
    first_items = {}  # unit → the day of its first item
    for r in dated:
        first_items[r.unit.slug] = min(first_items.get(r.unit.slug, r.publish_date), r.publish_date)
    first_items = list(first_items.values())
    return {
        "news": news,
        "catalogue": len(in_year) - news,
        "columns_maintained": sum(day <= last for day in first_items),
        "columns_opened": sum(first <= day <= last for day in first_items),
        "materials": sum(r.meta.get("form") in MATERIAL_FORMS for r in interpretations),
        "products": sum(r.meta.get("form") in PRODUCT_FORMS for r in interpretations),
        "guides": sum(r.type == GUIDE and r.publish_date <= last for r in dated),
        "surveys": len(consultations),
        "survey_results": sum(bool(r.links.get("feedback")) for r in consultations),
    }
