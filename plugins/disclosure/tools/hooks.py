"""The check on a staff member's machine: a git pre-commit hook that runs ``invoke check``.

The hook checks the working tree, so a commit with a content error stops with the
check's messages, before the change ever reaches a merge request.
"""

import shlex
import sys
from pathlib import Path

from . import commands
from .commands import CommandFailed
from .publish import git, repository_of

HOOK_MARKER = "disclosure: installed by `invoke setup-hooks`"


def install_pre_commit_hook(project, config="pelicanconf.py"):
    """Write the pre-commit hook of the repository that holds the content; returns its path.

    ``project`` is the folder of tasks.py. A hook written by someone else is never overwritten.
    """
    settings = commands.settings_for(config)
    repo = repository_of(settings["PATH"])
    hook = repo / git(repo, "rev-parse", "--git-path", "hooks") / "pre-commit"
    command = (f"cd {shlex.quote(str(project))} && "
               f"exec {shlex.quote(sys.executable)} -m invoke check --config {shlex.quote(str(Path(config).resolve()))}")
    if hook.exists() and HOOK_MARKER not in hook.read_text(encoding="utf-8", errors="replace"):
        raise CommandFailed(f"{hook} 已有别的 pre-commit 钩子，没有覆盖。请在其中加入这一行：{command}")
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text(f"#!/bin/sh\n# {HOOK_MARKER}: checks all content before each commit.\n{command}\n",
                    encoding="utf-8")
    hook.chmod(0o755)
    return hook
