"""Derived records → template parameters. Templates only display what is decided here.

Every URL in a view is relative to the site root; templates prefix ``SITEURL``,
which Pelican makes relative for each output file, so the site works under a
sub-path such as ``/zwgk/``.
"""

import posixpath
from collections import Counter

from . import annual_view

from . import series

from . import search

ATTACHMENT_PREFIX = "attachments/"
# The lifecycle pages below the 规范性文件 list (e.g. normative/compilation/); URLs stay stable.
COMPILATION_PATH = "compilation/"
CLEANUP_PATH = "cleanup/"
COMPILATION_TITLE = "制度文件汇编"
CLEANUP_TITLE = "清理结果"
METADATA_FIELDS = (  # (key, label) in the order of the national metadata table
    ("index_number", "索引号"), ("issuer", "发布机构"), ("written_date", "成文日期"),
    ("publish_date", "发布日期"), ("doc_number", "文号"), ("topic", "主题分类"),
    ("genre", "体裁分类"), ("department", "责任科室"), ("effective_date", "施行日期"),
    ("expiry_date", "有效期至"), ("registration_number", "登记号"), ("period", "统计期"),
    ("interpreter", "解读单位"), ("form", "解读形式"), ("opens", "征集开始"),
    ("closes", "征集截止"), ("year", "报告年度"),
)
RELATION_HEADINGS = (  # (link name, heading) shown on a document page
    ("interpretations", "相关解读"), ("interprets", "解读的文件"),
    ("amends", "本文件修订的文件"), ("amended_by", "修订本文件的文件"),
    ("repeals", "本文件废止的文件"), ("repealed_by", "废止本文件的文件"),
    ("feedback", "意见采纳情况反馈"), ("feedback_for", "对应的意见征集"),
)


def item_row(site, record):
    """One line of a catalogue table."""
    meta = record.meta
    return {
        "index_number": record.index_number,
        "title": meta["title"],
        "url": record.url,
        "doc_number": meta.get("doc_number", ""),
        "publish_date": meta["publish_date"].isoformat(),
        "type_label": site.label("types", record.type),
        "category": record.category["name"] if record.category else "",
        "validity": record.validity,
        "validity_label": site.label("validity", record.validity) if record.validity else "",
    }


def metadata_rows(site, record):
    meta, rows = record.meta, []
    for key, label in METADATA_FIELDS:
        value = meta.get(key)
        if value not in (None, ""):
            rows.append({"label": label, "value": str(value)})
        if key == "genre" and record.validity:
            rows.append({"label": "有效性", "value": site.label("validity", record.validity),
                         "validity": record.validity})
    if meta.get("keywords"):
        rows.append({"label": "关键词", "value": "、".join(meta["keywords"])})
    return rows


def validity_banner(site, record):
    """The banner for a normative document that is not in force, or None."""
    state, meta = record.validity, record.meta
    if state in ("", "effective"):
        return None
    links = []
    if state == "repealed":
        repealers = record.links["repealed_by"]
        links = [_link(site, r) for r in repealers]
        since = "、".join(str(r.meta.get("effective_date")) for r in repealers)
        message = f"本文件已被废止，废止文件自 {since} 起施行。"
    elif state == "expired":
        message = f"本文件有效期至 {meta['expiry_date']}，现已失效。"
    elif state == "amended":
        amendments = record.links["amended_by"]
        links = [_link(site, r) for r in amendments]
        since = "、".join(str(r.meta.get("effective_date")) for r in amendments)
        message = f"本文件已被修订，修订文件自 {since} 起施行，请与修订文件一并阅读。"
    else:
        message = f"本文件自 {meta['effective_date']} 起施行，目前尚未施行。"
    return {"state": state, "label": site.label("validity", state), "message": message, "links": links}


def validity_slug(state):
    """The URL segment of a validity state's page, e.g. not_yet_effective → not-yet-effective."""
    return state.replace("_", "-")


def validity_filter(site, records, base, title, current="", instant=False):
    """Links from a list to its per-state pages, with a count each; None if nothing has validity.

    ``instant`` marks the one page that holds every row, where the script may filter in place.
    """
    if not any(r.validity for r in records):
        return None
    counts = Counter(r.validity for r in records)
    options = [("", "全部", base, len(records))] + [
        (state, label, f"{base}{validity_slug(state)}/", counts[state])
        for state, label in site.taxonomy["validity"].items()
    ]
    return {
        "options": [{
            "state": state, "label": label, "url": url, "count": count, "current": state == current,
            "title": f"{title}（{label}）" if state else title,
            "summary": (f"{label}：" if state else "") + f"共 {count} 条，按发布日期从新到旧排列。",
        } for state, label, url, count in options],
        "instant": instant,
        "related": [{"name": COMPILATION_TITLE, "url": base + COMPILATION_PATH},
                    {"name": CLEANUP_TITLE, "url": base + CLEANUP_PATH}],
    }


def document_view(site, record):
    """Everything a document page shows besides its body."""
    meta = record.meta
    relations = []
    for name, heading in RELATION_HEADINGS:
        targets = site.newest_first(record.links.get(name, ()))
        if targets:
            relations.append({"heading": heading, "links": [_link(site, r) for r in targets]})
    return {
        "caption": "文件信息",
        "rows": metadata_rows(site, record),
        "banner": validity_banner(site, record),
        "attachments": attachment_links(record),
        "tasks": [{"item": t["item"], "departments": "、".join(t["departments"])} for t in meta.get("tasks") or ()],
        "changes": sorted(({"date": str(c["date"]), "note": c["note"]} for c in meta.get("changes") or ()),
                          key=lambda c: c["date"]),
        "relations": relations,
        "report": annual_view.report_view(site, record),
        "datasets": series.dataset_views(site, record),
        "category": {"name": record.category["name"], "url": record.category["slug"] + "/"} if record.category else None,
        "search": search.document_fields(site, record),
    }


def attachment_links(record):
    return [
        {"title": a["title"], "url": ATTACHMENT_PREFIX + a["file"],
         "format": posixpath.splitext(a["file"])[1].lstrip(".").upper()}
        for a in record.meta.get("attachments") or ()
    ]


def _link(site, record):
    return {
        "title": record.meta["title"], "url": record.url, "index_number": record.index_number,
        "doc_number": record.meta.get("doc_number", ""),
        "validity": record.validity,
        "validity_label": site.label("validity", record.validity) if record.validity else "",
    }


def home_view(site, latest_count):
    counts = {}
    for record in site.records:
        if record.category:
            counts[record.category["slug"]] = counts.get(record.category["slug"], 0) + 1
    categories = {c["slug"]: c for c in site.taxonomy["categories"]}
    sections = []
    for entry in site.taxonomy["active_disclosure"]:
        if "category" in entry:
            category = categories[entry["category"]]
            sections.append({"name": category["name"], "url": category["slug"] + "/",
                             "count": counts.get(category["slug"], 0)})
        else:
            sections.append({"name": entry["name"], "url": entry["path"], "count": None})
    latest = [item_row(site, r) for r in site.newest_first()[:latest_count]]
    return {"columns": [{"name": c["name"], "url": c["path"]} for c in site.taxonomy["fixed_columns"]],
            "sections": sections, "latest": latest}
