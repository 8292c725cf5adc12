"""The Pagefind index of a built site (the extended binary, which segments Chinese words): bundles of
each unit's pages and of the portal's own (``views.search.bundles``), indexed while Pelican writes
the lists, one at a time or two where they fit (``Indexer``), each rewritten in one order
(``search_stable``) so that two builds of the same site are byte-identical.

Pagefind holds everything it indexes in memory, about 0.36 MB per page, so a single bundle for a
district of 100,000 would not fit one machine. No bundle holds more than ``views.search.BUNDLE_PAGES``
pages, so a run's peak is bounded whatever the size of the site or of a unit, and a second run goes
beside it only within the build's ceiling: 1 GiB, or what writing the documents already took.
The search page merges the bundles in the browser (``mergeIndex``), sharing one WebAssembly module,
and reads their list from ``search/bundles.json``.
"""

import contextlib
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ..views import search, urls
from .search_stable import ENTRY, stabilize
from .swap import swap

log = logging.getLogger(__name__)

INDEXED_MARK = b"data-pagefind-body"  # pages without it (lists, indexes) are not indexed
# Bundles indexed at once, at most. A run reads its pages on every core, growing to a third of its
# peak, then builds its index (to its peak, about 540 MB) and writes its files, on one core. A second run
# starts only where it fits (``Indexer.admitted``): whole, within the memory the build already took to
# write the documents (at 100,000 documents, 4.4 GB); or, at 10,000 (the build 0.15 GB once Pelican is
# done, a run 0.54 GB, the ceiling 1 GiB), reading its pages on the other core while the first builds
# and writes, paused (SIGSTOP) while the two would go over the ceiling (``Indexer._guard``).
PARALLEL = 2
MEMORY_CEILING = (1 << 30) - (48 << 20)  # bytes the build may hold while it indexes, at least: 1 GiB, the most a
# 10,000-document build may take, less what a run may grow between two readings of the guard (below 15 MB)
START_ROOM = 64 << 20  # bytes left under the ceiling for a run to start (or go on) beside another
GUARD_SECONDS = 0.02  # how often the guard reads the runs' memory: a run building its index grows 14 MB in that time
CORES = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set()  # the cores this build may run on (Linux)
# A run started beside another is held to one core until it is the oldest (``_Run.unpin``): reading its
# pages on every core, it would slow the older run, which has less left to do and holds more memory.
ONE_CORE = "import os, sys; os.sched_setaffinity(0, {{{core}}}); os.execv(sys.argv[1], sys.argv[1:])"
READ_LINE = "[Building search indexes]"  # what Pagefind prints once it has read every page: the rest is on one core
SOURCES = ".search-sources"  # inside the built site while indexing: each Pagefind run's settings and fresh output
CONFIG_FILE = "pagefind.json"  # read from the folder Pagefind runs in: the bundle's pages can be too many for a command line
GLOB_SPECIAL = re.compile(r"([$()*,:<>?\[\]{}])")  # what Pagefind's glob reads as syntax, escaped with a backslash
INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")
MEMORY_SAMPLE_SECONDS = 0.2  # how often a Pagefind run's memory is read for its peak: runs last seconds to minutes
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
UNUSED = ("pagefind-*ui.*", "pagefind-highlight.js")  # Pagefind's own UI kits: the search page has its own


class IndexingFailed(Exception):
    """Pagefind could not index the built site; the message says why, in Chinese."""


@dataclass
class IndexStats:
    pages: int
    bundles: int
    seconds: float  # wall clock of the whole index
    cpu_seconds: float  # user + system of every Pagefind run: steadier than wall clock on a busy machine
    peak_memory: int  # bytes, the largest resident memory of one Pagefind run, sampled


def pagefind_binary():
    """The extended Pagefind binary: the standard one cannot split Chinese text into words."""
    try:
        from pagefind_bin_extended import get_executable

        return str(get_executable())
    except (ImportError, FileNotFoundError):
        raise IndexingFailed("找不到 Pagefind 扩展版（pagefind_extended）。请运行 pip install -r requirements.txt。") from None


def indexed(page):
    """Whether a built page carries content for the index."""
    with open(page, "rb") as built:
        return INDEXED_MARK in built.read()


