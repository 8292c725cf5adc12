"""Validated records → derived relations: references, validity and two-way links.

Validity is never typed by hand. It follows from a normative document's own
dates, from the documents that amend or repeal it, and from the build date.
"""

import datetime
import html
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from . import compliance, containment
from .problems import processing
from .records import ATTACHMENTS_DIR
from .schema import field_label
from .source import display_path
from .validity import validity

REFERENCE_KEYS = ("repeals", "amends", "interprets", "feedback", "policy")
LIFECYCLE_KEYS = ("repeals", "amends")
BACKLINKS = {  # forward key → name of the list on the target
    "repeals": "repealed_by",
    "amends": "amended_by",
    "interprets": "interpretations",
    "feedback": "feedback_for",
    "policy": "funds",  # 政策资金公示 → the policy documents the money implements
}
LINK_KEYS = (*REFERENCE_KEYS, *BACKLINKS.values())
DOC_LINK = re.compile(r"\{doc\}([^)\s\"'>]+)")
# Pelican's own link syntax is {what}path or |what|path, found in any attribute of the rendered HTML.
FILE_LINK = re.compile(r"[{|](filename|static|attach)[|}]([^)\s\"'<>]*)")
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>\"'~&])")
DOC_MARK = "{doc}"
# A file link names one of these, which only a character reference (&) could hide: a body with neither,
# as most are, has none to check.
FILE_LINK_WORDS = ("filename", "static", "attach")
BODY_MARKS = "body links"  # the key of ``_body_marks`` in ``Source.found``


def derive(site):
    """Resolve references and body links, hold back items not yet due, then derive validity and
    compliance warnings from what is published."""
    by_index = site.by_index
    for record in site.records:
        record.links = {key: [] for key in LINK_KEYS}
    for record in site.records:
        if any(key in record.meta for key in REFERENCE_KEYS):  # most items reference nothing
            with processing(record.path):
                _resolve(site, record, by_index)
    for record in site.records + site.pages:
        with processing(record.path):
            _check_body_links(site, record)
    _check_cycles(site)
    _hold_back_scheduled(site)
    for record in site.records:
        record.validity = validity(record, site.build_date)
    compliance.warn(site)


def references(record, key):
    value = record.meta.get(key)
    if isinstance(value, str):
        return [(0, value)]
    return [(n, v) for n, v in enumerate(value or ()) if isinstance(v, str)]


def _resolve(site, record, by_index):
    problems, source = site.problems, record.source
    lifecycle_targets = {}
    for key in REFERENCE_KEYS:
        for number, index in references(record, key):
            where = (key,) if key == "feedback" else (key, number)
            line, field = source.line(*where), field_label(where)
            target = by_index.get(index)
            if index == record.index_number:
                problems.error(record.path, line, field, f"文件不能引用自己（{index}）。请填写其他文件的索引号。")
            elif target is None and (later := _scheduled(site, index)):
                problems.error(record.path, line, field, f"“{index}”定于 {later.meta['publish_date']} 发布，尚未公开："
                               f"引用它的文件不能早于它发布。请把本文件的 publish_date 改为不早于该日期。")
            elif target is None:
                problems.error(record.path, line, field, f"找不到索引号为“{index}”的条目。请核对索引号，或先发布被引用的文件。")
            elif _premature(site, record, target):
                problems.error(record.path, line, field, _premature_message(target))
            elif key in LIFECYCLE_KEYS and target.type != "normative" and target.type in site.taxonomy["types"]:
                problems.error(record.path, line, field, f"只能修订或废止行政规范性文件，“{index}”是{site.taxonomy['types'].get(target.type, target.type)}。")
            elif key in LIFECYCLE_KEYS and lifecycle_targets.setdefault(index, key) != key:
                problems.error(record.path, line, field, f"同一文件“{index}”不能既被修订又被废止：请只保留 amends 或 repeals 其中之一。")
            else:
                record.links[key].append(target)
                target.links[BACKLINKS[key]].append(record)


def _scheduled(site, index):
    return next((r for r in site.scheduled if r.index_number == index), None)


def due(site, record):
    """定时发布: an item is published by the first build on or after its publish_date."""
    published = record.publish_date  # None when the file has an error about it
    return record.is_page or not isinstance(published, datetime.date) or published <= site.build_date


def _premature(site, record, target):
    return due(site, record) and not due(site, target)


def _premature_message(target):
    return (f"“{target.index_number}”定于 {target.meta['publish_date']} 发布，尚未公开，现在还不能引用或链接它。"
            f"请把本文件的 publish_date 改为不早于该日期，或等它发布后再引用。")


