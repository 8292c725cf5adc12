"""One command of ``invoke bench`` run and measured: wall time, CPU time and the peak memory of its
whole process tree (a build that starts Pagefind or worker processes is charged for them too).

Memory is the proportional set size (PSS) summed over the tree: a forked worker's pages shared with
its parent count once, as they take memory once; resident sizes summed would count them again."""

import os
import subprocess
import threading
import time
from dataclasses import dataclass

SAMPLE_SECONDS = 0.05  # how often the tree's memory is read: shorter than any stage worth measuring


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
            peak[0] = max(peak[0], tree_memory(process.pid))
            done.wait(SAMPLE_SECONDS)

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


def tree_memory(root):
    """PSS bytes of ``root`` and all its descendants now."""
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
