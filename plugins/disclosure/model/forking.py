"""Worker processes forked from the build, each sharing the build's memory until it writes to it,
the memory of a process tree (PSS, in which a page a worker shares with the build counts once), and
freed memory handed back to the system."""

import ctypes
import gc
import multiprocessing
import os
from contextlib import contextmanager


@contextmanager
def forked_pool(workers, tasks_each=None):
    """A pool of ``workers`` forked processes. The build's objects are frozen while they run: a worker's
    cyclic collector would otherwise write to each of them, and every page it writes to becomes the
    worker's own copy (Python's ``gc.freeze``). Unfrozen once the workers are gone. ``tasks_each``: a
    worker ends after that many tasks and a fresh one is forked, which gives back the pages of the
    build's memory the old one had copied (reading an object writes its reference count). Memory the
    build has freed goes back to the system first: a fifth of its size at 10,000 documents."""
    trim_heap()
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers, maxtasksperchild=tasks_each) as pool:
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
    """Collect what is no longer reachable and hand the freed memory back to the system, which glibc
    keeps for the process otherwise."""
    gc.collect()
    trim_heap()


def trim_heap():
    """Hand the memory the C library holds free back to the system (``malloc_trim``; a no-op where
    there is none): milliseconds, against a tenth of a second for ``gc.collect`` at 10,000 documents."""
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim:
        trim(0)
