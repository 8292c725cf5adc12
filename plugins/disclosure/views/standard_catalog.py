"""基层政务公开标准目录 → its table page and the rows of its CSV export."""

import itertools

from . import urls
from .pages import Page

LIST_SEPARATOR = "、"  # between the entries of a list inside one cell
COLUMNS = (  # (key, heading) in the order of the national template
    ("first_level", "一级事项"), ("second_level", "二级事项"), ("content", "公开内容（要素）"),
    ("basis", "公开依据"), ("time_limit", "公开时限"), ("subject", "公开主体"),
    ("channels", "公开渠道和载体"), ("audience", "公开对象"), ("manner", "公开方式"), ("levels", "公开层级"),
)
CSV_HEADER = ["序号"] + [heading for _, heading in COLUMNS]


def rows(catalogue):
    """Every item as numbered text cells, in file order."""
    return [
        dict({key: LIST_SEPARATOR.join(item[key]) if isinstance(item[key], list) else item[key] for key, _ in COLUMNS},
             number=number)
        for number, item in enumerate(catalogue["items"], start=1)
    ]


def catalogue_view(unit):
    """The table: items grouped under their 一级事项 (consecutive items with the same one)."""
    catalogue = unit.standard_catalog
    if catalogue is None:
        return None
    groups = [{"name": name, "rows": list(members)}
              for name, members in itertools.groupby(rows(catalogue), key=lambda row: row["first_level"])]
    return {"title": catalogue["title"], "updated": catalogue["updated"].isoformat(),
            "count": len(catalogue["items"]), "groups": groups, "csv": urls.within(unit, urls.STANDARD_CATALOG_CSV)}


def pages(site):
    """Each unit's catalogue page; a unit without standard_catalog.yaml opens no such column."""
    for unit in site.units.values():
        catalogue = unit.standard_catalog
        if catalogue is None:
            continue
        yield Page(urls.within(unit, urls.STANDARD_CATALOG), "standard_catalog",
                   {"catalogue": catalogue_view(unit), "trail": [{"name": unit.name, "url": urls.within(unit)}]},
                   catalogue["updated"], unit)


def csv_rows(catalogue):
    return [[row["number"]] + [row[key] for key, _ in COLUMNS] for row in rows(catalogue)]