def indexed_pages(folder, known):
    """Paths (below ``folder``, with /) of the pages that carry content for the index.
    ``known``: path → whether it does, for the pages read before (a page is written once)."""
    for directory, folders, files in os.walk(folder):
        if directory == str(folder):
            folders[:] = [name for name in folders if name != SOURCES]  # the bundles' own copies
        for name in files:
            path = os.path.join(directory, name)
            if name.endswith(".html") and path not in known:
                known[path] = indexed(path)
    return [os.path.relpath(path, folder).replace(os.sep, "/") for path, indexed in known.items() if indexed]


class Indexer:
    """Indexes the bundles as their pages are ready, one at a time or, where a second run fits,
    ``PARALLEL`` (``admitted``, ``_guard``): the units' as soon as Pelican has written the documents
    and standalone pages (``start``), while it goes on with the lists; the portal's, whose
    政府网站工作年度报表 come later, at the end (``finish``)."""

    def __init__(self, folder, parts, only=None):
        """``parts``: the site's ``views.parts.Parts``, whose pages go into bundles by ``views.search.bundles``.
        ``only``: the parts whose bundles to index, the others being there already (``invoke assemble``); None: all."""
        self.folder, self.parts, self.only = Path(folder), parts, only
        self.pool = ThreadPoolExecutor(PARALLEL)
        self.runs = {}  # bundle → the future of its Pagefind run
        self.pages = {}  # every HTML file read so far → whether it is indexed
        self.started = time.perf_counter()
        self.room = threading.Condition()  # guards the four below; told when a run has read its pages, ends or goes on
        self.under_way = []  # the Pagefind processes (_Run) under way, the oldest first
        self.largest_run = 0  # bytes, the peak of the largest run finished so far
        self.ceiling = MEMORY_CEILING  # bytes the build may hold while it indexes
        self.closing = False  # set by ``close``: a run waiting for room does not start
        self.guard = None  # the thread that keeps the runs within the ceiling

    def start(self, ready=lambda bundle: True, ceiling=None):
        """Start indexing every bundle not yet started for which ``ready(bundle)``; returns all bundles found.
        ``ceiling``: the memory the build took to write the documents, within which it may index too."""
        self.ceiling = max(self.ceiling, ceiling or 0)
        bundles = search.bundles(self.parts, indexed_pages(self.folder, self.pages))
        for bundle, paths in sorted(bundles.items(), key=lambda item: -len(item[1])):
            if bundle not in self.runs and ready(bundle) and (self.only is None or self.parts.owner(bundle) in self.only):
                run = self.folder / SOURCES / str(len(self.runs))
                self.runs[bundle] = self.pool.submit(_pagefind, self.folder, paths, run, self.folder, bundle, self)
        return bundles

    def launch(self, command, cwd):
        """Start a Pagefind run once it is ``admitted``; None if the indexer closes meanwhile."""
        with self.room:
            self.room.wait_for(lambda: self.closing or self.admitted())
            if self.closing:
                return None
            run = _start(command, cwd, pinned=bool(self.under_way) and len(CORES) > 1)
            self.under_way.append(run)
            if not self.guard:
                self.guard = threading.Thread(target=self._guard, daemon=True)
                self.guard.start()
            return run

    def admitted(self):
        """Whether one more run may start now: none is under way; or the build as it is now and one more
        run than are under way, each as large as the largest so far, fit within the ceiling; or every run
        under way has read its pages (its work then on one core) and there is room left beside them
        (``START_ROOM``), the new run to be paused should it outgrow it (``_guard``)."""
        if not self.under_way:
            return True
        if len(self.under_way) >= PARALLEL or any(run.paused for run in self.under_way):
            return False
        if self.largest_run and _resident(os.getpid()) + (len(self.under_way) + 1) * self.largest_run <= self.ceiling:
            return True
        return all(run.read for run in self.under_way) and self._memory() + START_ROOM <= self.ceiling

    def has_read(self, run):
        """Told by a run once it has read its pages."""
        with self.room:
            run.read = True
            self.room.notify_all()

    def ended(self, run, peak):
        """Told by a run that has ended (not yet reaped, so that its process id is not reused meanwhile)."""
        with self.room:
            self.under_way.remove(run)
            run.paused = False
            if self.under_way:  # the next run is now the oldest: it goes on, on every core
                self.under_way[0].pause(False)
                self.under_way[0].unpin()
            self.largest_run = max(self.largest_run, peak)
            self.room.notify_all()

    def _memory(self):
        return _resident(os.getpid()) + sum(_resident(run.process.pid) for run in self.under_way)

    def _guard(self):
        """Every ``GUARD_SECONDS`` while runs are under way: over the ceiling, pause the youngest run that is
        not the oldest; with room again (``START_ROOM``), let the oldest paused one go on. The oldest run
        always goes on (``ended``): it ends first and frees its memory."""
        while True:
            with self.room:
                if self.closing:
                    return
                if len(self.under_way) > 1:
                    memory = self._memory()
                    going = [run for run in self.under_way[1:] if not run.paused]
                    paused = [run for run in self.under_way[1:] if run.paused]
                    if memory > self.ceiling and going:
                        going[-1].pause(True)
                    elif paused and memory + START_ROOM <= self.ceiling:
                        paused[0].pause(False)
                        self.room.notify_all()
            time.sleep(GUARD_SECONDS)

    def finish(self, progress=None):
        """Index what is left, wait for every run, list the bundles; returns IndexStats.
        ``progress(stage, done, total)`` is told of each bundle done."""
        try:
            bundles = self.start()
            done = [run for run in self.runs.values() if run.done()]
            if progress:
                progress("搜索索引", len(done), len(self.runs))
            for run in as_completed(set(self.runs.values()) - set(done)):
                done.append(run)
                if progress:
                    progress("搜索索引", len(done), len(self.runs))
            runs = [run.result() for run in self.runs.values()]
        finally:
            self.close()
        missing = [bundle for bundle in bundles if not (self.folder / bundle / ENTRY).is_file()]
        if missing:
            raise IndexingFailed(f"搜索索引不完整：缺少 {'、'.join(missing)}。")
        _write_listing(self.folder, self.parts, bundles)
        stats = IndexStats(pages=sum(r[0] for r in runs), bundles=len(runs), seconds=time.perf_counter() - self.started,
                           cpu_seconds=sum(r[1] for r in runs), peak_memory=max((r[2] for r in runs), default=0))
        log.info("disclosure: indexed %d pages for search in %d bundles in %.2f s", stats.pages, stats.bundles, stats.seconds)
        return stats

    def close(self):
        """Wait for the runs under way, paused ones let go on (a failed build must not leave Pagefind
        writing), drop the rest."""
        with self.room:
            self.closing = True
            for run in self.under_way:
                run.pause(False)
            self.room.notify_all()
        self.pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.folder / SOURCES, ignore_errors=True)


