"""Worker processes forked from the build, each sharing the build's memory until it writes to it."""

import gc
import multiprocessing
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
