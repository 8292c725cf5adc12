"""Shared test helpers: copy a fixture site, build it for real, break it, read and query the output."""

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
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CONFIG = str(ROOT / "pelicanconf.py")
BUILD_DATE = "2026-11-22"

sys.path.insert(0, str(ROOT / "plugins"))

from disclosure.tools import build as building, commands  # noqa: E402


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
    """The number of the first line of a file that contains ``text``."""
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def reported(report, path, line, field):
    """The report's lines for ``path:line: field:`` (at least one)."""
    prefix = f"{shown(path).as_posix()}:{line}: {field}: "
    found = [row for row in report.splitlines() if row.startswith(prefix)]
    assert found, f"no problem starting {prefix!r} in:\n{report}"
    return found


def expect(report, path, line, field, *words):
    """The report has a line for path:line: field: whose message contains all the words."""
    matches = reported(report, path, line, field)
    assert any(all(word in row for word in words) for row in matches), f"{words} not in {matches}"


def change(path, old, new):
    """One change to a site's files: replace ``old`` by ``new`` once; with ``old`` None, write the
    file with ``new`` (text or bytes), or delete it when ``new`` is None too."""
    path = Path(path)
    if old is not None:
        edit(path, old, new)
    elif new is None:
        path.unlink()
    elif isinstance(new, bytes):
        path.write_bytes(new)
    else:
        path.write_text(new, encoding="utf-8")


def expect_broken(site, changes, *problems, errors=None, strict=False, build_date=BUILD_DATE, via_build=False):
    """Break a site and expect the check to fail, reporting every problem; returns the report.

    ``changes``: one ``(path, old, new)`` or a list of them (see ``change``); an empty list when the
    site is broken already (e.g. a warning that fails under ``strict``).
    ``problems``: ``(path, where, field, *words)`` each, ``where`` being a line number or the text
    of the reported line (found in the file after the changes).
    ``errors``: the number of errors the report counts, when given.
    ``via_build``: build as well: the build fails with the same lines and leaves the output as it was.
    """
    for path, old, new in [changes] if changes and isinstance(changes[0], (str, os.PathLike)) else changes:
        change(path, old, new)
    ok, report = check(site, strict=strict, build_date=build_date)
    assert not ok, report
    printed = [report]
    if via_build:
        output = Path(site) / "output"
        before = snapshot(output) if output.exists() else None
        ok, text, _ = build(site, build_date=build_date, strict=strict)
        assert not ok, text
        assert (snapshot(output) if output.exists() else None) == before, "a failed build changed the output"
        printed.append(text)
    for text in printed:
        for path, where, field, *words in problems:
            expect(text, path, where if isinstance(where, int) else line_of(path, where), field, *words)
        if errors is not None:
            assert f"共发现 {errors} 个错误" in text, text
    return report


def shown(path):
    """How the report names a file: relative to the working directory."""
    return Path(os.path.relpath(path))


def read(output, relative):
    return (Path(output) / relative).read_text(encoding="utf-8")


def catalog(output):
    return json.loads(read(output, "catalog.json"))


def parse(html):
    """An HTML page or fragment as a tree (Python's own parser: what the file says, not what a
    browser would repair). Elements pass through, so the helpers below take either. The same text
    gives the same tree, parsed once: tests read trees and never change them."""
    return html if isinstance(html, Tag) else _parsed(str(html))


@functools.lru_cache(maxsize=32)
def _parsed(html):
    return BeautifulSoup(html, "html.parser")


def select(html, selector):
    """Every element that matches a CSS selector, in document order."""
    return parse(html).select(selector)


def one(html, selector):
    """The one element that matches a CSS selector."""
    found = select(html, selector)
    assert len(found) == 1, f"{len(found)} elements match {selector!r}"
    return found[0]


def text_of(html):
    """Visible text of HTML (a string or an element), entities decoded, whitespace folded."""
    return " ".join(parse(html).get_text(" ").split())


def texts(html, selector):
    """The text of every element that matches a CSS selector."""
    return [text_of(element) for element in select(html, selector)]


def links(html, selector="a[href]"):
    """``(href, text)`` of every link that matches a CSS selector."""
    return [(element["href"], text_of(element)) for element in select(html, selector)]


def snapshot(folder):
    """Every file's bytes under a folder, keyed by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def a4_sheets(page):
    """How many A4 sheets the page prints on: Chromium's print to PDF, as a reader's 打印 would."""
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


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


@contextlib.contextmanager
def shared_build(folder, fixture="minimal", **override):
    """A fixture site built once for the tests that only read it: yields (site folder, output folder).

    On leaving, fails if any test changed the site's files or its output: a test that edits
    needs a copy of its own (``make_site``), or the other tests' results depend on their order.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("BUILD_DATE", raising=False)
        site = make_site(folder, fixture)
        ok, text, output = build(site, **override)
    assert ok, text
    before = {name: snapshot(site / name) for name in ("content", "data", "output")}
    yield site, output
    after = {name: snapshot(site / name) for name in before}
    changed = sorted(f"{name}/{path}" for name in before for path in before[name].keys() | after[name].keys()
                     if before[name].get(path) != after[name].get(path))
    assert not changed, f"a test changed the shared build of {fixture}: {changed[:5]}"


def copy_sample(folder):
    """A private copy of the project's sample site, with the CODEOWNERS files its check reads."""
    for name in ("content", "data", ".github", ".gitlab"):
        shutil.copytree(ROOT / name, folder / name)
    return folder


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


class Grid(HTMLParser):
    """A grid table's figures by the texts of all the headers each names (``headers``)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.headers, self.cells, self._cell = {}, [], None
        self.feed(html)
        self.figures = {tuple(self.headers[h] for h in ids.split() if h != "wr-value"): text for ids, text in self.cells}

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("th", "td"):
            self._cell = [tag, values.get("id"), values.get("headers"), ""]

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell:
            kind, cell_id, headers, text = self._cell
            if kind == "th":
                self.headers[cell_id] = text.strip()
            else:
                self.cells.append((headers, text.strip()))
            self._cell = None

    def handle_data(self, data):
        if self._cell:
            self._cell[3] += data
