"""Deadlines of disclosure: 条例 第二十六条 (published within 20 working days of being made) and
policy interpretations (one for each document of the listed types, within 3 working days).
The measures are model.compliance's, the thresholds data/inspection.yaml's."""

from ...model import compliance
from .findings import PROBLEM, Finding, unit_name

PUBLICATION, INTERPRETATION = "公开时限", "政策解读"
SETTLED = ("repealed", "expired")  # documents no longer in force need no interpretation now


def _where(record, key):
    return f"{record.path}:{record.source.line(key)}"


def publication(site, rules):
    limit, found = rules["publication"]["working_days"], []
    for record in site.records:
        late = compliance.publication_delay(record, site.holidays)
        if late is not None and late > limit:
            found.append(Finding(
                PUBLICATION, PROBLEM, f"“{record.meta['title']}”成文于 {record.meta['written_date']}，发布于 {record.publish_date}，"
                f"晚了 {late} 个工作日（《政府信息公开条例》第二十六条：{limit} 个工作日内公开）。"
                "如发布日期填错了，请改正；今后请及时发布。", unit_name(record.unit), "", _where(record, "publish_date")))
    return found


def interpretations(site, rules):
    limit, types, found = rules["interpretation"]["working_days"], set(rules["interpretation"]["types"]), []
    for record in site.records:
        if record.type in types and record.validity not in SETTLED and not record.links.get("interpretations"):
            found.append(Finding(
                INTERPRETATION, PROBLEM, f"“{record.meta['title']}”（{record.index_number}）没有政策解读。"
                f"请发布解读（type: interpretation，interprets 写本文件的索引号），与文件同步，最迟 {limit} 个工作日内。",
                unit_name(record.unit), "", _where(record, "index_number")))
        for document, late in compliance.interpretation_delays(record, site.holidays):
            if late > limit:
                found.append(Finding(
                    INTERPRETATION, PROBLEM, f"解读“{record.meta['title']}”比文件“{document.meta['title']}”"
                    f"（{document.index_number}）晚 {late} 个工作日发布，应在 {limit} 个工作日内。",
                    unit_name(record.unit), "", _where(record, "publish_date")))
    return found
