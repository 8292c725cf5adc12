"""Reply records and letters carry an applicant's name and request: keep them out of git and the site.

They belong in replies/ at the site's root, which .gitignore excludes. ``invoke check`` fails when
git tracks anything there, or when a reply-looking file (under a ``replies`` folder, or a YAML file
with a record's keys) sits under content/ or data/, from where it would be committed and published.
Nothing here opens a file in replies/: git lists names, and only content/ and data/ are scanned.
"""

import os
import re
import subprocess
from pathlib import Path

from .source import display_path

RECORDS_DIR = "replies"  # at the site's root, beside content/ and data/; git-ignored, never read by the build

YAML_SUFFIXES = (".yaml", ".yml")
RECORD_KEYS = ("applicant", "request", "result")  # a YAML file with all three at its top level is a record
TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_]+)\s*:", re.M)
COMMITTED = ("git 正在跟踪这份依申请公开答复记录或答复书，其中有申请人的个人信息，不能提交：请运行 git rm --cached \"{path}\" "
             "把它移出版本库（本机文件保留），并确认 .gitignore 中有 replies/。已经推送到远程仓库的，还须请管理员从提交历史中清除。")
MISPLACED = ("这像是一份依申请公开答复记录或答复书，其中有申请人的个人信息，放在 content/ 或 data/ 中会被提交到 git 并发布到网站："
             "请把它移到网站根目录的 replies/ 文件夹（不会提交到 git）。")


def load(site):
    root = Path(site.settings["PATH"]).parent
    for path in tracked_records(root):
        site.problems.error(display_path(path), 1, "-", COMMITTED.format(path=display_path(path)))
    for folder in (Path(site.settings["PATH"]), site.data_dir):
        for path in misplaced_records(folder):
            site.problems.error(display_path(path), 1, "-", MISPLACED)


def tracked_records(root):
    """Files under root/replies/ that git tracks (committed or staged); none outside a git work tree."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", RECORDS_DIR], cwd=root, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return []  # no git, or not a repository: nothing can be committed
    return [root / name for name in listed.stdout.decode("utf-8").split("\0") if name]


def misplaced_records(folder):
    """Files under ``folder`` that are reply records or letters by their place or their keys."""
    found = []  # walked with plain strings: content/ holds every item's file
    for directory, subdirectories, files in os.walk(folder):
        subdirectories.sort()
        inside_records = RECORDS_DIR in os.path.relpath(directory, folder).split(os.sep)
        for name in sorted(files):
            if inside_records or (os.path.splitext(name)[1] in YAML_SUFFIXES and _has_record_keys(os.path.join(directory, name))):
                found.append(Path(directory, name))
    return found


def _has_record_keys(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            keys = set(TOP_LEVEL_KEY.findall(file.read()))
    except OSError:
        return False
    return keys.issuperset(RECORD_KEYS)
