"""意见征集: open for at least 30 days, or a stated reason (``short_reason``) why not.

《重大行政决策程序暂行条例》第十五条: the period is generally not less than 30 days; where it
must be shorter, the reason is stated when the consultation is published. A notice that runs
from ``opens`` to ``closes`` is open on both days, so 4月15日至5月14日 is 30 days."""

from .findings import PROBLEM, Finding, unit_name

CHECK = "意见征集"


def consultations(site, rules):
    least, found = rules["consultation"]["min_days"], []
    for record in site.records:
        meta = record.meta
        if record.type != "consultation" or meta.get("short_reason"):
            continue
        days = (meta["closes"] - meta["opens"]).days + 1  # both days count, as the notice states them
        if days < least:
            found.append(Finding(
                CHECK, PROBLEM, f"“{meta['title']}”征求意见 {meta['opens']} 至 {meta['closes']}，只有 {days} 天，"
                f"少于 {least} 天，也没有说明理由。请延长期限，或在 short_reason 中写明缩短的理由（页面上会显示）。",
                unit_name(record.unit), "", f"{record.path}:{record.source.line('closes')}"))
    return found
