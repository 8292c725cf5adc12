"""年度报告 → template parameters: sections 一 to 六 with tables 二, 三 and 四.

The tables follow 国办公开办函〔2021〕30号 cell for cell. Each is a grid decided
here: every header cell has ``scope`` and an ``id``, and every figure names all
its headers (``headers``), so a screen reader announces both levels of the
multi-row headers. Labels come from annual.schema.json; totals are computed here.
"""

import re

from ..data import annual
from .grid import td as _td, th as _th

TOTAL = "总计"
APPLICANTS = "申请人情况"
ORGANISATIONS = "法人或其他组织"
RESULTS_TOTAL = "（七）总计"
LABEL_COLUMNS = 3  # 表三's row labels: 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密
OUTCOMES_REF = annual.REF_PREFIX + "outcomes"
DOCUMENT_COUNTS = ("issued", "repealed", "in_force")
NORMATIVE_KEY, NORMATIVE_LABEL = "normative", "行政规范性文件"
ACTIVE_ITEMS = (  # 表二: (第二十条 item, value columns, rows); the normative row is computed from the content
    ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"), ("regulations", NORMATIVE_KEY)),
    ("第二十条第（五）项", ("本年处理决定数量",), ("licensing",)),
    ("第二十条第（六）项", ("本年处理决定数量",), ("penalties", "coercion")),
    ("第二十条第（八）项", ("本年收费金额（单位：万元）",), ("fees",)),
)
NORMATIVE_NOTE = ("行政规范性文件一行由本站公开目录自动统计：本年制发按发布日期，"
                  "本年废止按废止文件的施行日期，现行有效按当年 12 月 31 日的有效性。")
BALANCE_NOTE = "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和。"
SECTION_NUMBER = re.compile(r"^[一二三四五六七八九十]+、")
NO_TEXT = "无。"


def report_view(site, record):
    """Sections 一 to 六 of a report page; None unless the record is a report with a data file."""
    report = record.unit.annual.get(record.meta.get("year")) if record.type == "report" else None
    if report is None:
        return None
    schema = site.schemas.documents[annual.SCHEMA]
    tables = {
        "active_disclosure": _active_table(schema, report),
        "applications": _applications_table(schema, report.data),
        "review_litigation": _review_table(schema, report.data),
    }
    sections = []
    for key, spec in annual.children(schema, schema):
        value, table = report.data[key], tables.get(key)
        caption = f"{report.year}年{SECTION_NUMBER.sub('', spec['title'])}"
        sections.append({"id": f"annual-{key}", "heading": spec["title"],
                         "table": dict(table, caption=caption) if table else None,
                         "paragraphs": _paragraphs(value) if isinstance(value, str) else []})
    return {"sections": sections}


def _paragraphs(text):
    return [line.strip() for line in text.splitlines() if line.strip()] or [NO_TEXT]


def _active_table(schema, report):
    """表二: one row group per item of 第二十条, each with its own column headers."""
    labels = {key: spec["title"] for key, spec in annual.children(schema, annual.section(schema, ("active_disclosure",)))}
    labels[NORMATIVE_KEY] = NORMATIVE_LABEL
    width = max(len(columns) for _, columns, _ in ACTIVE_ITEMS)
    bodies = []
    for number, (item, columns, keys) in enumerate(ACTIVE_ITEMS, start=1):
        item_id, span = f"t2-{number}", width - len(columns) + 1  # a lone figure spans the value columns
        column_ids = [f"{item_id}-col{n}" for n in range(1, len(columns) + 1)]
        rows = [[_th(item, "rowgroup", item_id, colspan=width + 1)],
                [_th("信息内容", "col", f"{item_id}-content")]
                + [_th(label, "col", cell_id, colspan=span) for label, cell_id in zip(columns, column_ids)]]
        for key in keys:
            figures = report.normative if key == NORMATIVE_KEY else report.data["active_disclosure"][key]
            values = [figures[name] for name in DOCUMENT_COUNTS] if isinstance(figures, dict) else [figures]
            row_id = f"t2-{key}"
            rows.append([_th(labels[key], "row", row_id)]
                        + [_td(value, [item_id, cell_id, row_id], span) for value, cell_id in zip(values, column_ids)])
        bodies.append(rows)
    return {"modifier": "active", "note": NORMATIVE_NOTE, "colgroups": [1, width], "head": [], "bodies": bodies}


