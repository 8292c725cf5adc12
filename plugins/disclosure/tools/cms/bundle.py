"""The editor's code from the npm registry, at pinned versions, each checked against its integrity hash.

- decap-cms (``invoke cms``): only its browser bundle is used: ``decap-cms.js``, its numbered chunks
  and two WebAssembly files, served from admin/ beside each other. The package's tarball is fetched
  with ``npm pack`` and its SHA-512 is compared here with ``DECAP_CMS.integrity`` (the registry's
  ``dist.integrity`` for that version) before a byte of it is used.
- decap-server (``invoke edit``): installed with ``npm ci`` from ``npm/package-lock.json``, which pins
  every package with its hash (npm refuses a tarball that differs); the lock's own entry for
  decap-server must carry ``DECAP_SERVER.integrity``, so a changed lock cannot swap it silently.

Both are kept in the project's git-ignored ``.cache/cms/``: fetched once per machine, checked every time.
"""

import base64
import hashlib
import io
import json
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from ..commands import CommandFailed


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str  # the registry's dist.integrity: "sha512-" and the base64 digest of the tarball

    @property
    def spec(self):
        return f"{self.name}@{self.version}"


DECAP_CMS = Package("decap-cms", "3.16.3", "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==")
DECAP_SERVER = Package("decap-server", "3.11.3", "sha512-/bn/YsENh3hUl11ijNBkFleuk+ihz6/2YkuXb8pTwu59RU6MMTxjhvGwye2zHUSV5Nqzona9kOjAh7AVmQzB3Q==")
PROJECT = Path(__file__).resolve().parents[4]
CACHE = PROJECT / ".cache" / "cms"
NPM_PROJECT = Path(__file__).parent / "npm"  # package.json and package-lock.json of decap-server
SERVER_SCRIPT = Path("node_modules") / "decap-server" / "dist" / "index.js"
INSTALLED = ".installed"  # written after npm ci succeeded, so a broken install is redone
NPM_TIMEOUT = 600
NO_NPM = ("找不到 npm：网页编辑器的程序要从 npm 下载。请先安装 Node.js 和 npm"
          "（Debian/Ubuntu：apt-get install nodejs npm），再重新运行。")


def integrity(data):
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def npm(*args, cwd=CACHE):
    """Run npm with its download cache inside ours; a failure becomes a Chinese message, not a traceback."""
    if shutil.which("npm") is None:
        raise CommandFailed(NO_NPM)
    command = ["npm", *args, "--cache", str(CACHE / "npm"), "--no-audit", "--no-fund", "--loglevel=error"]
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=NPM_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise CommandFailed(f"npm {args[0]} 超过 {NPM_TIMEOUT} 秒没有完成：请检查能否连上 npm 仓库后重试。") from None
    if done.returncode != 0:
        last = (done.stderr.strip() or done.stdout.strip()).splitlines()[-3:]
        raise CommandFailed(f"npm {' '.join(args[:2])} 没有成功（{'；'.join(last) or '没有输出'}）："
                            "请检查能否连上 npm 仓库（npm config get registry）后重试。")
    return done.stdout


def bundle_tarball():
    """The decap-cms tarball, fetched once and checked against its pinned hash every time it is used."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{DECAP_CMS.name}-{DECAP_CMS.version}.tgz"
    if not path.is_file():
        npm("pack", DECAP_CMS.spec, "--pack-destination", str(CACHE), "--json")
    data = path.read_bytes() if path.is_file() else b""
    found = integrity(data)
    if found != DECAP_CMS.integrity:
        path.unlink(missing_ok=True)
        raise CommandFailed(f"下载的 {DECAP_CMS.spec} 没有通过完整性校验：应为 {DECAP_CMS.integrity}，实际为 {found}。"
                            "文件已删除，没有使用；请重新运行。再次出现时，说明下载的文件被改动过，请告诉维护人员。")
    return data


def bundle_files():
    """name → bytes of what the browser loads: decap-cms.js, its chunks, its WebAssembly and its licence notice."""
    files = {}
    with tarfile.open(fileobj=io.BytesIO(bundle_tarball()), mode="r:gz") as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix("package/dist/")
            if member.isfile() and "/" not in name and _served(name):
                files[name] = archive.extractfile(member).read()
    if "decap-cms.js" not in files:
        raise CommandFailed(f"{DECAP_CMS.spec} 中没有 dist/decap-cms.js：请检查 bundle.py 中的版本。")
    return files


def _served(name):
    stem, _, suffix = name.partition(".")
    return (name in ("decap-cms.js", "decap-cms.js.LICENSE.txt") or name.endswith(".wasm")
            or (stem.isdigit() and suffix == "decap-cms.js"))


def server_script():
    """decap-server's script, installed from the lock file (once per version of the lock)."""
    lock = (NPM_PROJECT / "package-lock.json").read_bytes()
    pinned = json.loads(lock)["packages"].get(f"node_modules/{DECAP_SERVER.name}", {})
    if (pinned.get("version"), pinned.get("integrity")) != (DECAP_SERVER.version, DECAP_SERVER.integrity):
        raise CommandFailed(f"npm/package-lock.json 中的 {DECAP_SERVER.name} 不是 bundle.py 固定的 {DECAP_SERVER.spec}"
                            f"（{pinned.get('version')}）：请同时更新两处。")
    folder = CACHE / f"server-{hashlib.sha256(lock).hexdigest()[:12]}"
    if not (folder / INSTALLED).is_file():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(NPM_PROJECT / name, folder / name)
        npm("ci", "--ignore-scripts", "--omit=dev", cwd=folder)
        (folder / INSTALLED).write_text(DECAP_SERVER.spec, encoding="utf-8")
    return folder / SERVER_SCRIPT