def _hold_back_scheduled(site):
    """Items dated after the build date leave every page, list, feed and export until their day; they
    were checked like the rest, and their index numbers stay taken (``Unit.scheduled``)."""
    site.scheduled = [r for r in site.records if not due(site, r)]
    if not site.scheduled:
        return
    site.records = [r for r in site.records if due(site, r)]
    for unit in site.units.values():
        unit.scheduled = [r for r in unit.records if not due(site, r)]
        unit.records = [r for r in unit.records if due(site, r)]
    for record in site.scheduled:
        site.by_index.pop(record.index_number, None)
    for record in site.records:
        for key in BACKLINKS.values():
            record.links[key] = [r for r in record.links[key] if due(site, r)]


def _check_body_links(site, record):
    """Links written in a body must lead somewhere: ``{doc}索引号``, another item or page
    (``{filename}``), or an allowed file of the unit's own attachments (``{static}``, ``{attach}``).
    The items and pages linked are kept on ``record.body_links``: the body's HTML holds their addresses.

    The body is read as Markdown and the HTML sanitizer will hand it to Pelican: backslash escapes
    and character references are undone first, so ``&#46;&#46;/`` cannot hide a ``../``."""
    body, linked = record.source.body, []
    record.body_links = linked
    doc_links, may_link_files = _body_marks(record.source)
    record_due = due(site, record)
    for index, offset in doc_links:
        target = site.by_index.get(index)
        if target is None:
            _body_error(site, record, body, offset, f"正文链接 {{doc}}{index} 找不到对应索引号的文件。")
        elif record_due and not due(site, target):  # _premature, with the record's own date looked at once
            _body_error(site, record, body, offset, f"正文链接 {{doc}}{index}：{_premature_message(target)}")
        else:
            linked.append(target)
    if not may_link_files:
        return
    text = html.unescape(MARKDOWN_ESCAPE.sub(r"\1", body))
    for match in FILE_LINK.finditer(text):
        what, paths = match.group(1), _link_paths(site, record, match.group(2).split("#")[0].split("?")[0])
        problem = _file_link_problem(site, record, what, paths)
        if problem:
            _body_error(site, record, text, match.start(), f"正文链接 {match.group(0)} {problem}")
        elif what == "filename":
            linked.append(site.by_file[os.path.abspath(paths[0])])


def _body_marks(source):
    """The body's ``{doc}`` links, as (索引号, offset), and whether it may hold a file link (one
    needs a word of ``FILE_LINK_WORDS`` or a character reference); looked for once per ``Source``."""
    marks = source.found.get(BODY_MARKS)
    if marks is None:
        body = source.body
        doc_links = [(match.group(1), match.start()) for match in DOC_LINK.finditer(body)] if DOC_MARK in body else []
        marks = source.found[BODY_MARKS] = doc_links, "&" in body or any(word in body for word in FILE_LINK_WORDS)
    return marks


def _link_paths(site, record, target):
    """The files a body's link may name: Pelican reads the path as written (only %20 decoded); a
    browser would decode the rest."""
    content = Path(site.settings["PATH"])
    base = content if target.startswith("/") else content / posixpath.dirname(record.relative)
    return [os.path.join(base, form.lstrip("/")) for form in (target.replace("%20", " "), unquote(target))]


def _file_link_problem(site, record, what, paths):
    content = Path(site.settings["PATH"])
    if what == "filename":
        if all(containment.inside(path, content) and os.path.abspath(path) in site.by_file for path in paths):
            target = site.by_file[os.path.abspath(paths[0])]
            return _premature_message(target) if _premature(site, record, target) else None
        return ("指向的不是本站的条目或页面：{filename} 只能链接 content/ 中的 .md 文件；文件请写 {doc}索引号，"
                "附件请用 {static}。" if any(os.path.isfile(path) for path in paths) else "指向的文件不存在。")
    folder = (record.unit.content_dir if record.unit else content) / ATTACHMENTS_DIR
    if not all(containment.inside(path, folder) for path in paths):
        return (f"指向附件目录 {display_path(folder)}/ 以外的文件：正文只能链接本单位附件目录中的文件，"
                "链接其他条目请用 {doc}索引号。")
    if not os.path.isfile(paths[0]):
        return "指向的文件不存在。"
    problem = containment.attachment_problem(paths[0])
    return f"指向的附件{problem}" if problem else None


def _body_error(site, record, text, offset, message):
    line = record.source.body_line + text.count("\n", 0, offset)
    site.problems.error(record.path, line, "正文", message)


def _check_cycles(site):
    """A repeals/amends chain that leads back to where it started is an error."""
    state = {}

    def visit(record, trail):
        state[id(record)] = "open"
        for key in LIFECYCLE_KEYS:
            for target in record.links[key]:
                if state.get(id(target)) == "open":
                    cycle = trail[trail.index(target):] + [target] if target in trail else [record, target]
                    chain = " → ".join(r.index_number for r in cycle)
                    site.problems.error(record.path, record.source.line(key), key,
                                        f"修订/废止关系形成循环：{chain}。请删除其中一条引用。")
                elif id(target) not in state:
                    visit(target, trail + [target])
        state[id(record)] = "done"

    for record in site.records:
        if id(record) not in state:
            visit(record, [record])