def _applications_table(schema, data):
    """表三: applicant columns (自然人 | 法人或其他组织 × 5 | 总计) against the rows 一 to 四."""
    columns = annual.applicant_columns(schema)
    (person, person_spec), organisations = columns[0], columns[1:]
    column_headers = {key: ["t3-applicants", f"t3-col-{key}"] for key, _ in columns + [("total", None)]}
    for key, _ in organisations:
        column_headers[key].insert(1, "t3-organisations")
    head = [
        [{"tag": "td", "text": "", "attrs": {"colspan": LABEL_COLUMNS, "rowspan": 3}},
         _th(APPLICANTS, "col", "t3-applicants", colspan=len(columns) + 1)],
        [_th(person_spec["title"], "col", f"t3-col-{person}", rowspan=2),
         _th(ORGANISATIONS, "colgroup", "t3-organisations", colspan=len(organisations)),
         _th(TOTAL, "col", "t3-col-total", rowspan=2)],
        [_th(spec["title"], "col", f"t3-col-{key}") for key, spec in organisations],
    ]
    results = list(annual.rows(schema, annual.section(schema, annual.RESULTS), annual.RESULTS))
    bodies = []
    for key, spec in annual.children(schema, annual.section(schema, ("applications",))):
        body = []
        for labels, row_headers, path in _labelled_rows(schema, spec, ("applications", key), 0, []):
            figures = [sum(annual.at(data, leaf)[name] for leaf in results) if path is None else annual.at(data, path)[name]
                       for name, _ in columns]
            body.append(labels + [_td(value, column_headers[name] + row_headers)
                                  for value, (name, _) in zip(figures + [sum(figures)], columns + [("total", None)])])
        bodies.append(body)
    return {"modifier": "applications", "note": BALANCE_NOTE, "colgroups": [LABEL_COLUMNS, 1, len(organisations), 1],
            "head": head, "bodies": bodies}


def _labelled_rows(schema, spec, path, depth, parent_ids):
    """(row-header cells that open the row, ids of all its row headers, key path or None for 总计)."""
    cell_id = "t3-" + "-".join(path[1:])
    ids = parent_ids + [cell_id]
    if spec.get("$ref") == annual.APPLICANTS_REF:
        return [([_th(spec["title"], "row", cell_id, colspan=LABEL_COLUMNS - depth)], ids, path)]
    rows = []
    for child_key, child in annual.children(schema, spec):
        rows += _labelled_rows(schema, child, path + (child_key,), depth + 1, ids)
    if path == annual.RESULTS:
        total_id = f"{cell_id}-total"
        rows.append(([_th(RESULTS_TOTAL, "row", total_id, colspan=LABEL_COLUMNS - depth - 1)], ids + [total_id], None))
    labels, row_ids, first = rows[0]
    group = _th(spec["title"], "rowgroup" if depth == 0 else "row", cell_id, rowspan=len(rows))
    rows[0] = ([group] + labels, row_ids, first)
    return rows


def _review_table(schema, data):
    """表四: 行政复议 and 行政诉讼 (未经复议直接起诉 / 复议后起诉), each with its outcomes and 总计."""
    outcomes = annual.children(schema, {"$ref": OUTCOMES_REF}) + [("total", {"title": TOTAL})]
    width, top, middle, groups, colgroups = len(outcomes), [], [], [], []
    for key, spec in annual.children(schema, annual.section(schema, ("review_litigation",))):
        cell_id = f"t4-{key}"
        subgroups = [] if spec.get("$ref") == OUTCOMES_REF else annual.children(schema, spec)
        colgroups.append(width * max(len(subgroups), 1))
        top.append(_th(spec["title"], "colgroup", cell_id, colspan=colgroups[-1], rowspan=1 if subgroups else 2))
        if subgroups:
            groups += [((key, sub_key), [cell_id, f"{cell_id}-{sub_key}"]) for sub_key, _ in subgroups]
        else:
            groups.append(((key,), [cell_id]))
        middle += [_th(sub["title"], "col", f"{cell_id}-{sub_key}", colspan=width) for sub_key, sub in subgroups]
    leaves, figures = [], []
    for path, ids in groups:
        counts = annual.at(data["review_litigation"], path)
        for key, spec in outcomes:
            leaf_id = "-".join(("t4", *path, key))
            leaves.append(_th(spec["title"], "col", leaf_id))
            figures.append(_td(sum(counts.values()) if key == "total" else counts[key], ids + [leaf_id]))
    return {"modifier": "review", "note": "", "colgroups": colgroups, "head": [top, middle, leaves], "bodies": [[figures]]}
