"""The fixed columns and 机构职能: standalone pages whose facts come from data/, never from prose.

A unit's page in content/<unit>/pages/ picks its view through its template (``organization``,
``guide``, ``rules`` or ``apply``, see ``PAGE_VIEWS``), so the guide's contact details are the
unit's agency.yaml's and cannot disagree with the footer. Each unit's application form
(``<unit>/apply/form/``) is an HTML page that prints on A4.
"""

from ..model.index_numbers import format_index_number
from . import catalog, documents, urls
from .pages import Page
from .powers import department_counts
from .replies import listing_view
from .sections import APPLY_TEMPLATE

# 《中华人民共和国政府信息公开条例》第三十条、第三十二条、第三十三条: working-day limits, the same for every agency.
REPLY_WORKING_DAYS = 20
EXTENSION_WORKING_DAYS = 20
CORRECTION_WORKING_DAYS = 7
THIRD_PARTY_WORKING_DAYS = 15
RULE_FILTERS = (("types", "type"), ("topics", "topic"), ("genres", "genre"))  # taxonomy rules key → front matter key


def organization_view(site, unit):
    """机构职能: functions, departments with what they do, leadership, contacts."""
    agency = unit.agency
    held = {entry["name"]: entry for entry in department_counts(unit)}
    return {
        "functions": agency.get("functions", []),
        "departments": [
            {"name": d["name"], "functions": d["functions"], "phone": d.get("phone", ""), "powers": held.get(d["name"])}
            for d in agency["departments"]
        ],
        "leadership": agency.get("leadership", []),
        "contact": agency,
        "powers": urls.within(unit, urls.POWERS) if catalog.has_path_column(unit, urls.POWERS) else None,
        "office": agency["disclosure_office"],
        "leader": agency.get("disclosure_leader"),
    }


def guide_view(site, unit):
    """公开指南: the catalogue scheme and the disclosure office, from taxonomy.yaml and agency.yaml."""
    return {
        "categories": [
            {"name": c["name"], "url": urls.category(unit, c) if catalog.has_column(site, unit, c) else None,
             "count": sum(1 for r in unit.records if r.category is c)}
            for c in site.taxonomy["categories"]
        ],
        "index_example": format_index_number(site.settings, unit.agency, site.build_date.year, 1),
        "office": unit.agency["disclosure_office"],
        "leader": unit.agency.get("disclosure_leader"),
        "links": {"catalog": urls.within(unit, urls.CATALOG), "catalog_csv": urls.within(unit, urls.CATALOG_CSV),
                  "search": urls.SEARCH, "application_form": urls.within(unit, urls.APPLICATION_FORM)},
    }


def rule_records(site, unit):
    """The unit's items that taxonomy.yaml's ``rules`` selects: each condition written there must hold."""
    rules = site.taxonomy["rules"]
    return [r for r in site.newest_first(unit.records)
            if all(r.meta.get(key) in rules[name] for name, key in RULE_FILTERS if name in rules)]


def rules_view(site, unit):
    """公开制度: the unit's rule documents, newest first."""
    return {"rows": [documents.item_row(site, r) for r in rule_records(site, unit)]}


def apply_view(site, unit):
    """依申请公开: channels from the disclosure office's contacts, the statutory time limits and the 答复文书范本."""
    return {
        "agency": unit.agency,
        "office": unit.agency["disclosure_office"],
        "form": urls.within(unit, urls.APPLICATION_FORM),
        "reply_days": REPLY_WORKING_DAYS,
        "extension_days": EXTENSION_WORKING_DAYS,
        "correction_days": CORRECTION_WORKING_DAYS,
        "third_party_days": THIRD_PARTY_WORKING_DAYS,
        "reply_templates": listing_view(site, unit),
        "office_use": {"caption": "以下由受理机关填写", "rows": [["收到申请日期", "受理编号"], ["经办人", "备注"]]},
    }


PAGE_VIEWS = {"organization": organization_view, "guide": guide_view, "rules": rules_view, "apply": apply_view}


def form_pages(site):
    """Each unit's application form; its trail leads back to the unit's 依申请公开 page."""
    for unit in site.units.values():
        apply = unit.page(APPLY_TEMPLATE)
        trail = [{"name": unit.name, "url": urls.within(unit)}]
        trail += [{"name": apply.meta["title"], "url": apply.url}] if apply else []
        yield Page(urls.within(unit, urls.APPLICATION_FORM), "application_form",
                   {"form": apply_view(site, unit), "trail": trail + [{"name": "申请表"}],
                    "apply_url": apply.url if apply else urls.within(unit)}, unit=unit)