class _Run:
    """A Pagefind process under way: whether it has read its pages, whether it is paused, and whether it
    is held to one core."""

    def __init__(self, process, pinned=False):
        self.process, self.read, self.paused, self.pinned = process, False, False, pinned

    def pause(self, paused):
        if paused != self.paused:
            os.kill(self.process.pid, signal.SIGSTOP if paused else signal.SIGCONT)
            self.paused = paused

    def unpin(self):
        """Let a run held to one core use every core, each of its threads."""
        if self.pinned:
            with contextlib.suppress(OSError):  # the run has ended
                for thread in os.listdir(f"/proc/{self.process.pid}/task"):
                    with contextlib.suppress(OSError):  # the thread has ended
                        os.sched_setaffinity(int(thread), CORES)
            self.pinned = False


def _start(command, cwd, pinned=False):
    """A Pagefind process, its output read as text; ``pinned``: held to one core (``ONE_CORE``)."""
    if pinned:
        command = [sys.executable, "-c", ONE_CORE.format(core=max(CORES)), *command]
    return _Run(subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 encoding="utf-8", errors="replace"), pinned)


class _Alone:
    """Runs Pagefind with no other run to make room for (the preview's ``refresh``)."""

    launch = staticmethod(_start)

    @staticmethod
    def has_read(run):
        pass

    @staticmethod
    def ended(run, peak):
        pass


