"""One command of ``invoke bench`` run and measured: wall time, CPU time and the peak memory of its
whole process tree (a build that starts Pagefind or worker processes is charged for them too).

Memory is the proportional set size (PSS) summed over the tree: a forked worker's pages shared with
its parent count once, as they take memory once; resident sizes summed would count them again."""

import os
import subprocess
import threading
import time
from dataclasses import dataclass

from ..model.forking import tree_memory

SAMPLE_SECONDS = 0.05  # how often the tree's memory is read: shorter than any stage worth measuring,
# unless reading it takes long. Each reading walks every page of every process (65 ms for 2.5 GB): at
# 100,000 documents (up to 4.5 GB) a reading every 50 ms took most of a core from the build it
# measured (1,167 s; 1,050 s the day before, read every half second). The sampler waits at least this
# many times as long as its last reading took, so it takes at most a twentieth of one core.
SAMPLE_COST_SHARE = 20


@dataclass
class Measured:
    seconds: float
    cpu_seconds: float  # user + system of the command and every child it waited for
    peak_mb: float  # the largest PSS summed over the tree at one moment
    output: str

    def figures(self):
        return {"seconds": round(self.seconds, 2), "cpu_seconds": round(self.cpu_seconds, 2),
                "peak_mb": round(self.peak_mb)}


class CommandFailed(Exception):
    """A measured command exited with an error; the message holds its output."""


def run(command, cwd=None, env=None):
    """Run ``command`` (a list) to the end and measure it; raises CommandFailed on a non-zero exit."""
    started = time.perf_counter()
    # stderr is left to the terminal: a build shows its progress there
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE)
    peak, done = [0], threading.Event()

    def sample():
        while not done.is_set():
            began = time.perf_counter()
            peak[0] = max(peak[0], tree_memory(process.pid))
            done.wait(max(SAMPLE_SECONDS, SAMPLE_COST_SHARE * (time.perf_counter() - began)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status):
        raise CommandFailed(f"{' '.join(map(str, command))}\n{output}")
    # ru_maxrss is the largest single process; the sampled sum can miss a short spike, so take the larger.
    peak_mb = max(peak[0], usage.ru_maxrss * 1024) / 2**20
    return Measured(seconds, usage.ru_utime + usage.ru_stime, peak_mb, output)
