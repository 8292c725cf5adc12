"""Worker processes forked from the build, each sharing the build's memory until it writes to it,
the memory of a process tree (PSS, in which a page a worker shares with the build counts once), and
freed memory handed back to the system."""

import ctypes
import gc
import multiprocessing
import os
from contextlib import contextmanager


@contextmanager
def forked_pool(workers):
    """A pool of ``workers`` forked processes. The build's objects are frozen while they run: a worker's
    cyclic collector would otherwise write to each of them, and every page it writes to becomes the
    worker's own copy (Python's ``gc.freeze``). Unfrozen once the workers are gone."""
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield pool
    finally:
        gc.unfreeze()


def tree_memory(root):
    """PSS bytes of ``root`` and all its descendants now. Reading a process's PSS walks each of its
    pages: milliseconds for a large build."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss(pid)
        stack.extend(children.get(pid, ()))
    return total


def _pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass  # the process has ended
    return 0


def give_back_memory():
    """Collect what is no longer reachable and hand the freed memory back to the system: glibc keeps
    it for the process otherwise (``malloc_trim``; a no-op where the C library has none)."""
    gc.collect()
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim:
        trim(0)
