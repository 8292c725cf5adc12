"""PDF → placed lines through pdfplumber; a PDF without a text layer (a scan) is refused."""

import statistics

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError

from .errors import Refused
from .layout import Placed, read_placed
from .lines import Run

BOLD_WORDS = ("bold", "heavy", "black")


def read_pdf(path):
    """(lines, notes): the text lines of every page, and notes on pages that had none."""
    placed, empty_pages = [], []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for page_number, page in enumerate(pdf.pages, start=1):
                found = page.extract_text_lines(return_chars=True)
                if not any(line["text"].strip() for line in found):
                    empty_pages.append(page_number)
                for line in found:
                    chars = [char for char in line["chars"] if char["text"].strip()]
                    if chars:
                        placed.append(Placed(page_number, line["x0"], line["x1"],
                                             statistics.median(char["size"] for char in chars), _runs(line["chars"])))
    except (PDFSyntaxError, ValueError, KeyError) as exc:
        raise Refused(f"无法读取 PDF 文件（{exc}）：文件可能已损坏或加密。") from None
    return read_placed(placed, empty_pages, "这是扫描件（PDF 里只有图片，没有文字层），无法提取文字；本工具不做文字识别（OCR）。"
                       "请找到这份文件的 Word、WPS 或带文字的 PDF/OFD 版本再导入。")


def _runs(chars):
    """Consecutive characters in the same font, as runs; the subset prefix (ABCDEF+) is dropped."""
    runs = []
    for char in chars:
        font = char.get("fontname", "").split("+", 1)[-1]
        if runs and runs[-1].font == font:
            runs[-1].text += char["text"]
        else:
            runs.append(Run(char["text"], font, any(word in font.lower() for word in BOLD_WORDS)))
    return runs
