"""The checks on a staff member's machine: a git pre-commit hook that runs ruff on the repository's
Python code, then ``invoke check`` on all content.

The hook checks the working tree, so a commit with a lint error or a content error stops with
the messages, before the change ever reaches a merge request.
"""

import shlex
import sys
from pathlib import Path

from . import commands
from .commands import CommandFailed
from .publish import git, repository_of

HOOK_MARKER = "disclosure: installed by `invoke setup-hooks`"
LINT_FAILED = "Python 代码检查（ruff）未通过，没有提交：请按上面列出的位置修改后重新提交。"


def hook_commands(repo, project, config):
    """The hook's shell lines: ruff over the repository's Python (with its pyproject.toml), then the check."""
    python = shlex.quote(sys.executable)
    return [
        f"cd {shlex.quote(str(repo))} && {python} -m ruff check --no-cache --quiet --output-format concise . "
        f"|| {{ echo {shlex.quote(LINT_FAILED)} >&2; exit 1; }}",
        f"cd {shlex.quote(str(project))} && exec {python} -m invoke check --config {shlex.quote(str(Path(config).resolve()))}",
    ]


def install_pre_commit_hook(project, config="pelicanconf.py"):
    """Write the pre-commit hook of the repository that holds the content; returns its path.

    ``project`` is the folder of tasks.py. A hook written by someone else is never overwritten.
    """
    settings = commands.settings_for(config)
    repo = repository_of(settings["PATH"])
    hook = repo / git(repo, "rev-parse", "--git-path", "hooks") / "pre-commit"
    lines = hook_commands(repo, project, config)
    if hook.exists() and HOOK_MARKER not in hook.read_text(encoding="utf-8", errors="replace"):
        raise CommandFailed(f"{hook} 已有别的 pre-commit 钩子，没有覆盖。请在其中加入这两行：\n" + "\n".join(lines))
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text("#!/bin/sh\n"
                    f"# {HOOK_MARKER}: checks the Python code and all content before each commit.\n"
                    + "\n".join(lines) + "\n", encoding="utf-8")
    hook.chmod(0o755)
    return hook
