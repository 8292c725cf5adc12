"""One type's JSON Schema → the fields of the editor's form, in the contract's order.

Labels are the schemas' ``title``s and hints their ``description``s (the hints ``invoke new`` prints).
Which widget a key gets follows from its schema: a date → a date picker that writes YYYY-MM-DD; a
reference to other items (``$ref`` to ``index_number``/``index_numbers``) → a relation widget over
every unit's items; an integer → a number; a list of objects → a list of sub-forms; and so on. Keys
whose allowed values live in data/ (科室, 主题, 体裁, 解读形式, a unit's data series, funds tables and powers) are
selects fed from there, so a clerk picks what ``invoke check`` accepts.
"""

import string

from ... import settings as config
from ...model.doc_numbers import STANDARD as DOC_NUMBER_STANDARD
from ...model.index_numbers import index_number_pattern
from ...model.records import topic_names
from ...model.relations import LIFECYCLE_KEYS
from ..scaffold import doc_number_example

CATALOGUE = "catalogue"  # the hidden collection of every unit's items, which relation widgets search
DATE_FORMAT = "YYYY-MM-DD"
TODAY_KEYS = ("publish_date", "effective_date", "opens")  # a new item's form starts them at today
TEXT_KEYS = ("summary", "short_reason", "note", "reason")  # free text of a sentence or more: a text area
REFERENCE_DEFS = ("#/$defs/index_number", "#/$defs/index_numbers")
LIFECYCLE_TYPE = "normative"  # what repeals and amends may name (model.relations checks the same)
INDEX_WIDGET = "disclosure-index-number"  # admin/disclosure-cms.js: the next free 索引号 of the unit
BODY_HINT = ("Markdown：标题用“## 一、”“### （一）”，段落之间空一行；链接到其他文件写 `[名称]({doc}索引号)`。"
             "默认是 Markdown 原文，保存时一字不改；也可切换到富文本。")


def fields(site, unit, kind, unit_collections):
    """The form of one type for one unit: every key of its schema in order, then the body."""
    schema = f"{kind}.schema.json"
    required = set(site.schemas.flat[schema].get("required", ()))
    raw = _raw_properties(site.schemas, schema)
    form = [_field(site, unit, key, spec, key in required, raw.get(key, {}), kind, unit_collections)
            for key, spec in site.schemas.properties(schema).items()]
    return form + [{"label": "正文", "name": "body", "widget": "markdown", "modes": ["raw", "rich_text"],
                    "sanitize_preview": True, "hint": BODY_HINT}]


def _raw_properties(schemas, name):
    """Properties as written (before references are inlined), common keys included: where a key names another item."""
    document = schemas.documents[name]
    properties = {}
    for part in document.get("allOf", ()):
        properties.update(_raw_properties(schemas, part["$ref"]))
    properties.update(document.get("properties", {}))
    return properties


def _field(site, unit, key, spec, required, raw, kind, unit_collections):
    field = {"label": spec.get("title", key), "name": key}
    field.update(_widget(site, unit, key, spec, raw, kind, unit_collections))
    if not required:
        field["required"] = False
    hint = _hint(site, unit, key, spec)
    if hint:
        field["hint"] = hint
    return field


def _hint(site, unit, key, spec):
    hint = spec.get("description", "")
    if key == "doc_number":
        hint = f"例如 {doc_number_example(site, unit, site.build_date.year)}。{hint}"
    return hint.replace("<单位>", unit.slug)


def _widget(site, unit, key, spec, raw, kind, unit_collections):
    """The widget and its options for one key."""
    if key == "type":
        return {"widget": "hidden", "default": kind}
    if key == "index_number":
        return _index_number(site, unit, unit_collections)
    if raw.get("$ref", "").endswith(REFERENCE_DEFS):
        return _relation(site, key, multiple=raw["$ref"].endswith("index_numbers"))
    options = _data_options(site, unit, key)
    if options is not None:
        multiple = spec.get("type") == "array"
        if not options:  # nothing in data/ to choose from yet: plain text
            return {"widget": "list"} if multiple else {"widget": "string"}
        select = {"widget": "select", "options": options}
        if multiple:
            select["multiple"] = True
        if key == "form":
            select["default"] = options[0]  # what the check assumes when form is left out
        return select
    return _by_type(site, unit, key, spec, kind, unit_collections)


