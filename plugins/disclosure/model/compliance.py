"""Compliance warnings (DESIGN §8): deadlines of the 条例 and reminders that do not fail a build
unless ``--strict`` is given.
"""

import datetime

from .calendar import working_days_between
from .validity import IN_FORCE

INTERPRETATION_DEADLINE_DAYS = 3
PUBLICATION_DEADLINE_DAYS = 20
EXPIRY_REMINDER_DAYS = 90


def warn(site):
    """Late publication, late interpretations and documents about to expire."""
    holidays = site.holidays
    for record in site.records:
        meta = record.meta
        published, written = meta.get("publish_date"), meta.get("written_date")
        if isinstance(published, datetime.date) and isinstance(written, datetime.date):
            late = working_days_between(written, published, holidays)
            if late > PUBLICATION_DEADLINE_DAYS:
                site.problems.warning(record.path, record.source.line("publish_date"), "publish_date",
                                      f"发布日期比成文日期晚 {late} 个工作日，超过 {PUBLICATION_DEADLINE_DAYS} 个工作日的公开时限。")
        for document in record.links["interprets"]:
            start = document.meta.get("publish_date")
            if isinstance(start, datetime.date) and isinstance(published, datetime.date):
                late = working_days_between(start, published, holidays)
                if late > INTERPRETATION_DEADLINE_DAYS:
                    site.problems.warning(record.path, record.source.line("publish_date"), "publish_date",
                                          f"解读比文件“{document.index_number}”晚 {late} 个工作日发布，应在 {INTERPRETATION_DEADLINE_DAYS} 个工作日内同步发布。")
        expiry = meta.get("expiry_date")
        if record.validity in IN_FORCE and isinstance(expiry, datetime.date):
            left = (expiry - site.build_date).days
            if 0 <= left <= EXPIRY_REMINDER_DAYS:
                site.problems.warning(record.path, record.source.line("expiry_date"), "expiry_date",
                                      f"清理提醒：本文件将于 {expiry} 失效（还有 {left} 天），请及时评估是否继续施行、修订或废止。")
