"""Working days (工作日): the unit of every statutory deadline."""

import datetime


def working_days_between(start, end, holidays=frozenset()):
    """Working days after ``start`` up to and including ``end`` (weekends and holidays excluded)."""
    days, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            days += 1
    return days