def _by_type(site, unit, key, spec, kind, unit_collections):
    if spec.get("format") == "date":
        return _date(today=key in TODAY_KEYS)
    if "enum" in spec:
        return {"widget": "select", "options": list(spec["enum"])}
    kinds = spec.get("type")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds or ())
    if "string" in kinds:
        widget = {"widget": "text" if key in TEXT_KEYS else "string"}
        if key == "doc_number":
            widget["pattern"] = [_js(DOC_NUMBER_STANDARD.pattern),
                                 "应为“发文机关代字〔年份〕序号号”，例如 示统〔2024〕7号：年份用六角括号〔〕，序号不编虚位。"]
        elif "pattern" in spec:
            widget["pattern"] = [_js(spec["pattern"]), spec.get("description", "格式不对。")]
        return widget
    if "integer" in kinds or "number" in kinds:
        widget = {"widget": "number", "value_type": "int" if "integer" in kinds else "float"}
        widget.update({short: spec[bound] for bound, short in (("minimum", "min"), ("maximum", "max")) if bound in spec})
        return widget
    if "boolean" in kinds:
        return {"widget": "boolean"}
    if "array" in kinds:
        items = spec.get("items", {})
        if items.get("type") == "object":
            sub = [_field(site, unit, name, item, name in items.get("required", ()), {}, kind, unit_collections)
                   for name, item in items.get("properties", {}).items()]
            return {"widget": "list", "fields": sub, "summary": _summary(sub)}
        if items.get("type") == "string":
            return {"widget": "list", "field": {"label": spec.get("title", key), "name": key, "widget": "string"}}
        return {"widget": "list"}
    if "object" in kinds:
        return {"widget": "object", "fields": [
            _field(site, unit, name, item, name in spec.get("required", ()), {}, kind, unit_collections)
            for name, item in spec.get("properties", {}).items()]}
    return {"widget": "string"}


def _summary(sub_fields):
    """How a collapsed list item reads: its first two values."""
    return "　".join(f"{{{{fields.{field['name']}}}}}" for field in sub_fields[:2])


def _date(today):
    """A date picker that writes YYYY-MM-DD: today for the dates a new item has at once, else blank."""
    widget = {"widget": "datetime", "format": DATE_FORMAT, "date_format": DATE_FORMAT, "time_format": False}
    if today:
        widget["default"] = "{{now}}"  # without a default Decap leaves a date blank
    return widget


def _relation(site, key, multiple):
    """Pick items of any unit by 索引号, searching their titles and 文号 too."""
    types = [LIFECYCLE_TYPE] if key in LIFECYCLE_KEYS else list(site.schemas.types)
    relation = {"widget": "relation", "collection": CATALOGUE, "value_field": "index_number",
                "search_fields": ["index_number", "title", "doc_number"],
                "display_fields": ["{{index_number}}　{{title}}"], "options_length": 50,
                "filters": [{"field": "type", "values": types}]}
    if multiple:
        relation["multiple"] = True
    return relation


def _index_number(site, unit, unit_collections):
    """The custom widget that fills a new item's 索引号 with the unit's next free one (see disclosure-cms.js)."""
    pattern = index_number_pattern(site.settings, unit.agency)
    template, width = _index_template(site.settings, unit.agency)
    return {"widget": INDEX_WIDGET, "pattern": [_js(pattern.pattern), f"索引号应形如 {template.format(year=2024, serial='1'.zfill(width))}。"],
            "index_template": template, "serial_width": width, "index_pattern": _js(pattern.pattern),
            "unit_collections": unit_collections}


def _index_template(settings, agency):
    """The configured index-number format with the unit's fields filled in: ("SLQ-TJJ/{year}-{serial}", 5)."""
    template, width = "", 1
    for literal, name, spec, _ in string.Formatter().parse(config.index_number_format(settings)):
        template += literal.replace("{", "{{").replace("}", "}}")
        if name in ("year", "serial"):
            template += f"{{{name}}}"
            if name == "serial":
                width = int("".join(c for c in spec or "" if c.isdigit()) or 1)
        elif name:
            template += str(agency.get(name, "")).replace("{", "{{").replace("}", "}}")
    return template, width


def _js(pattern):
    """A Python pattern as JavaScript reads it: named groups without P, and $ for Python's \\Z."""
    return pattern.replace("(?P<", "(?<").replace("\\Z", "$")


def _data_options(site, unit, key):
    """The values data/ allows for a key, or None when the key is not fed from data/."""
    taxonomy = site.taxonomy
    if key == "topic":
        return sorted(topic_names(taxonomy), key=_topic_order(taxonomy))
    if key == "genre":
        return list(taxonomy.get("genres", ()))
    if key in ("department", "departments"):
        return [department["name"] for department in unit.agency.get("departments", ())]
    if key == "form":
        return list(taxonomy.get("interpretation_forms", ()))
    if key == "datasets":
        return sorted(unit.series)
    if key == "dataset":  # a 政策资金公示's table
        return sorted(unit.funds)
    if key == "power_code":
        return [{"label": f"{power.code} {power.meta['name']}", "value": power.code} for power in unit.powers]
    return None


def _topic_order(taxonomy):
    """Topics in the taxonomy's own order, each 大类 before its 子类."""
    order = {}
    for topic in taxonomy.get("topics", ()):
        order[topic["name"]] = len(order)
        for child in topic.get("children", ()):
            order[f"{topic['name']}/{child}"] = len(order)
    return lambda name: order.get(name, len(order))
