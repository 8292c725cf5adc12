"""OFD (GB/T 33190) → placed lines through ofdkit, which resolves templates, transforms and DeltaX."""

import ofdkit

from .errors import Refused
from .layout import Placed, read_placed
from .lines import Run

# Runs whose baselines differ by less than this share of the type size are one line.
SAME_LINE = 0.5


def read_ofd(path):
    """(lines, notes) of an OFD file; one without any text (a scan) is refused."""
    placed, empty_pages = [], []
    try:
        with ofdkit.open(str(path)) as document:
            for page in document.pages:
                runs = [run for run in page.runs if run.text.strip()]
                if not runs:
                    empty_pages.append(page.index + 1)
                placed.extend(_lines(page.index + 1, runs))
    except ofdkit.OFDError as exc:
        raise Refused(f"无法读取 OFD 文件（{exc}）：文件可能已损坏。") from None
    return read_placed(placed, empty_pages, "这份 OFD 文件没有文字（可能是扫描件），无法提取；本工具不做文字识别（OCR）。"
                       "请找到带文字的版本再导入。")


def _lines(page_number, runs):
    """Runs grouped by baseline, top to bottom, each line read left to right."""
    lines = []
    for run in sorted(runs, key=lambda r: (r.y, r.x)):
        if lines and abs(lines[-1][0].y - run.y) < SAME_LINE * max(run.size, 0.1):
            lines[-1].append(run)
        else:
            lines.append([run])
    placed = []
    for line in lines:
        line.sort(key=lambda r: r.x)
        placed.append(Placed(page_number, line[0].x, max(r.x + r.width for r in line),
                             max(r.size for r in line), [Run("".join(r.text for r in line))]))
    return placed
