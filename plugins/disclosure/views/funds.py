"""政策资金公示 → the table a funds item's page shows, with its computed 合计, and its CSV download.

Names arrive masked (``data.funds``): a natural person's full name never reaches a view.
"""

from ..data.funds import HEADER
from . import urls

PERSON_NOTE = "受益主体为自然人的，按规定只公开姓氏，名字以“*”代替，不公开统一社会信用代码。"


def funds_view(site, record):
    """The table of the item's ``dataset``; None if the item names none."""
    meta, unit = record.meta, record.unit
    table = unit.funds.get(meta.get("dataset"))
    if table is None:
        return None
    return {
        "id": "funds-table",
        "caption": f"{meta['title']}：资金明细（单位：万元）",
        "header": list(HEADER),
        "rows": [{"recipient": row.recipient, "credit_code": row.credit_code, "project": row.project,
                  "amount": str(row.amount), "date": row.date.isoformat(), "natural_person": row.natural_person}
                 for row in table.rows],
        "total": str(table.total),
        "count": len(table.rows),
        "note": PERSON_NOTE if any(row.natural_person for row in table.rows) else "",
        "fund_source": meta.get("fund_source", ""),
        "csv_url": urls.funds(unit, table.name),
        "csv_name": table.name,
    }


def csv_rows(table):
    """A table as its CSV download: the header, then one row per recipient, names as published."""
    yield list(HEADER)
    for row in table.rows:
        yield [row.recipient, row.credit_code, row.project, str(row.amount), row.date.isoformat()]
