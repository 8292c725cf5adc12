"""``invoke edit``: the web editor on a clerk's own clone, at http://localhost:8080/admin/.

Two servers, both bound to 127.0.0.1 so nothing else on the network reaches them: this process serves
admin/ (and nothing else of the repository) on port 8080, and decap-server (``MODE=git``) on port 8081
reads and writes the clone, committing each save to the current branch. Ctrl-C stops both.

decap-server commits with ``git add .`` and ``--no-verify``: it would sweep any other change of the
working tree into the clerk's commit and skips the pre-commit check. So the editor starts only on a
clean working tree, and ``invoke check`` in the merge pipeline is what refuses a bad edit.
"""

import functools
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from ...model.ownership import root_of
from ..commands import CommandFailed
from . import ADMIN_DIR, bundle, load, write
from .config import LOCAL_PORT, LOCAL_PROXY, backend

HOST = "127.0.0.1"
EDITOR_PORT = 8080
EDITOR_URL = f"http://localhost:{EDITOR_PORT}/{ADMIN_DIR}/"
READY_TIMEOUT = 30  # seconds for decap-server to answer
TYPES = {".yml": "text/yaml; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm",
         ".css": "text/css; charset=utf-8", ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


def run(config="pelicanconf.py", unit=None, site_root=None, out=None):
    """Check the clone, generate admin/, start both servers and wait for Ctrl-C."""
    site = load(config, site_root)
    root = root_of(site)
    branch = backend(site)[0]["branch"]
    _check_clone(root, branch)
    admin = write(config, unit=unit, site_root=site_root)
    script = bundle.server_script()
    _check_free(EDITOR_PORT)
    _check_free(LOCAL_PORT)
    env = dict(os.environ, MODE="git", PORT=str(LOCAL_PORT), BIND_HOST=HOST, GIT_REPO_DIRECTORY=str(root),
               LOG_LEVEL="warn")
    for stop in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C, or a stop from outside: both servers end
        signal.signal(stop, signal.default_int_handler)
    server = subprocess.Popen(["node", str(script)], cwd=root, env=env, start_new_session=True)
    editor = ThreadingHTTPServer((HOST, EDITOR_PORT), functools.partial(AdminHandler, directory=str(admin)))
    threading.Thread(target=editor.serve_forever, daemon=True).start()
    try:
        _wait_until_ready(server)
        print(f"网页编辑器：{EDITOR_URL}（保存即提交到本仓库的 {branch} 分支；按 Ctrl-C 结束）", file=out, flush=True)
        while server.poll() is None:
            time.sleep(0.5)
        raise CommandFailed(f"decap-server 意外退出（退出码 {server.returncode}），编辑器已停止。")
    except KeyboardInterrupt:
        print("已停止网页编辑器。", file=out, flush=True)
    finally:
        editor.shutdown()
        editor.server_close()
        _stop(server)


class AdminHandler(SimpleHTTPRequestHandler):
    """admin/ at /admin/ and nothing else of the repository (replies/ and the rest stay unreachable)."""

    extensions_map = dict(SimpleHTTPRequestHandler.extensions_map, **TYPES)

    def translate_path(self, path):
        prefix = f"/{ADMIN_DIR}/"
        path = path.split("?", 1)[0].split("#", 1)[0]
        return super().translate_path("/" + path[len(prefix):]) if path.startswith(prefix) else "/nonexistent"

    def do_GET(self):
        if self.path in ("/", f"/{ADMIN_DIR}"):
            self.send_response(302)
            self.send_header("Location", f"/{ADMIN_DIR}/")
            self.end_headers()
            return
        super().do_GET()

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


def _git(root, *args):
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)


def _check_clone(root, branch):
    """A git clone on the configured branch, with nothing uncommitted and a committer name."""
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise CommandFailed(f"{root} 不是 git 仓库：网页编辑器把每次保存提交到仓库里。请在 git clone 下来的目录中运行。")
    current = _git(root, "branch", "--show-current").stdout.strip()
    if current != branch:
        raise CommandFailed(f"当前在“{current or '（没有分支）'}”分支，编辑器读写的是 {branch} 分支："
                            f"请先运行 git switch {branch}（data/site.yaml 的 cms.branch 可改分支）。")
    changes = _git(root, "status", "--porcelain").stdout.splitlines()
    if changes:
        shown = "、".join(line[3:] for line in changes[:5]) + ("……" if len(changes) > 5 else "")
        raise CommandFailed(f"工作区有未提交的改动（{shown}）：编辑器每次保存会把它们一起提交。"
                            "请先 git commit 或 git stash，再运行 invoke edit。")
    for key in ("user.name", "user.email"):
        if not _git(root, "config", key).stdout.strip():
            raise CommandFailed(f"git 还不知道提交人的{'姓名' if key == 'user.name' else '邮箱'}：请先运行 "
                                f"git config {key} \"{'张三' if key == 'user.name' else 'zhangsan@example.gov.cn'}\"。")


def _check_free(port):
    with socket.socket() as probe:
        if probe.connect_ex((HOST, port)) == 0:
            raise CommandFailed(f"端口 {port} 已被占用（可能已有一个 invoke edit 在运行）：请先关闭它。")


def _wait_until_ready(server):
    request = urllib.request.Request(LOCAL_PROXY, data=json.dumps({"action": "info"}).encode(),
                                     headers={"Content-Type": "application/json"})
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandFailed(f"decap-server 没有启动（退出码 {server.returncode}），见上面的输出。")
        try:
            with urllib.request.urlopen(request, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise CommandFailed(f"decap-server {READY_TIMEOUT} 秒内没有响应。")


def _stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
