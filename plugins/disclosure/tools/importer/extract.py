"""A file → (lines, notes) through the reader for its format; .doc and .wps go through LibreOffice."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from .docx_reader import read_docx
from .errors import Refused
from .lines import plain
from .ofd_reader import read_ofd
from .pdf_reader import read_pdf

CONVERT_TIMEOUT_SECONDS = 180
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")
CONVERTED_BY_LIBREOFFICE = {".doc", ".wps"}
SUFFIXES = (".docx", ".doc", ".wps", ".pdf", ".ofd", ".txt")


def extract(path):
    """(lines, notes) of a 公文 file; notes are things staff must check that only the reader knows."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path)
    if suffix in CONVERTED_BY_LIBREOFFICE:
        with tempfile.TemporaryDirectory(prefix="import-") as folder:
            return read_docx(convert_with_libreoffice(path, "docx", Path(folder)))
    if suffix == ".pdf":
        return read_pdf(path)
    if suffix == ".ofd":
        return read_ofd(path)
    if suffix == ".txt":
        return read_text_file(path)
    raise Refused(f"不支持的文件类型“{path.suffix or path.name}”：只能导入 {'、'.join(SUFFIXES)} 文件。")


def read_text_file(path):
    """Text extracted elsewhere: UTF-8, or GB18030 (which covers GBK and GB2312) as Windows saves it."""
    raw = path.read_bytes()
    for encoding in TEXT_ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise Refused("文本文件既不是 UTF-8 也不是 GB18030/GBK 编码：请用记事本以 UTF-8 编码另存后再导入。")
    rows = text.splitlines()
    # Indentation marks paragraph starts only in files that indent at all.
    indents = [len(row) - len(row.lstrip(" \u3000\t")) for row in rows]
    uses_indent = sum(1 for row, width in zip(rows, indents) if row.strip() and width) >= 2
    lines = [plain(row, number, indent=(1.0 if width else 0.0) if uses_indent else None)
             for number, (row, width) in enumerate(zip(rows, indents), start=1) if row.strip()]
    if not lines:
        raise Refused("文件是空的。")
    return lines, []


def convert_with_libreoffice(path, target, folder):
    """Convert with LibreOffice headless into folder; returns the converted file's path."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        raise Refused(f"导入 {path.suffix} 文件需要 LibreOffice，但本机没有安装。请安装（Debian/Ubuntu："
                      "apt-get install libreoffice-writer-nogui），或先用 Word/WPS 另存为 .docx 再导入。")
    # A profile of its own, so a LibreOffice already running for someone else does not swallow the job.
    profile = (folder / "profile").as_uri()
    command = [office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
               "--outdir", str(folder), str(path)]
    try:
        subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise Refused(f"LibreOffice 转换超过 {CONVERT_TIMEOUT_SECONDS} 秒仍未完成：文件可能过大或已损坏。") from None
    converted = folder / f"{path.stem}.{target}"
    if not converted.is_file():
        raise Refused("LibreOffice 无法转换这个文件：文件可能已损坏或加密。请用 Word/WPS 打开后另存为 .docx 再导入。")
    return converted
