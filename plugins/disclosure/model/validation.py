"""Checks of one content file on its own: schema, taxonomy, index number, dates, files, templates
and personal information. ``model.content`` runs them for every file and keeps the records.
"""

import datetime
import os
import re
from pathlib import Path

from . import compliance, containment, pii, placeholders
from .doc_numbers import doc_number_problem
from .index_numbers import format_index_number, index_number_pattern, slug_of
from .problems import processing
from .records import ATTACHMENTS_DIR, PAGE_TEMPLATES, UNIT_PAGES, Record, category_for, topic_names
from .schema import COMMON, PAGE, field_label, to_dates
from .source import SourceError, display_path, read_markdown

HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^>]*>")
SOURCE_TIME_SHAPE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$")


class RecordChecker:
    """Checks each content file of one unit (or of the portal, ``unit`` None) on its own."""

    def __init__(self, site, unit, content):
        self.site, self.unit, self.content = site, unit, content
        self.schemas, self.problems = site.schemas, site.problems
        base = unit.content_dir if unit else content
        self.attachments = (base / ATTACHMENTS_DIR).resolve()
        self.attachments_shown = display_path(base / ATTACHMENTS_DIR)
        self.departments = {d["name"] for d in unit.agency["departments"]} if unit else set()
        self.topics = topic_names(site.taxonomy)
        self.index_pattern = index_number_pattern(site.settings, unit.agency) if unit else None
        self.article_url = site.settings.get("ARTICLE_URL", "doc/{slug}/")
        self.templates = Path(site.settings.get("THEME", "theme")) / "templates"

    def check(self, path, is_page):
        with processing(display_path(path)):
            return self._check(path, is_page)

    def _check(self, path, is_page):
        shown = display_path(path)
        try:
            source = read_markdown(path, shown)
        except SourceError as exc:
            self.problems.error(shown, exc.line, exc.field, exc.message)
            return None
        meta = source.data
        if is_page:
            schema_name = PAGE
        elif meta.get("type") in self.schemas.types:
            schema_name = f"{meta['type']}.schema.json"
        else:
            schema_name = COMMON
        # The web editor writes a field a clerk cleared as '' (or null): an optional field cleared is absent.
        optional = self.schemas.properties(schema_name).keys() - self.schemas.required(schema_name)
        for key in [k for k, v in meta.items() if v in ("", None) and k in optional]:
            del meta[key]
        # Without a valid type the type's own keys are unknown, so only common keys are checked.
        broken = set()
        for key_path, message in self.schemas.validate(schema_name, meta, unknown_keys=schema_name != COMMON):
            self.error(source, key_path, message)
            broken.add(key_path[0] if key_path else None)
        for key in broken - {None}:  # reported; later checks must not meet a value of the wrong shape
            if isinstance(meta.get(key), (list, dict)) or not self.schemas.fits_type(schema_name, key, meta.get(key)):
                meta.pop(key, None)
        to_dates(meta, self.schemas.date_fields(schema_name))
        self._check_text_values(source)
        self._check_placeholders(source)
        where = {"file": os.path.abspath(path), "relative": path.relative_to(self.content).as_posix(), "unit": self.unit}
        if is_page:
            self._check_template(source, meta.get("template"))
            slug = f"{self.unit.slug}/{meta.get('slug')}" if self.unit else str(meta.get("slug"))
            return Record(source, dict(meta, slug=slug), is_page=True, url=f"{slug}/", **where)
        self._check_item(source, meta)
        meta.setdefault("issuer", self.unit.name)
        if isinstance(meta.get("period"), int):
            meta["period"] = str(meta["period"])
        if meta.get("type") == "interpretation":
            meta.setdefault("form", self.site.taxonomy["interpretation_forms"][0])
        slug = slug_of(meta.get("index_number", ""))
        meta["slug"] = slug
        return Record(
            source, meta, url=self.article_url.format(slug=slug), **where,
            category=category_for(self.site.taxonomy, meta), summary=meta.get("summary", ""),
        )

    def _check_placeholders(self, source):
        """What ``invoke new`` wrote for the clerk to replace must not be published as it is."""
        for key_path in placeholders.placeholder_fields(source.data):
            self.error(source, key_path, f"还是 invoke new 写入的占位文字“{_value_at(source.data, key_path)}”：请填写真实的内容；"
                                         "没有这一项的，删除这一行。")
        position = source.body.find(placeholders.BODY_MARK)
        if position >= 0:
            line = source.body_line + source.body.count("\n", 0, position)
            self.problems.error(source.path, line, "正文", "正文还是 invoke new 写入的占位文字“（在这里写……）”：请换成真正的正文。")

    def _check_template(self, source, name):
        """A page's template must be one made for pages of its level: the unit templates read a unit's data."""
        if not isinstance(name, str):
            return
        allowed = PAGE_TEMPLATES + tuple(UNIT_PAGES) if self.unit else PAGE_TEMPLATES
        if name in allowed and (self.templates / f"{name}.html").is_file():
            return
        where = f"{self.unit.name}的页面" if self.unit else "门户的公共页面（content/pages/）"
        hint = (f"“{name}”只能用于单位的页面（content/<单位>/pages/），它显示该单位的信息。" if name in UNIT_PAGES
                else f"页面模板“{name}”不存在。" if not (self.templates / f"{name}.html").is_file()
                else f"“{name}”不是页面模板。")
        self.error(source, ("template",), f"{hint}{where}可用的模板：{'、'.join(allowed)}；不写 template 即为普通页面。")

    def error(self, source, key_path, message):
        self.problems.error(source.path, source.line(*key_path), field_label(key_path), message)

    def _check_item(self, source, meta):
        taxonomy = self.site.taxonomy
        index = meta.get("index_number")
        if isinstance(index, str) and not self.index_pattern.match(index):
            self._index_number_error(source, index)
        doc_number = meta.get("doc_number")
        problem = doc_number_problem(doc_number) if isinstance(doc_number, str) and placeholders.VALUE_MARK not in doc_number else None
        if problem:
            report = self.problems.warning if problem[0] == "warning" else self.problems.error
            report(source.path, source.line("doc_number"), "doc_number", problem[1])
        for key, allowed, label in (
            ("topic", self.topics, "主题分类"),
            ("genre", set(taxonomy["genres"]), "体裁分类"),
            ("department", self.departments, "责任科室"),
            ("form", set(taxonomy["interpretation_forms"]), "解读形式"),
        ):
            value = meta.get(key)
            if isinstance(value, str) and value not in allowed:
                where = self._agency_file() if key == "department" else "data/taxonomy.yaml"
                self.error(source, (key,), f"{label}“{value}”不在 {where} 的定义中，应为以下之一：{'、'.join(sorted(allowed))}。")
        for number, task in enumerate(meta.get("tasks") or ()):
            for position, name in enumerate(task.get("departments") or () if isinstance(task, dict) else ()):
                if isinstance(name, str) and name not in self.departments:
                    self.error(source, ("tasks", number, "departments", position),
                               f"责任科室“{name}”不在 {self._agency_file()} 的 departments 中。")
        self._check_date_order(source, meta, "written_date", "publish_date", "成文日期不能晚于发布日期")
        self._check_date_order(source, meta, "written_date", "effective_date", "施行日期不能早于成文日期", report_on="effective_date")
        self._check_date_order(source, meta, "opens", "closes", "征集截止日期不能早于开始日期", report_on="closes")
        self._check_date_order(source, meta, "effective_date", "expiry_date", "有效期至不能早于施行日期", report_on="expiry_date")
        for number, attachment in enumerate(meta.get("attachments") or ()):
            if isinstance(attachment, dict) and isinstance(attachment.get("file"), str):
                self._check_attachment(source, number, attachment["file"])
        if meta.get("type") == "repost":
            self._check_repost_times(source, meta)

    def _check_repost_times(self, source, meta):
        """A 转载's source time is a real date and time, and the repost cannot come before it."""
        text = meta.get("source_time")
        if isinstance(text, str) and SOURCE_TIME_SHAPE.match(text) and compliance.parse_source_time(text) is None:
            self.error(source, ("source_time",), f"来源发布时间“{text}”不是真实的日期和时间：应写成“YYYY-MM-DD HH:MM”"
                                                 "（24 小时制），例如 2026-03-01 09:30。")
        times = compliance.repost_times(meta)
        if times and times[1] < times[0]:
            self.error(source, ("publish_time",), f"本站发布时间 {meta['publish_date']} {meta['publish_time']} 早于来源发布时间 "
                                                  f"{text}：转载不能早于原文发布。请核对 publish_date、publish_time 和 source_time。")

    def _agency_file(self):
        return display_path(self.unit.data_dir / "agency.yaml")

    def _index_number_error(self, source, index):
        """Wrong form, or another unit's prefix: each unit numbers its own items."""
        settings = self.site.settings
        owner = next((u for u in self.site.units.values()
                      if u is not self.unit and index_number_pattern(settings, u.agency).match(index)), None)
        example = format_index_number(settings, self.unit.agency, 2024, 1)
        if owner:
            self.error(source, ("index_number",),
                       f"索引号“{index}”的前缀属于{owner.name}（{owner.slug}），而本文件在 {self.unit.name} 的文件夹 "
                       f"content/{self.unit.slug}/ 中：请改用本单位的索引号（形如 {example}，可运行 invoke new --unit "
                       f"{self.unit.slug} 生成），或把文件移到 content/{owner.slug}/。")
        else:
            self.error(source, ("index_number",), f"索引号“{index}”格式不对，应形如 {example}。")

    def _check_date_order(self, source, meta, earlier, later, message, report_on=None):
        first, second = meta.get(earlier), meta.get(later)
        if isinstance(first, datetime.date) and isinstance(second, datetime.date) and first > second:
            key = report_on or earlier
            self.error(source, (key,), f"{message}（{earlier} 为 {first}，{later} 为 {second}）。")

    def _check_attachment(self, source, number, name):
        target = self.attachments / name
        where = ("attachments", number, "file")
        if not containment.inside(target, self.attachments):
            self.error(source, where, f"附件“{name}”不在 {self.attachments_shown}/ 目录内。请把文件放进该目录，并写相对该目录的路径。")
        elif not target.is_file():
            self.error(source, where, f"附件文件“{name}”不存在：请把它放到 {self.attachments_shown}/{name}。")
        elif containment.attachment_problem(target):
            self.error(source, where, f"附件“{name}”{containment.attachment_problem(target)}")

    def _check_text_values(self, source):
        """Front-matter text is plain text: no HTML tags, no personal information."""
        allowed = pii.allowed_values(source.data.get("pii_allow"))

        def scan_values(value, key_path):
            if isinstance(value, str):
                pii.scan(value, allowed, lambda line, msg: self.error(source, key_path, msg))
                tag = HTML_TAG.search(value)
                if tag:
                    self.error(source, key_path, f"字段中不能包含 HTML 标签“{tag.group()}”：这里只写纯文字。")
            elif isinstance(value, dict):
                for key, item in value.items():
                    if key != "pii_allow":
                        scan_values(item, key_path + (key,))
            elif isinstance(value, list):
                for position, item in enumerate(value):
                    scan_values(item, key_path + (position,))

        scan_values(source.data, ())
        pii.scan(source.body, allowed,
                 lambda line, msg: self.problems.error(source.path, line, "正文", msg),
                 first_line=source.body_line)


def _value_at(data, key_path):
    for key in key_path:
        data = data[key]
    return data


def first_of_each(site, records, key, field, message):
    """The first record for each key (None keys skipped); every later one is an error at ``field``,
    with ``message(value, first_record)``."""
    first = {}
    for record in records:
        value = key(record)
        if value is None:
            continue
        if value in first:
            site.problems.error(record.path, record.source.line(field), field, message(value, first[value]))
        else:
            first[value] = record
    return first


def check_unique_index_numbers(site):
    first_of_each(
        site, site.records, lambda r: r.index_number if isinstance(r.index_number, str) else None, "index_number",
        lambda index, other: f"索引号“{index}”与 {other.path}:{other.source.line('index_number')} 重复。"
                             "索引号必须全站唯一，请用 invoke new 生成新的索引号。")
