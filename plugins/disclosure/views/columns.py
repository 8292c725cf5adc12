"""The fixed columns and 机构职能: standalone pages whose facts come from data/, never from prose.

A page in content/pages/ picks its view through its template (``organization``, ``guide``,
``rules`` or ``apply``, see ``PAGE_VIEWS``), so the guide's contact details are agency.yaml's
and cannot disagree with the footer. The application form (``apply/form/``) is an HTML page
that prints on A4.
"""

from ..model.index_numbers import format_index_number
from . import documents, urls
from .pages import Page
from .powers import department_counts

# 《中华人民共和国政府信息公开条例》第三十条、第三十二条、第三十三条: working-day limits, the same for every agency.
REPLY_WORKING_DAYS = 20
EXTENSION_WORKING_DAYS = 20
CORRECTION_WORKING_DAYS = 7
THIRD_PARTY_WORKING_DAYS = 15
RULE_FILTERS = (("types", "type"), ("topics", "topic"), ("genres", "genre"))  # taxonomy rules key → front matter key


def organization_view(site):
    """机构职能: functions, departments with what they do, leadership, contacts."""
    agency = site.agency
    held = {entry["name"]: entry for entry in department_counts(site)}
    return {
        "functions": agency.get("functions", []),
        "departments": [
            {"name": d["name"], "functions": d["functions"], "phone": d.get("phone", ""), "powers": held.get(d["name"])}
            for d in agency["departments"]
        ],
        "leadership": agency.get("leadership", []),
        "office": agency["disclosure_office"],
        "leader": agency.get("disclosure_leader"),
    }


def guide_view(site):
    """公开指南: the catalogue scheme and the disclosure office, from taxonomy.yaml and agency.yaml."""
    return {
        "categories": [
            {"name": c["name"], "url": urls.category(c), "count": sum(1 for r in site.records if r.category is c)}
            for c in site.taxonomy["categories"]
        ],
        "index_example": format_index_number(site.settings, site.agency, site.build_date.year, 1),
        "office": site.agency["disclosure_office"],
        "leader": site.agency.get("disclosure_leader"),
    }


def rule_records(site):
    """The items taxonomy.yaml's ``rules`` selects: each condition written there must hold."""
    rules = site.taxonomy["rules"]
    return [r for r in site.newest_first()
            if all(r.meta.get(key) in rules[name] for name, key in RULE_FILTERS if name in rules)]


def rules_view(site):
    """公开制度: the bureau's rule documents, newest first."""
    return {"rows": [documents.item_row(site, r) for r in rule_records(site)]}


def apply_view(site):
    """依申请公开: channels from the disclosure office's contacts, and the statutory time limits."""
    return {
        "office": site.agency["disclosure_office"],
        "reply_days": REPLY_WORKING_DAYS,
        "extension_days": EXTENSION_WORKING_DAYS,
        "correction_days": CORRECTION_WORKING_DAYS,
        "third_party_days": THIRD_PARTY_WORKING_DAYS,
        "office_use": {"caption": "以下由受理机关填写", "rows": [["收到申请日期", "受理编号"], ["经办人", "备注"]]},
    }


PAGE_VIEWS = {"organization": organization_view, "guide": guide_view, "rules": rules_view, "apply": apply_view}


def form_page(site):
    return Page(urls.APPLICATION_FORM, "application_form", {"form": apply_view(site)})
