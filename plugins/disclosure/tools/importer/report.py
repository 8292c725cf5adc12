"""What ``invoke import`` prints: each file's outcome as it happens, progress, and a summary.

On a terminal a ``rich`` progress bar runs below the printed outcomes; elsewhere (CI, a pipe,
a log file) each file gets a plain ``[n/N]`` line.
"""

import contextlib
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from ...model.source import display_path

IMPORTED, SKIPPED, REFUSED = "imported", "skipped", "refused"


@dataclass
class Outcome:
    source: object  # the input file
    status: str = IMPORTED
    path: object = None  # the item written
    guesses: list = field(default_factory=list)  # what was read or guessed, for review
    checks: list = field(default_factory=list)  # what staff must check or complete
    reason: str = ""  # why it was skipped or refused

    def lines(self):
        source = display_path(self.source)
        if self.status == REFUSED:
            return [f"未导入：{source}", f"  原因：{self.reason}"]
        if self.status == SKIPPED:
            return [f"已跳过：{source}（{self.reason}）"]
        lines = [f"已写入：{display_path(self.path)}（来自 {source}）"]
        lines += [f"  · {guess}" for guess in self.guesses]
        if self.checks:
            lines.append("  请核对：")
            lines += [f"  ！{check}" for check in self.checks]
        return lines


@contextlib.contextmanager
def progress(total, out):
    """Yields ``show(outcome_or_name)``: call with a file name before work, an Outcome after."""
    if total > 1 and out.isatty():
        console = Console(file=out)
        with Progress(TextColumn("导入"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                      console=console, transient=True) as bar:
            task = bar.add_task("", total=total)

            def show(item):
                if isinstance(item, Outcome):
                    for line in item.lines():
                        console.print(line, markup=False, highlight=False)
                    bar.advance(task)
                else:
                    bar.update(task, description=str(item))

            yield show
        return
    done = [0]

    def show_plain(item):
        if isinstance(item, Outcome):
            print("\n".join(item.lines()), file=out, flush=True)
        elif total > 1:
            done[0] += 1
            print(f"[{done[0]}/{total}] {item}", file=out, flush=True)

    yield show_plain


def summary(outcomes):
    imported = [o for o in outcomes if o.status == IMPORTED]
    review = [o for o in imported if o.checks]
    skipped = [o for o in outcomes if o.status == SKIPPED]
    refused = [o for o in outcomes if o.status == REFUSED]
    lines = ["", f"导入完成：共 {len(outcomes)} 个文件，导入 {len(imported)} 个（其中 {len(review)} 个需要核对），"
                 f"跳过 {len(skipped)} 个（已导入过），未导入 {len(refused)} 个。"]
    if review:
        lines.append("需要核对：" + "、".join(display_path(o.path) for o in review))
    lines += [f"未导入：{display_path(o.source)}：{o.reason}" for o in refused]
    if imported:
        lines.append("导入的条目已通过检查。请逐条核对上面列出的内容，再运行 invoke check 并提交。")
    return "\n".join(lines)
