"""办事指南 → what a guide page shows, its printable 申请材料清单, the line a guide list shows and the
portal's 办事指南 of every unit.

Facts a guide does not give come from its unit, so they cannot disagree with the 机构职能 page:
办理地点 from agency.yaml's ``address``, 办理时间 from ``office_hours``, 咨询电话 from the
承办科室's phone, else the unit's; 设定依据 from the 权责清单 item it serves.
"""

from ..data.guides import GUIDE, power_of
from . import urls
from .pages import Page

TITLE = "办事指南"
CHECKLIST_TITLE = "申请材料清单"
INSTANT = "即办（当场办结）"  # a time limit of 0 working days


def days_text(days):
    return INSTANT if days == 0 else f"{days} 个工作日"


def _facts(record):
    """(label, value) of the guide's facts, its unit's where the guide gives none."""
    meta, agency = record.meta, record.unit.agency
    department = next((d for d in agency["departments"] if d["name"] == meta.get("department")), {})
    facts = [("承办科室", meta.get("department", ""))]
    for key, label in (("legal_days", "法定办结时限"), ("promised_days", "承诺办结时限")):
        if isinstance(meta.get(key), int):
            facts.append((label, days_text(meta[key])))
    facts += [("收费标准", meta.get("fee", "")), ("办理地点", meta.get("place") or agency["address"]),
              ("办理时间", meta.get("hours") or agency["office_hours"]),
              ("咨询电话", meta.get("phone") or department.get("phone") or agency["phone"])]
    return [(label, value) for label, value in facts if value]


def guide_view(site, record):
    """The structured guide: 事项名称, facts, 设定依据, 办理条件, 申请材料, 办理流程, 网上办理."""
    meta, unit = record.meta, record.unit
    power = power_of(unit, record)
    name = power.meta["name"] if power else meta["title"]
    return {
        "name": name,
        "power": {"name": power.meta["name"], "code": power.code, "kind": power.kind["name"],
                  "url": urls.power(unit, power.code)} if power else None,
        "facts": [{"label": label, "value": value} for label, value in _facts(record)],
        "basis": meta.get("basis") or (power.meta["basis"] if power else []),
        "conditions": meta.get("conditions") or [],
        "materials": checklist_params(record, name),
        "steps": meta.get("steps") or [],
        "online_url": meta.get("online_url", ""),
    }


def checklist_params(record, name):
    """The 申请材料 as a checklist, with the address of its printable page."""
    materials = record.meta.get("materials") or []
    return {"id": f"materials-{record.meta['slug']}", "caption": f"“{name}”{CHECKLIST_TITLE}",
            "items": materials, "print_url": urls.checklist(record) if materials else None}


def checklist_pages(site):
    """Each guide with materials gets a page that prints its checklist on one A4 sheet."""
    for unit in site.units.values():
        for record in unit.records:
            if record.type == GUIDE and record.meta.get("materials"):
                view = guide_view(site, record)
                trail = [{"name": unit.name, "url": urls.within(unit)}]
                trail += [{"name": record.category["name"], "url": urls.category(unit, record.category)}] if record.category else []
                trail += [{"name": record.meta["title"], "url": record.url}, {"name": CHECKLIST_TITLE}]
                yield Page(urls.checklist(record), "checklist", {"checklist": dict(
                    view["materials"], print_url=None, title=f"{view['name']}{CHECKLIST_TITLE}", unit=unit.name, guide_url=record.url,
                    facts=[f for f in view["facts"] if f["label"] in ("办理地点", "办理时间", "咨询电话")],
                    index_number=record.index_number), "trail": trail}, record.publish_date, unit)


def guide_row(site, record):
    """One line of a 办事指南 table."""
    meta = record.meta
    power = power_of(record.unit, record)
    return {"title": meta["title"], "url": record.url, "name": power.meta["name"] if power else meta["title"],
            "department": meta.get("department", ""),
            "promised": days_text(meta["promised_days"]) if isinstance(meta.get("promised_days"), int) else "",
            "online_url": meta.get("online_url", "")}


def portal_page(site):
    """The portal's 办事指南: every unit's guides, by unit; None when no unit has one."""
    units = []
    for unit in site.units.values():
        records = sorted((r for r in unit.records if r.type == GUIDE), key=lambda r: r.index_number)
        if records:
            category = records[0].category
            units.append({"name": unit.name, "id": f"guides-{unit.slug}",
                          "url": urls.category(unit, category) if category else urls.within(unit),
                          "rows": [guide_row(site, r) for r in records]})
    if not units:
        return None
    updated = max(r.publish_date for r in site.records if r.type == GUIDE)
    return Page(urls.SERVICE_GUIDES, "service_guides", {"title": TITLE, "units": units, "trail": [{"name": TITLE}],
                                                        "count": sum(len(u["rows"]) for u in units)}, updated)
