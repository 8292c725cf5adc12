"""What a long build shows while it runs: its stage (检查, 正文, 页面, 搜索索引), how far along, and an
estimate. On a terminal a rich progress bar; elsewhere (CI, a log file) a few plain lines: each stage's
start, every quarter of its work, and its end."""

import sys

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

QUARTERS = 4
PLAIN_EVERY = 1000


class BuildProgress:
    """Called as ``progress(stage, done, total)`` by the plugin (``settings.PROGRESS``)."""

    def __init__(self, out=sys.stdout):
        self.out = out
        self.bar = None
        if out.isatty():
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), transient=True)
        self.stage, self.task, self.shown = None, None, 0

    def __call__(self, stage, done, total):
        if stage != self.stage:
            self.stage, self.shown = stage, 0
            if self.bar is not None:
                self.bar.start()
                self.task = self.bar.add_task(stage, total=total)
            else:
                print(f"{stage}：开始" + (f"（{total}）" if total else ""), file=self.out, flush=True)
        if self.bar is not None:
            self.bar.update(self.task, completed=done, total=total)
            return
        if total is None:  # a count whose end is unknown (the pages): a line every PLAIN_EVERY
            if done % PLAIN_EVERY == 0:
                print(f"{stage}：{done}", file=self.out, flush=True)
            return
        quarter = done * QUARTERS // max(total, 1)
        if quarter > self.shown:
            self.shown = quarter
            print(f"{stage}：{done}/{total}", file=self.out, flush=True)

    def close(self):
        if self.bar is not None:
            self.bar.stop()
