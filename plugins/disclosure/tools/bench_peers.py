"""The peers ``invoke bench`` builds the same Markdown files with: Hugo with a minimal theme (Debian's
``hugo``; nothing is installed here), Pagefind on Hugo's output, and bare Pelican.

The minimal theme gives Hugo what a fair peer needs and nothing more: a page per document with its
body marked for Pagefind and filters for unit and type, paginated section lists, the home page.
"""

import json
import shutil
import sys
from pathlib import Path

from . import bench_process
from .search_index import pagefind_binary

HUGO_CONFIG = """\
baseURL = "/"
languageCode = "zh-CN"
title = "基准"
hasCJKLanguage = true
disableKinds = ["taxonomy", "term"]
[markup.goldmark.renderer]
unsafe = false
"""
HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="{{ "/" | relURL }}">首页</a></nav><main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article data-pagefind-body>
<h1>{{ .Title }}</h1>
<span hidden data-pagefind-filter="unit">{{ .Section }}</span><span hidden data-pagefind-filter="type">{{ .Type }}</span>
{{ .Content }}</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>{{ template "_internal/pagination.html" . }}{{ end }}
""",
}
BARE_PELICAN = r"""
import logging
from pelican import Pelican
from pelican.settings import read_settings
logging.disable(logging.WARNING)
settings = read_settings(None, override={{"PATH": {content!r}, "OUTPUT_PATH": {output!r},
    "DEFAULT_DATE": "fs", "SLUGIFY_SOURCE": "basename", "TIMEZONE": "Asia/Shanghai", "DEFAULT_LANG": "zh-CN",
    # the units' few pages name templates of our theme: left out; every unit numbers its files from 1,
    # so a document's address is its path, as in Hugo
    "STATIC_PATHS": [], "PAGE_PATHS": [], "ARTICLE_EXCLUDES": [{pages}], "CACHE_CONTENT": False,
    "PATH_METADATA": r"(?P<path_slug>.*)\.md", "ARTICLE_URL": "{{path_slug}}/", "ARTICLE_SAVE_AS": "{{path_slug}}/index.html"}})
Pelican(settings).run()
"""


def hugo_binary():
    return shutil.which("hugo")


def hugo_theme(folder):
    """Write the Hugo project (settings and minimal layouts) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (folder / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "layouts" / name).write_text(text, encoding="utf-8")
    return folder


def hugo(site, work):
    """Hugo alone on the site's Markdown; returns (Measured, output folder)."""
    project, output = hugo_theme(Path(work) / "hugo"), Path(work) / "hugo-public"
    measured = bench_process.run([hugo_binary(), "--source", str(project), "--contentDir", str(Path(site) / "content"),
                                  "--destination", str(output), "--quiet"])
    return measured, output


def pagefind(output):
    """Pagefind's command line on a built folder, as a Hugo site would run it."""
    return bench_process.run([pagefind_binary(), "--site", str(output)])


def bare_pelican(site, work):
    """Pelican 4.12 with its default theme on the same documents: no plugin, no check."""
    content = Path(site) / "content"
    pages = ", ".join(repr(str(p.relative_to(content))) for p in sorted(content.glob("**/pages")))
    script = BARE_PELICAN.format(content=str(content), output=str(Path(work) / "bare"), pages=pages)
    return bench_process.run([sys.executable, "-c", script])


def figures(measured):
    return json.loads(json.dumps(measured.figures()))
