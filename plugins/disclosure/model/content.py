"""content/ → records: every Markdown file checked on its own, then index numbers checked across files."""

from .records import ATTACHMENTS_DIR
from .source import display_path
from .validation import RecordChecker, check_unique_index_numbers

CONTENT_SUFFIX = ".md"


def load(site, folder):
    """Fill the site's records and pages from ``folder``, with their lookups."""
    checker = RecordChecker(site, site.schemas, folder)
    for path in content_files(folder, site.problems):
        record = checker.check(path)
        if record is not None:
            (site.pages if record.is_page else site.records).append(record)
    check_unique_index_numbers(site)
    site.by_index = {r.index_number: r for r in reversed(site.records)}
    site.by_file = {r.file: r for r in site.records + site.pages}


def content_files(folder, problems):
    """Every Markdown file under content/ except attachments; any other file there is an error,
    so nothing a clerk adds is silently left out of the site."""
    files = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_dir() or relative.parts[0] == ATTACHMENTS_DIR or path.name.startswith("."):
            continue
        if path.suffix == CONTENT_SUFFIX:
            files.append(path)
        else:
            problems.error(display_path(path), 1, "-", f"不支持的文件类型“{path.suffix or path.name}”：条目请写成 .md 文件；附件请放到 content/attachments/ 下。")
    return files