def refresh(folder, parts, stale, lock, known):
    """Index the bundles of the ``stale`` parts of a built site again (the preview's, after a rebuild),
    each into a fresh folder exchanged with the old one when done; a part's bundles no longer made are
    removed, and ``search/bundles.json`` follows. ``lock`` is held while the pages are listed and
    while a bundle is put in place, not while Pagefind reads them: a rebuild that writes or removes
    pages meanwhile marks their parts stale again, and they are indexed once more. ``known``: as for
    ``indexed_pages``, kept by the preview, which forgets the pages it writes or removes."""
    scratch = folder / SOURCES
    try:
        with lock:
            shutil.rmtree(scratch, ignore_errors=True)  # left by a preview that was killed
            found = search.bundles(parts, indexed_pages(folder, known))
        for n, (bundle, paths) in enumerate(found.items()):
            if parts.owner(bundle) not in stale:
                continue
            fresh = scratch / f"out-{n}"
            _pagefind(folder, paths, scratch / str(n), fresh, bundle)
            with lock:
                (folder / bundle).mkdir(parents=True, exist_ok=True)
                swap(fresh / bundle, folder / bundle)
        with lock:
            listing = folder / urls.SEARCH_BUNDLES
            before = [entry["path"] for entry in json.loads(listing.read_text(encoding="utf-8"))]
            for bundle in before:
                if bundle not in found and parts.owner(bundle) in stale:
                    shutil.rmtree(folder / bundle, ignore_errors=True)
            if before != list(found):
                _write_listing(folder, parts, found)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _write_listing(folder, parts, bundles):
    listing = folder / urls.SEARCH_BUNDLES
    listing.parent.mkdir(parents=True, exist_ok=True)
    listing.write_text(json.dumps(search.bundle_list(parts, list(bundles)), ensure_ascii=False) + "\n", encoding="utf-8")


def _pagefind(site, paths, run, folder, bundle, runs=_Alone):
    """One Pagefind run over the pages at ``paths`` of the built ``site`` into ``folder/bundle``, set up
    in the folder ``run``; returns (pages, CPU seconds, peak bytes), or None if ``runs`` (an ``Indexer``)
    closed before it could start.

    The pages are chosen by a glob naming each of them, in a settings file: no copy of the site is made.
    Runs the binary directly (not the Python service wrapper) so that its CPU time can be read from
    ``wait4``. Its memory is sampled instead: the kernel's maximum resident size of a child counts the
    size of this process when it forked, 4.4 GB at 100,000 documents, not Pagefind's own.
    """
    run.mkdir(parents=True, exist_ok=True)
    settings = {"site": os.path.abspath(site), "glob": _glob(paths), "output_path": os.path.abspath(folder / bundle)}
    (run / CONFIG_FILE).write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
    started = runs.launch([pagefind_binary()], run)
    if started is None:
        return None
    process, peak, done = started.process, [0], threading.Event()

    def sample():
        while not done.wait(MEMORY_SAMPLE_SECONDS):
            peak[0] = max(peak[0], _resident(process.pid))

    threading.Thread(target=sample, daemon=True).start()
    output = []
    try:
        for line in process.stdout:
            output.append(line)
            if line.startswith(READ_LINE):
                runs.has_read(started)
        process.stdout.close()
        os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)  # ended, its id not yet free for another process
    finally:
        done.set()
        runs.ended(started, peak[0])
    output = "".join(output)
    _, status, usage = os.wait4(process.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    found = INDEXED_PAGES.search(output)
    if code != 0 or not found:
        raise IndexingFailed(f"Pagefind 建立搜索索引失败（{bundle}，退出码 {code}）：\n{output.strip()}")
    for pattern in UNUSED:
        for path in (folder / bundle).glob(pattern):
            path.unlink()
    stabilize(folder / bundle)
    return int(found[1]), usage.ru_utime + usage.ru_stime, peak[0]


def _resident(pid):
    """Resident bytes of a process now, 0 once it has ended: a Pagefind run's (it forks nothing and
    shares nothing with the build), or the build's own once its workers are gone. Read from ``statm``,
    which costs nothing, where the PSS of ``smaps_rollup`` walks every page of the process."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError):
        return 0


def _glob(paths):
    """A Pagefind glob matching exactly these paths (below the site, with /)."""
    for path in paths:
        if "\\" in path:  # Pagefind's glob has no escape for it; no address the build makes holds one
            raise IndexingFailed(f"网址“{path}”含有反斜杠（\\），搜索索引无法收录这个页面。网址由索引号的格式决定："
                                 "请网站维护人员检查 pelicanconf.py 中的 INDEX_NUMBER_FORMAT，不要在其中使用反斜杠。")
    return "{" + ",".join(GLOB_SPECIAL.sub(r"\\\1", path) for path in paths) + "}"
