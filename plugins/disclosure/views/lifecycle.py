"""The 规范性文件 lifecycle pages: the 制度文件汇编 and the 清理结果.

Both follow from validity on the build date, so a nightly build keeps them
current (动态更新) without anyone editing them.
"""

import re

from ..model.records import category_for
from ..model.validity import IN_FORCE, end_of_force
from . import catalog, documents, urls
from .pages import Page

COMPILATION_FACTS = ("index_number", "doc_number", "effective_date", "expiry_date", "registration_number")
BODY_HEADING = re.compile(r"<(/?)h([2-5])(?=[ >])")
IN_PAGE_TARGET = re.compile(r'(\bid="|\bhref="#)')
END_CAUSES = {"repealed": "废止", "expired": "失效"}


def compilation_view(site, unit, body_of):
    """Every document of the unit in force, oldest first, with its full text; ``body_of(record)`` gives its HTML."""
    labels = dict(documents.METADATA_FIELDS)
    compiled = []
    for record in reversed(site.newest_first(unit.records)):
        if record.validity not in IN_FORCE:
            continue
        anchor = record.meta["slug"]
        # The title is an h2 here, so body headings move one level down; their ids get the
        # document's prefix so that two documents never share an id.
        body = BODY_HEADING.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}", body_of(record))
        compiled.append({
            "anchor": anchor, "title": record.meta["title"], "url": record.url,
            "doc_number": record.meta.get("doc_number", ""),
            "facts": [{"label": labels[key], "value": str(record.meta[key])}
                      for key in COMPILATION_FACTS if record.meta.get(key)],
            "banner": documents.validity_banner(site, record),
            "body": IN_PAGE_TARGET.sub(rf"\1{anchor}-", body),
            "attachments": documents.attachment_links(record),
        })
    return {"title": catalog.COMPILATION_TITLE, "build_date": site.build_date.isoformat(), "documents": compiled}


def cleanup_view(site, unit):
    """The unit's documents repealed or expired by the build date, grouped by the year they stopped applying."""
    years = {}
    for record in unit.records:
        ended = end_of_force(record, site.build_date)
        if ended:
            years.setdefault(ended[0].year, []).append((ended, record))
    sections = []
    for year in sorted(years, reverse=True):
        rows = []
        for (day, state), record in sorted(years[year], key=lambda entry: (entry[0][0], entry[1].index_number)):
            repealers = site.newest_first(record.links["repealed_by"]) if state == "repealed" else []
            rows.append(dict(documents.item_row(site, record), date=day.isoformat(), result=END_CAUSES[state],
                             basis=[documents.item_row(site, r) for r in repealers],
                             basis_text="" if repealers else f"有效期至 {day}，期满失效"))
        sections.append({"year": year, "caption": f"{year} 年废止和失效的文件（{len(rows)} 件）", "rows": rows})
    return {"title": catalog.CLEANUP_TITLE, "build_date": site.build_date.isoformat(), "years": sections}


def units(site):
    """The units whose category of normative documents has these pages below it; none without such a category."""
    category = category_for(site.taxonomy, {"type": "normative"})
    return [] if category is None else [unit for unit in site.units.values() if catalog.has_column(site, unit, category)]


def sources(site, unit):
    """The items a unit's pages are made from: its own with validity (normative documents) or in their
    category, and those linked with them (banners and repeals name them)."""
    category = category_for(site.taxonomy, {"type": "normative"})
    own = [record for record in unit.records if record.validity or record.category is category]
    return own + [target for record in own for targets in record.links.values() for target in targets]


def pages(site, unit, body_of):
    """Both pages below the unit's category of normative documents.

    ``body_of(record, page_url)`` is a document's body HTML with links relative to that page.
    """
    category = category_for(site.taxonomy, {"type": "normative"})
    base = urls.category(unit, category)
    trail = [{"name": unit.name, "url": urls.within(unit)}, {"name": category["name"], "url": base}]
    url = base + urls.COMPILATION
    compilation = compilation_view(site, unit, lambda record, url=url: body_of(record, url))
    yield Page(url, "compilation", {"compilation": compilation, "trail": trail + [{"name": compilation["title"]}]},
               unit=unit)
    cleanup = cleanup_view(site, unit)
    yield Page(base + urls.CLEANUP, "cleanup", {"cleanup": cleanup, "trail": trail + [{"name": cleanup["title"]}]},
               unit=unit)
