"""Compliance warnings (DESIGN §8): deadlines of the 条例 and reminders that do not fail a build
unless ``--strict`` is given. The measures are functions of one record, so ``invoke inspect``
applies the same rules with the thresholds of data/inspection.yaml.
"""

import datetime

from .calendar import working_days_between
from .validity import IN_FORCE

INTERPRETATION_DEADLINE_DAYS = 3
PUBLICATION_DEADLINE_DAYS = 20  # 条例 第二十六条: within 20 working days of being made or changed
EXPIRY_REMINDER_DAYS = 90


def publication_delay(record, holidays):
    """Working days from 成文日期 to 发布日期, or None without both dates."""
    published, written = record.meta.get("publish_date"), record.meta.get("written_date")
    if isinstance(published, datetime.date) and isinstance(written, datetime.date):
        return working_days_between(written, published, holidays)
    return None


def interpretation_delays(record, holidays):
    """(document, working days from its publication to this interpretation's) for each document it interprets."""
    published = record.meta.get("publish_date")
    for document in record.links.get("interprets", ()):
        start = document.meta.get("publish_date")
        if isinstance(start, datetime.date) and isinstance(published, datetime.date):
            yield document, working_days_between(start, published, holidays)


def days_to_expiry(record, day):
    """Days from ``day`` to the 有效期至 of a document still in force, or None."""
    expiry = record.meta.get("expiry_date")
    # A document whose repeal is already published needs no reminder, even before the repeal takes effect.
    if record.validity in IN_FORCE and isinstance(expiry, datetime.date) and not record.links.get("repealed_by"):
        return (expiry - day).days
    return None


def warn(site):
    """Late publication, late interpretations and documents about to expire."""
    holidays = site.holidays
    for record in site.records:
        late = publication_delay(record, holidays)
        if late is not None and late > PUBLICATION_DEADLINE_DAYS:
            site.problems.warning(record.path, record.source.line("publish_date"), "publish_date",
                                  f"发布日期比成文日期晚 {late} 个工作日，超过 {PUBLICATION_DEADLINE_DAYS} 个工作日的公开时限。")
        for document, late in interpretation_delays(record, holidays):
            if late > INTERPRETATION_DEADLINE_DAYS:
                site.problems.warning(record.path, record.source.line("publish_date"), "publish_date",
                                      f"解读比文件“{document.index_number}”晚 {late} 个工作日发布，应在 {INTERPRETATION_DEADLINE_DAYS} 个工作日内同步发布。")
        left = days_to_expiry(record, site.build_date)
        if left is not None and 0 <= left <= EXPIRY_REMINDER_DAYS:
            site.problems.warning(record.path, record.source.line("expiry_date"), "expiry_date",
                                  f"清理提醒：本文件将于 {record.meta['expiry_date']} 失效（还有 {left} 天），请及时评估是否继续施行、修订或废止。")
