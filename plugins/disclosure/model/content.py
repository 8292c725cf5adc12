"""content/ → records. The top level holds the portal's own ``pages/`` and ``attachments/`` and
one folder per unit; a unit's folder holds its ``pages/``, its ``attachments/`` and its items in
type folders. Every Markdown file is checked on its own, then index numbers across all units.
"""

import copy
import os
import pickle
from pathlib import Path

from .forking import forked_pool
from .records import ATTACHMENTS_DIR, PAGES_DIR, UNIT_PAGES, category_for
from .source import check_key, display_path
from .validation import RecordChecker, check_unique_index_numbers

CONTENT_SUFFIX = ".md"
PARALLEL_FROM = 400  # files in one folder: below this, starting workers costs more than it saves
CHUNK = 64  # files a worker checks per task
_checker = None  # the RecordChecker being used (the forked workers inherit it)


def load(site, folder, checked=None):
    """Fill the site's and each unit's records and pages from ``folder``, with their lookups.

    ``checked``: a dict kept between loads of the same data (the preview's): a file's path and
    bytes → its check, so a reload checks only the files that changed."""
    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        if entry.name.startswith(".") or entry.name == ATTACHMENTS_DIR:
            continue
        if entry.name == PAGES_DIR:
            _load_files(site, None, folder, entry, checked)
        elif entry.is_dir() and entry.name in site.units:
            _load_files(site, site.units[entry.name], folder, entry, checked)
        elif entry.is_dir():
            known = "、".join(site.units) or "（无）"
            site.problems.error(display_path(entry), 1, "-", f"content/{entry.name}/ 不是已登记的单位（现有：{known}）。"
                                f"新单位请先建立 data/units/{entry.name}/agency.yaml；公共页面放在 content/{PAGES_DIR}/ 下。")
        else:
            site.problems.error(display_path(entry), 1, "-", f"content/ 下不能直接放文件：条目请放进本单位的文件夹 content/<单位>/，"
                                f"门户的公共页面放进 content/{PAGES_DIR}/。")
    for unit in site.units.values():
        _check_unit_pages(site, unit)
    check_unique_index_numbers(site)
    site.by_index = {r.index_number: r for r in reversed(site.records)}
    site.by_file = {r.file: r for r in site.records + site.pages}


def _load_files(site, unit, content, folder, checked):
    """A unit's folder, or the portal's pages/ (``unit`` None)."""
    checker = RecordChecker(site, unit, content)
    jobs = [(path, unit is None or parts[0] == PAGES_DIR) for path, parts in content_files(folder, site.problems)]
    for (_, is_page), record in zip(jobs, _check_all(checker, jobs, checked)):
        if record is None:
            continue
        if is_page:
            site.pages.append(record)
            if unit:
                unit.pages.append(record)
        else:
            site.records.append(record)
            unit.records.append(record)


def _check_all(checker, jobs, checked=None):
    """Each file's record (None for a file that cannot be read), in order: a large folder is checked
    on every core by forked workers, each file on its own as in one process, their problems added here.
    A file whose path and bytes are in ``checked`` is not checked again."""
    keys = ([check_key(checked, path, path, is_page) for path, is_page in jobs] if checked is not None
            else [None] * len(jobs))
    results = [checked.get(key) if key else None for key in keys]
    todo = [n for n, result in enumerate(results) if result is None]
    for n, result in zip(todo, _check_files(checker, [jobs[n] for n in todo])):
        results[n] = pickle.loads(result)
        if keys[n]:
            checked[keys[n]] = results[n]
    records = []
    for record, problems in results:
        checker.problems.items.extend(problems)
        if record is not None and checked is not None:  # what is derived goes on a copy: the kept check stays as checked
            record = copy.copy(record)
            record.links, record.charts = {}, []
        if record is not None:  # kept without the unit and the category, which must be the site's own objects
            record.unit = checker.unit
            record.category = None if record.is_page else category_for(checker.site.taxonomy, record.meta)
        records.append(record)
    return records


def _check_files(checker, jobs):
    """Each file's check, pickled: its record (without unit and category) and its problems."""
    global _checker
    _checker = checker
    try:
        if len(jobs) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
            return [_check_in_worker(job) for job in jobs]
        with forked_pool(os.cpu_count()) as pool:
            return pool.map(_check_in_worker, jobs, chunksize=CHUNK)
    finally:
        _checker = None


def _check_in_worker(job):
    problems = _checker.problems.items
    before = len(problems)
    path, is_page = job
    record = _checker.check(Path(path), is_page)
    found = problems[before:]
    del problems[before:]
    if record is not None:
        record.unit = record.category = None
    return pickle.dumps((record, found), protocol=pickle.HIGHEST_PROTOCOL)


def _check_unit_pages(site, unit):
    """Each unit has its 指南, 制度, 机构职能 and 依申请公开 pages, at the addresses its navigation uses."""
    for template, title in UNIT_PAGES.items():
        page = unit.page(template)
        wanted = display_path(unit.content_dir / PAGES_DIR / f"{template}.md")
        if page is None:
            site.problems.error(wanted, 1, "-", f"{unit.name}缺少“{title}”页面：请新建 {wanted}（template: {template}，"
                                f"slug: {template}），可以从其他单位的同名文件复制后修改。")
        elif page.meta["slug"] != f"{unit.slug}/{template}":
            site.problems.error(page.path, page.source.line("slug"), "slug",
                                f"“{title}”页面的 slug 应为 {template}：本单位首页和导航链接到 {unit.slug}/{template}/。")


def content_files(folder, problems):
    """Every Markdown file under ``folder`` except attachments (its path, a string: the preview walks
    them all on every edit), with its path's parts below ``folder``; any other file there is an
    error, so nothing a clerk adds is silently left out of the site."""
    found = []  # (the path's parts below ``folder``, sorted as Paths sort, and the path)
    for directory, folders, files in os.walk(folder):
        parts = Path(directory).relative_to(folder).parts
        if not parts:
            folders[:] = [name for name in folders if name != ATTACHMENTS_DIR]
            files = [name for name in files if name != ATTACHMENTS_DIR]
        found += [(parts + (name,), os.path.join(directory, name)) for name in files if not name.startswith(".")]
    paths = []
    for parts, path in sorted(found):
        suffix = os.path.splitext(path)[1]
        if suffix == CONTENT_SUFFIX:
            paths.append((path, parts))
        else:
            problems.error(display_path(path), 1, "-", f"不支持的文件类型“{suffix or parts[-1]}”：条目请写成 .md 文件；"
                           f"附件请放到本单位的 {ATTACHMENTS_DIR}/ 文件夹下。")
    return paths
