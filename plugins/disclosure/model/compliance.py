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
REPOST_DEADLINE_HOURS = 12  # 重要政务新媒体信息 are reposted within 12 hours of the source
REPOST_DEADLINE = datetime.timedelta(hours=REPOST_DEADLINE_HOURS)
SOURCE_TIME_FORMAT = "%Y-%m-%d %H:%M"
PUBLISH_TIME_FORMAT = "%H:%M"


def parse_source_time(text):
    """``YYYY-MM-DD HH:MM`` as a datetime, or None."""
    try:
        return datetime.datetime.strptime(text, SOURCE_TIME_FORMAT)
    except (TypeError, ValueError):
        return None


def repost_times(meta):
    """(the source's time, this site's time) of a repost's front matter as datetimes; None without
    both, or when either is not a real date and time (reported by the content check)."""
    source, day = parse_source_time(meta.get("source_time")), meta.get("publish_date")
    try:
        clock = datetime.datetime.strptime(meta.get("publish_time"), PUBLISH_TIME_FORMAT).time()
    except (TypeError, ValueError):
        return None
    return (source, datetime.datetime.combine(day, clock)) if source and isinstance(day, datetime.date) else None


def repost_delay(record):
    """How long after its source a repost was published (a timedelta), or None."""
    times = repost_times(record.meta)
    return times[1] - times[0] if times else None


def delay_text(delay):
    """A delay as 小时 and 分钟, e.g. 26 小时 5 分钟."""
    hours, minutes = divmod(int(delay.total_seconds()) // 60, 60)
    return f"{hours} 小时" + (f" {minutes} 分钟" if minutes else "")


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
    """Late publication, late interpretations, documents about to expire and late reposts."""
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
        delay = repost_delay(record) if record.type == "repost" else None
        if delay is not None and delay > REPOST_DEADLINE:
            site.problems.warning(record.path, record.source.line("publish_time"), "publish_time",
                                  f"转载比来源晚 {delay_text(delay)}（来源 {record.meta['source_time']} 发布，本站 "
                                  f"{record.meta['publish_date']} {record.meta['publish_time']} 发布），超过 {REPOST_DEADLINE_HOURS} 小时："
                                  f"重要政务信息应在来源发布后 {REPOST_DEADLINE_HOURS} 小时内转载。请核对 publish_date 和 publish_time；确已晚发的，今后请及时转载。")
