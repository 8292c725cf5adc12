"""答复文书范本: the standard reply letters, with blanks for the particulars, as pages of the site.

``data.replies.load`` checks data/reply_templates.yaml (optional: without it there are no 范本 pages)
into ``site.reply_templates``. The pages are filled by ``replies.fill`` with blanks, so the site shows
exactly the wording ``invoke reply`` prints, and each page quotes the articles its letter cites.
"""

from ..data.replies import blanks, chinese_numeral, fill, result_labels
from . import urls
from .pages import Page
from .sections import APPLY_TEMPLATE

INDEX_NAME = "答复文书范本"


def page_url(unit, result):
    """``withheld.state_secret`` → tjj/apply/templates/withheld-state-secret/."""
    return urls.within(unit, urls.REPLY_TEMPLATES + result.replace(".", "-").replace("_", "-") + "/")


def _trail(unit, *more):
    apply = unit.page(APPLY_TEMPLATE)
    return ([{"name": unit.name, "url": urls.within(unit)}]
            + ([{"name": apply.meta["title"], "url": apply.url}] if apply else []) + list(more))


def listing_view(site, unit):
    """Every 范本 of a unit in the order of table 三, grouped by its kind of result; None without templates."""
    templates = site.reply_templates
    if templates is None:
        return None
    groups = {}
    for result in result_labels(site.schemas):
        template = templates.template(result)
        kind = result.partition(".")[0]
        groups.setdefault(kind, []).append(
            {"name": template["name"], "url": page_url(unit, result), "basis": "、".join(template["basis"])})
    return {"url": urls.within(unit, urls.REPLY_TEMPLATES), "title": INDEX_NAME, "trail": _trail(unit, {"name": INDEX_NAME}),
            "regulation": templates.data["regulation"]["name"],
            "groups": [{"name": rows[0]["name"].partition("（")[0], "rows": rows} for rows in groups.values()]}


def template_view(site, unit, result):
    """One 范本: the blank letter, and the text of every article it cites."""
    templates = site.reply_templates
    template = templates.template(result)
    regulation = templates.data["regulation"]
    cited = template["basis"] + templates.data["letter"]["remedies"]["basis"]
    return {
        "title": f"{template['name']}答复书范本",
        "trail": _trail(unit, {"name": INDEX_NAME, "url": urls.within(unit, urls.REPLY_TEMPLATES)}, {"name": template["name"]}),
        "letter": fill(templates, unit.agency, result, blanks(templates)),
        "basis": templates.citation(template["basis"]),
        "regulation": regulation["name"], "edition": regulation["edition"],
        "articles": [{"name": article, "paragraphs": [_paragraph(p) for p in paragraphs]}
                     for article, paragraphs in templates.articles(cited)],
    }


def _paragraph(paragraph):
    """A paragraph of an article as text, or as a lead and its items numbered （一）（二）…"""
    if isinstance(paragraph, str):
        return {"text": paragraph, "entries": []}
    return {"text": paragraph["lead"],
            "entries": [f"（{chinese_numeral(number)}）{item}" for number, item in enumerate(paragraph["items"], start=1)]}


def pages(site):
    """Each unit's 范本 index and a page per result; none without data/reply_templates.yaml."""
    if site.reply_templates is None:
        return
    for unit in site.units.values():
        yield Page(urls.within(unit, urls.REPLY_TEMPLATES), "reply_templates", {"listing": listing_view(site, unit)}, unit=unit)
        for result in result_labels(site.schemas):
            yield Page(page_url(unit, result), "reply_template", {"reply_template": template_view(site, unit, result)},
                       unit=unit)
