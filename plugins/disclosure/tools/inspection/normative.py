"""行政规范性文件的评估清理: documents about to reach their 有效期至, and documents in force for
years without one, which are due for review (继续施行、修订或废止)."""

from ...data.inspection import label, since, until
from ...model.compliance import days_to_expiry
from ...model.validity import IN_FORCE, effective_since
from .findings import NOTICE, Finding, unit_name

EXPIRY, REVIEW = "有效期届满", "定期评估"


def normative(site, rules):
    day, found = site.build_date, []
    expiring_by, review_before = until(day, rules["normative"]["expiry_within"]), since(day, rules["normative"]["review_after"])
    for record in site.records:
        left = days_to_expiry(record, day)
        if left is not None and 0 <= left <= (expiring_by - day).days:
            found.append(Finding(
                EXPIRY, NOTICE, f"“{record.meta['title']}”将于 {record.meta['expiry_date']} 失效（还有 {left} 天）。"
                "请评估是否继续施行、修订或废止，并及时发布结果。", unit_name(record.unit), "",
                f"{record.path}:{record.source.line('expiry_date')}"))
        start = effective_since(record)
        if record.validity in IN_FORCE and "expiry_date" not in record.meta and start <= review_before:
            found.append(Finding(
                REVIEW, NOTICE, f"“{record.meta['title']}”自 {start} 施行，已满 {label(rules['normative']['review_after'])}，"
                "没有有效期。请评估是否继续施行、修订或废止。", unit_name(record.unit), "",
                f"{record.path}:{record.source.line('effective_date')}"))
    return found
