"""The Pagefind index of a built site (the extended binary, which segments Chinese words), rewritten in
one order (``search_stable``) so that two builds of the same site are byte-identical."""

import logging
import os
import re
import subprocess
import time
from dataclasses import dataclass

from .search_stable import stabilize

log = logging.getLogger(__name__)

BUNDLE_DIR = "pagefind"
INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")


class IndexingFailed(Exception):
    """Pagefind could not index the built site; the message says why, in Chinese."""


@dataclass
class IndexStats:
    pages: int
    seconds: float  # wall clock
    cpu_seconds: float  # user + system: steadier than wall clock on a busy machine
    peak_memory: int  # bytes, the indexer's maximum resident set size


def pagefind_binary():
    """The extended Pagefind binary: the standard one cannot split Chinese text into words."""
    try:
        from pagefind_bin_extended import get_executable

        return str(get_executable())
    except (ImportError, FileNotFoundError):
        raise IndexingFailed("找不到 Pagefind 扩展版（pagefind_extended）。请运行 pip install -r requirements.txt。") from None


def index(folder):
    """Index the built site in ``folder`` into ``folder/pagefind/``; returns IndexStats.

    Runs the binary directly (not the Python service wrapper) so that its peak memory
    can be read from ``wait4``.
    """
    command = [pagefind_binary(), "--site", str(folder), "--output-subdir", BUNDLE_DIR]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               encoding="utf-8", errors="replace")
    output = process.stdout.read()
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    found = INDEXED_PAGES.search(output)
    if process.returncode != 0 or not found:
        raise IndexingFailed(f"Pagefind 建立搜索索引失败（退出码 {process.returncode}）：\n{output.strip()}")
    stats = IndexStats(pages=int(found[1]), seconds=seconds, cpu_seconds=usage.ru_utime + usage.ru_stime,
                       peak_memory=usage.ru_maxrss * 1024)
    stabilize(os.path.join(folder, BUNDLE_DIR))
    log.info("disclosure: indexed %d pages for search in %.2f s", stats.pages, stats.seconds)
    return stats
