"""data/holidays.yaml: the public holidays that working-day deadlines skip (optional)."""

import datetime

from ..model.source import SourceError, display_path, read_data_file

FILE = "holidays.yaml"


def load(site):
    path = site.data_dir / FILE
    if not path.exists():
        return
    shown = display_path(path)
    try:
        source = read_data_file(path, shown)
    except SourceError as exc:
        site.problems.error(shown, exc.line, exc.field, exc.message)
        return
    if source.data is not None and not isinstance(source.data, list):
        site.problems.error(shown, 1, "", "holidays.yaml 应为日期的列表，每行一个，例如“- 2026-10-01”。")
        return
    days = set()
    for number, value in enumerate(source.data or ()):
        try:
            days.add(datetime.date.fromisoformat(str(value)))
        except ValueError:
            site.problems.error(shown, source.line(number), f"[{number}]", f"日期“{value}”无效，应为 YYYY-MM-DD。")
    site.holidays = frozenset(days)
