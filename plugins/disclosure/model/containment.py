"""What an author's file may reach: nothing outside its own folder, and nothing that runs script.

Pelican publishes every file of a static folder and every file a body links with ``{static}`` or
``{attach}``, following symlinks. So before anything is built:

- ``check_trees``: no symlink and no hidden file or folder anywhere under content/ and data/;
- ``attachment_problem``: an attachment is one of ``ATTACHMENT_TYPES`` (documents, images without
  script, archives, CSV) and, where its type has one, starts with that type's signature; HTML, SVG
  and XML are refused, since a browser runs their scripts on the site's own origin;
- ``inside``: a path an author writes resolves, after symlinks, inside the folder it belongs to.
"""

import os

from .records import ATTACHMENTS_DIR
from .source import display_path

ATTACHMENT_TYPES = {
    ".pdf": "PDF", ".ofd": "OFD",
    ".doc": "Word", ".docx": "Word", ".xls": "Excel", ".xlsx": "Excel", ".ppt": "PowerPoint", ".pptx": "PowerPoint",
    ".wps": "WPS 文字", ".et": "WPS 表格", ".dps": "WPS 演示", ".odt": "ODF 文本", ".ods": "ODF 表格", ".odp": "ODF 演示",
    ".rtf": "RTF", ".txt": "纯文本", ".csv": "CSV",
    ".png": "PNG 图片", ".jpg": "JPEG 图片", ".jpeg": "JPEG 图片", ".gif": "GIF 图片", ".webp": "WebP 图片",
    ".zip": "ZIP 压缩包", ".rar": "RAR 压缩包", ".7z": "7z 压缩包",
}
IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
ZIP = (b"PK\x03\x04",)
SIGNATURES = {  # the first bytes of each type that has them: a renamed HTML page is not a PDF
    ".pdf": (b"%PDF-",), ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",), ".ofd": ZIP, ".docx": ZIP, ".xlsx": ZIP, ".pptx": ZIP,
    ".odt": ZIP, ".ods": ZIP, ".odp": ZIP, ".zip": ZIP,
}
ALLOWED_NAMES = "PDF、OFD、Word、Excel、PowerPoint、WPS、RTF、TXT、CSV、PNG、JPEG、GIF、WebP、ZIP、RAR、7z"


def inside(path, folder):
    """True if ``path`` resolves, after every symlink, inside ``folder``."""
    return os.path.realpath(path).startswith(os.path.realpath(folder) + os.sep)


def attachment_problem(path, types=ATTACHMENT_TYPES):
    """Why a file may not be published as an attachment, or None."""
    suffix = os.path.splitext(str(path))[1].lower()
    if suffix not in types:
        kind = f"“{suffix}”" if suffix else "没有扩展名的"
        return (f"不能发布{kind}文件：网页（.html）、SVG 和 XML 文件会在本站运行脚本，其他类型无法确认安全。"
                f"附件只能是以下类型：{ALLOWED_NAMES}；网页请另存为 PDF，SVG 图请另存为 PNG。")
    try:
        with open(path, "rb") as file:
            start = file.read(16)
    except OSError:
        return None  # a missing file is reported where it is named
    signatures = SIGNATURES.get(suffix)
    if signatures and not start.startswith(signatures):
        return (f"文件内容不是{types[suffix]}（扩展名与内容不符）：请用原来的程序重新导出为{types[suffix]}，"
                "不要只改扩展名。")
    return None


def check_trees(problems, *roots):
    """Every symlink and every hidden file or folder under the roots is an error."""
    for root in roots:
        _check_tree(problems, root)


def _check_tree(problems, folder):
    """One folder, then its subfolders; a folder's entries say whether they are links without a
    system call each, which matters in the preview, where every edit walks 10,000 files."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_symlink():
            problems.error(display_path(entry.path), 1, "-", "这是一个符号链接（快捷方式）：构建会跟着它读取别处的文件并公开出去，"
                                                    "所以 content/ 和 data/ 中不能有符号链接。请删除它，把真正的文件放在这里。")
        elif entry.name.startswith("."):
            problems.error(display_path(entry.path), 1, "-", f"隐藏{'文件夹' if entry.is_dir() else '文件'}“{entry.name}”（以点开头）："
                                                    "它不会出现在公开目录里，却可能被发布出去。请删除它，或去掉名字开头的点。")
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
            _check_tree(problems, entry.path)


def load(site, content_dir):
    """The trees first (before any file is read), then what each attachments folder holds."""
    for folder in [content_dir / ATTACHMENTS_DIR] + [unit.content_dir / ATTACHMENTS_DIR for unit in site.units.values()]:
        check_attachment_folder(site.problems, folder)


def check_emblem(problems, source, content_dir):
    """The 党政机关标识 named in data/site.yaml: an image file of the portal's attachments folder."""
    name = (source.data.get("identity") or {}).get("party_emblem")
    if not name:
        return
    folder = content_dir / ATTACHMENTS_DIR
    path = folder / name
    line = source.line("identity", "party_emblem")
    if not inside(path, folder) or not path.is_file():
        problems.error(source.path, line, "identity.party_emblem",
                       f"找不到党政机关标识图片“{name}”：请把图片放进 {display_path(folder)}/，并写相对该目录的文件名。")
    elif path.suffix.lower() not in IMAGE_TYPES or attachment_problem(path):
        problems.error(source.path, line, "identity.party_emblem",
                       f"党政机关标识“{name}”应为 PNG、JPEG、GIF 或 WebP 图片（SVG 会在本站运行脚本，不能使用）。")


def check_attachment_folder(problems, folder):
    """Pelican publishes every file of an attachments folder, referenced or not: each must be allowed."""
    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
            problem = attachment_problem(path)
            if problem:
                problems.error(display_path(path), 1, "-", problem)
