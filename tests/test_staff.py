"""The staff machine: live preview in a real browser, and the pre-commit check."""

import os
import re
import subprocess
import sys
import threading
import time

import pytest

from support import BUILD_DATE, ROOT, config_for, edit, git, invoke

WAIT_SECONDS = 60  # a generous ceiling on a busy machine, not a speed requirement


class Lines:
    """Everything a running command prints, collected in the background."""

    def __init__(self, stream):
        self.text = ""
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream):
        for line in stream:
            self.text += line

    def wait_for(self, pattern):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            found = re.search(pattern, self.text)
            if found:
                return found
            time.sleep(0.1)
        raise AssertionError(f"{pattern!r} never printed:\n{self.text}")


def test_livereload_rebuilds_after_an_edit_and_the_open_page_updates(site, tmp_path, browser):
    command = [sys.executable, "-m", "invoke", "livereload", "--port", "0", "--config", str(config_for(site, tmp_path))]
    process = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ, BUILD_DATE=BUILD_DATE),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        printed = Lines(process.stdout)
        port = printed.wait_for(r"预览地址：http://localhost:(\d+)/").group(1)
        page = browser.new_page()
        blocked = []
        page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
        page.goto(f"http://127.0.0.1:{port}/doc/csx-tjj-2020-00001/")
        assert page.inner_text("h1") == "测试县统计调查管理办法"

        source = site / "content" / "tjj" / "normative" / "a.md"
        with page.expect_event("load", timeout=WAIT_SECONDS * 1000):  # the page reloads itself
            edit(source, "title: 测试县统计调查管理办法", "title: 测试县统计调查管理办法（修订）")
        assert page.inner_text("h1") == "测试县统计调查管理办法（修订）"

        edit(source, "genre: 办法", "genre: 办法法")  # an error: the check's message, and the last good site stays
        printed.wait_for(r"normative/a\.md:\d+: genre: .*办法法[\s\S]*预览仍显示上一次生成的网站")
        assert page.inner_text("h1") == "测试县统计调查管理办法（修订）"
        assert "（修订）" in (site / "output" / "doc" / "csx-tjj-2020-00001" / "index.html").read_text(encoding="utf-8")
        assert not blocked, blocked
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=WAIT_SECONDS)


@pytest.fixture
def hooked(site, tmp_path, monkeypatch):
    """The minimal site as a git repository with the pre-commit hook that `invoke setup-hooks` installs."""
    for name in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{name}_NAME", "测试员")
        monkeypatch.setenv(f"GIT_{name}_EMAIL", "ci@test.example")
    git(site, "init", "-q")
    installed = invoke("setup-hooks", "--config", str(config_for(site, tmp_path)))
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert (site / ".git" / "hooks" / "pre-commit").is_file()
    (site / ".gitignore").write_text("output/\ncache/\n", encoding="utf-8")
    return site


def commit(repo, message):
    """Stage everything and commit through the hook: (accepted, everything printed)."""
    git(repo, "add", "-A")
    result = git(repo, "commit", "-q", "-m", message, check=False)
    return result.returncode == 0, result.stdout + result.stderr


def committed(repo):
    return git(repo, "rev-parse", "--verify", "-q", "HEAD", check=False).returncode == 0


def test_setup_hooks_makes_each_commit_run_the_check(hooked):
    edit(hooked / "content" / "tjj" / "normative" / "a.md", "genre: 办法", "genre: 办法法")
    accepted, printed = commit(hooked, "体裁写错了")
    assert not accepted
    assert re.search(r"normative/a\.md:\d+: genre: .*办法法", printed)
    assert not committed(hooked)

    edit(hooked / "content" / "tjj" / "normative" / "a.md", "genre: 办法法", "genre: 办法")
    accepted, printed = commit(hooked, "改正体裁")
    assert accepted, printed
    assert "检查通过" in printed


def test_a_lint_error_in_the_python_code_stops_the_commit(hooked):
    script = hooked / "tools" / "convert.py"
    script.parent.mkdir()
    script.write_text("import os\n\nprint('转换')\n", encoding="utf-8")
    accepted, printed = commit(hooked, "加一个转换脚本")
    assert not accepted
    assert re.search(r"tools/convert\.py:1:8: F401", printed), printed  # ruff's finding, with file and line
    assert "Python 代码检查（ruff）未通过" in printed
    assert "检查通过" not in printed  # it stops before the content check
    assert not committed(hooked)

    script.write_text("print('转换')\n", encoding="utf-8")
    accepted, printed = commit(hooked, "加一个转换脚本")
    assert accepted, printed
    assert "检查通过" in printed


def test_setup_hooks_never_overwrites_someone_elses_hook(site, tmp_path):
    git(site, "init", "-q")
    hook = site / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexec make lint\n", encoding="utf-8")
    result = invoke("setup-hooks", "--config", str(config_for(site, tmp_path)))
    assert result.returncode != 0
    assert "已有别的 pre-commit 钩子，没有覆盖" in result.stdout + result.stderr
    assert "ruff check" in result.stdout + result.stderr and "invoke check" in result.stdout + result.stderr
    assert hook.read_text(encoding="utf-8") == "#!/bin/sh\nexec make lint\n"
