"""The built site's budget (invoke check --site): document page weight, no third-party URL, no inline code."""

import os
import random
import string

import pytest

from disclosure.tools import budget
from support import ROOT, build_sample, invoke

SITEURL = "https://www.example.gov.cn/zwgk"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The sample site built with its public address, as publishconf does: feeds and sitemap carry SITEURL."""
    return build_sample(tmp_path_factory.mktemp("published"), SITEURL=SITEURL, FEED_DOMAIN=SITEURL)


def write(root, relative, text):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def reported(result, root):
    return {(os.path.relpath(p.path, root), p.line, p.field) for p in result.problems.errors}


def test_sample_site_is_within_budget(published):
    assert SITEURL + "/doc/" in (published / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    result = budget.check(published, SITEURL)
    assert result.problems.report() == "检查通过：没有发现问题。"
    assert result.largest_page.endswith("/index.html")
    assert 0 < result.largest_size <= budget.PAGE_BUDGET


def test_an_address_other_than_siteurl_is_third_party(published):
    result = budget.check(published, "https://other.example.org")
    files = {os.path.relpath(p.path, published) for p in result.problems.errors}
    assert {p.field for p in result.problems.errors} == {"第三方网址"}
    assert {"sitemap.xml", os.path.join("feeds", "all.atom.xml")} <= files


def test_each_breach_is_reported_with_its_file_line_and_field(tmp_path):
    write(tmp_path, "theme/css/site.css", "body { color: #000; }\n.logo { background: url(//cdn.example.com/a.png); }\n")
    write(tmp_path, "theme/js/site.js", "// ok\n")
    write(tmp_path, "pagefind/pagefind.js", "// https://github.com/credits\n" + "x" * 200_000)  # vendored search bundle
    head = ('<link rel="stylesheet" href="../../theme/css/site.css">'
            '<script src="../../theme/js/site.js"></script><script src="../../pagefind/pagefind.js"></script>')
    write(tmp_path, "doc/a/index.html", "\n".join([
        f"<html><head>{head}</head><body>",
        '<button onclick="go()">跳转</button>',
        "<script>go()</script>",
        '<p style="color: red">红字</p>',
        '<script src="https://cdn.example.com/lib.js"></script>',
        '<a href="javascript:void(0)">空链接</a>',
        '<img src="//cdn.example.com/b.png" alt="">',
        f'<a href="{SITEURL}/doc/b/">本站的绝对地址</a>',
        "</body></html>",
    ]))
    noise = "".join(random.Random(6).choices(string.ascii_letters + string.digits, k=60_000))
    write(tmp_path, "doc/heavy/index.html", f"<html><head>{head}</head><body><p>{noise}</p></body></html>")
    write(tmp_path, "doc/broken/index.html", '<html><head><link rel="stylesheet" href="../../theme/css/gone.css"></head></html>')
    write(tmp_path, "feeds/all.atom.xml", f'<feed xmlns="http://www.w3.org/2005/Atom"><link href="{SITEURL}/doc/a/"/></feed>')
    write(tmp_path, "schemas/a.schema.json", '{"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "a"}')
    write(tmp_path, "chart.svg", '<svg xmlns="http://www.w3.org/2000/svg"><rect onload="x()"/></svg>')

    result = budget.check(tmp_path, SITEURL)

    assert reported(result, tmp_path) == {
        ("theme/css/site.css", 2, "第三方网址"),
        ("doc/a/index.html", 2, "内联代码"),
        ("doc/a/index.html", 3, "内联代码"),
        ("doc/a/index.html", 4, "内联代码"),
        ("doc/a/index.html", 5, "第三方网址"),
        ("doc/a/index.html", 6, "内联代码"),
        ("doc/a/index.html", 7, "内联代码"),
        ("doc/heavy/index.html", 1, "页面体积"),
        ("doc/broken/index.html", 1, "页面体积"),
        ("chart.svg", 1, "内联代码"),
    }
    assert "https://cdn.example.com/lib.js" in result.problems.report()
    assert result.largest_page.endswith("heavy/index.html") and result.largest_size > budget.PAGE_BUDGET


def test_invoke_check_site_passes_on_the_published_sample(published):
    run = invoke("check", "--site", "--config", "publishconf.py", "--output", str(published),
                 env=dict(os.environ, SITEURL=SITEURL))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "最重的文件页面" in run.stdout and "（上限 30 KB）" in run.stdout


def test_invoke_check_site_fails_on_inline_code_and_names_the_file(tmp_path):
    write(tmp_path, "index.html", '<html><body>\n<a href="#" onclick="x()">点我</a></body></html>')
    run = invoke("check", "--site", "--output", str(tmp_path))
    assert run.returncode == 1
    shown = os.path.relpath(tmp_path / "index.html", ROOT)  # invoke runs in the project folder
    assert f"{shown}:2: 内联代码: <a> 带有内联事件处理属性 onclick=“x()”" in run.stdout
    assert "已生成的网站未通过检查" in run.stderr
