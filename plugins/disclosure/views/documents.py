"""A document and its rows: the page of one record, and the line a list shows for it.

Templates only display what is decided here.
"""

import posixpath

from . import annual, charts, funds, guides, search, urls

METADATA_FIELDS = (  # (key, label) in the order of the national metadata table
    ("index_number", "索引号"), ("issuer", "发布机构"), ("written_date", "成文日期"),
    ("publish_date", "发布日期"), ("doc_number", "文号"), ("topic", "主题分类"),
    ("genre", "体裁分类"), ("department", "责任科室"), ("effective_date", "施行日期"),
    ("expiry_date", "有效期至"), ("registration_number", "登记号"), ("period", "统计期"),
    ("interpreter", "解读单位"), ("form", "解读形式"), ("opens", "征集开始"),
    ("closes", "征集截止"), ("short_reason", "期限说明"), ("year", "报告年度"), ("fund_source", "资金来源"),
)
RELATION_HEADINGS = (  # (link name, heading) shown on a document page
    ("interpretations", "相关解读"), ("interprets", "解读的文件"),
    ("amends", "本文件修订的文件"), ("amended_by", "修订本文件的文件"),
    ("repeals", "本文件废止的文件"), ("repealed_by", "废止本文件的文件"),
    ("feedback", "意见采纳情况反馈"), ("feedback_for", "对应的意见征集"),
    ("policy", "资金依据的政策文件"), ("funds", "政策资金公示"),
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
        "unit": record.unit.name,
        "unit_slug": record.unit.slug,
        "repost": meta.get("source_name", "") if record.type == "repost" else "",
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
        links = [_link(site, r, record.unit) for r in repealers]
        since = "、".join(str(r.meta.get("effective_date")) for r in repealers)
        message = f"本文件已被废止，废止文件自 {since} 起施行。"
    elif state == "expired":
        message = f"本文件有效期至 {meta['expiry_date']}，现已失效。"
    elif state == "amended":
        amendments = record.links["amended_by"]
        links = [_link(site, r, record.unit) for r in amendments]
        since = "、".join(str(r.meta.get("effective_date")) for r in amendments)
        message = f"本文件已被修订，修订文件自 {since} 起施行，请与修订文件一并阅读。"
    else:
        message = f"本文件自 {meta['effective_date']} 起施行，目前尚未施行。"
    return {"state": state, "label": site.label("validity", state), "message": message, "links": links}


def document_view(site, record):
    """Everything a document page shows besides its body."""
    meta = record.meta
    relations = []
    for name, heading in RELATION_HEADINGS:
        targets = site.newest_first(record.links.get(name, ()))
        if targets:
            relations.append({"heading": heading, "links": [_link(site, r, record.unit) for r in targets]})
    unit = record.unit
    category = {"name": record.category["name"], "url": urls.category(unit, record.category)} if record.category else None
    return {
        "description": record.summary,
        "trail": [{"name": unit.name, "url": urls.within(unit)}] + ([category] if category else []) + [{"name": meta["title"]}],
        "caption": "文件信息",
        "rows": metadata_rows(site, record),
        "banner": validity_banner(site, record),
        "attachments": attachment_links(record),
        "tasks": [{"item": t["item"], "departments": "、".join(t["departments"])} for t in meta.get("tasks") or ()],
        "changes": sorted(({"date": str(c["date"]), "note": c["note"]} for c in meta.get("changes") or ()),
                          key=lambda c: c["date"]),
        "relations": relations,
        "report": annual.report_view(site, record),
        "datasets": charts.dataset_views(site, record),
        "guide": guides.guide_view(site, record) if record.type == "guide" else None,
        "funds": funds.funds_view(site, record) if record.type == "funds" else None,
        "repost": repost_view(record) if record.type == "repost" else None,
        "search": search.document_fields(site, record),
    }


def repost_view(record):
    """来源 of a 转载: the source with its link and time, and when this site published it."""
    meta = record.meta
    return {"name": meta["source_name"], "url": meta["source_url"], "time": meta["source_time"],
            "published": f"{meta['publish_date'].isoformat()} {meta['publish_time']}"}


def attachment_links(record):
    return [
        {"title": a["title"], "url": urls.attachment(record.unit, a["file"]),
         "format": posixpath.splitext(a["file"])[1].lstrip(".").upper()}
        for a in record.meta.get("attachments") or ()
    ]


def _link(site, record, unit):
    """A related document; one of another unit names that unit, so the reader sees whose it is."""
    return {
        "title": record.meta["title"], "url": record.url, "index_number": record.index_number,
        "doc_number": record.meta.get("doc_number", ""),
        "unit": record.unit.name if record.unit is not unit else "",
        "validity": record.validity,
        "validity_label": site.label("validity", record.validity) if record.validity else "",
    }
