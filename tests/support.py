"""Shared test helpers: copy a fixture site, build it for real, read the output."""

import contextlib
import functools
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CONFIG = str(ROOT / "pelicanconf.py")
BUILD_DATE = "2026-11-22"

sys.path.insert(0, str(ROOT / "plugins"))

from disclosure.tools import build as building, commands, scaffold  # noqa: E402
from disclosure.tools.search_index import UNSTABLE_FILES  # noqa: E402


def make_site(tmp_path, fixture="minimal"):
    """A private copy of a fixture site; data files it lacks come from the project's data/."""
    site = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, site)
    for name in ("taxonomy.yaml", "holidays.yaml", "reply_templates.yaml"):
        if not (site / "data" / name).exists():
            shutil.copy(ROOT / "data" / name, site / "data" / name)
    return site


def build(site, output=None, build_date=BUILD_DATE, **override):
    """Build a site with the project's pelicanconf; returns (ok, printed text, output path)."""
    output = Path(output or site / "output")
    out = io.StringIO()
    try:
        building.build(CONFIG, output=str(output), site_root=site, out=out, BUILD_DATE=build_date, **override)
        return True, out.getvalue(), output
    except commands.CommandFailed as exc:
        return False, out.getvalue() + str(exc), output


def check(site, strict=False, build_date=BUILD_DATE):
    """Check a site; returns (ok, printed report)."""
    out = io.StringIO()
    try:
        commands.check(CONFIG, strict=strict, out=out, site_root=site, BUILD_DATE=build_date)
        return True, out.getvalue()
    except commands.CommandFailed as exc:
        return False, out.getvalue() + str(exc)


def invoke(*args, cwd=ROOT, env=None):
    """Run the real ``invoke`` command line, as staff would."""
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def git(cwd, *args, check=True):
    """Run git in ``cwd``; returns the completed process, its output as text."""
    return subprocess.run(["git", *args], cwd=cwd, check=check, capture_output=True, text=True)


def edit(path, old, new):
    """Replace one exact piece of text in a file; fails loudly if it is not there."""
    text = Path(path).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    Path(path).write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, text):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def expect(report, path, line, field, *words):
    """The report has a line for path:line: field: whose message contains all the words."""
    prefix = f"{path.as_posix()}:{line}: {field}: "
    matches = [row for row in report.splitlines() if row.startswith(prefix)]
    assert matches, f"no problem starting {prefix!r} in:\n{report}"
    assert any(all(word in row for word in words) for row in matches), f"{words} not in {matches}"


def expect_broken(site, path, old, new, marker, field, *words):
    """Break one file by an edit; the check fails and reports path:line: field: with the words."""
    edit(path, old, new)
    ok, report = check(site)
    assert not ok, report
    expect(report, shown(path), line_of(path, marker), field, *words)
    return report


def shown(path):
    """How the report names a file: relative to the working directory."""
    return Path(os.path.relpath(path))


def read(output, relative):
    return (Path(output) / relative).read_text(encoding="utf-8")


def catalog(output):
    return json.loads(read(output, "catalog.json"))


def text_of(html):
    """Visible text of an HTML fragment, whitespace folded (good enough for assertions)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def snapshot(folder):
    """Every file's bytes under a folder, keyed by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def stable_snapshot(folder):
    """``snapshot`` without Pagefind's filter indexes, the one known exception to byte-identical
    builds (upstream issue Pagefind#638); ``test_search`` checks that nothing else differs."""
    return {name: data for name, data in snapshot(folder).items() if not UNSTABLE_FILES.match(name)}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_under(output, prefix="zwgk"):
    """Serve a built site at http://127.0.0.1:PORT/<prefix>/, as a bureau would under a sub-path."""
    root = Path(tempfile.mkdtemp(prefix="serve-"))
    (root / prefix).symlink_to(Path(output).resolve(), target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{prefix}/"
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(root)


def build_sample(tmp_path, **override):
    """Build the project's own sample site into a temporary folder."""
    ok, text, output = build(ROOT, output=tmp_path / "output", **override)
    assert ok, text
    return output


def config_for(site, folder):
    """A settings file that points the project's pelicanconf at a fixture site (for the command line)."""
    config = Path(folder) / "siteconf.py"
    config.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(site / 'content')!r}\nDISCLOSURE_DATA_PATH = {str(site / 'data')!r}\n"
        f"OUTPUT_PATH = {str(site / 'output')!r}\nCACHE_PATH = {str(site / 'cache')!r}\n",
        encoding="utf-8",
    )
    return config
