"""The budget of a built site (DESIGN §9), checked by ``invoke check --site`` and by the tests.

- a document page is at most 30 KB gzip, counting its HTML and the CSS and JS it loads
  (search assets excluded);
- no third-party URL anywhere in the output: every http(s) address must be the site's own
  (SITEURL; without one, the domain data/site.yaml gives for the 网页标签), or one data/site.yaml's
  ``external_links`` allows, and those only as links (``<a href>``), never as something a page
  loads; XML namespaces and JSON Schema ids name things, they are not requests. The search
  engine's generated bundle mentions addresses in comments and credits; that nothing is fetched
  from elsewhere is checked in the browser tests instead;
- no inline event handlers, inline scripts, ``javascript:`` URLs or inline styles in any
  HTML or SVG file: the Content-Security-Policy would silently block them.
"""

import gzip
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..data.identity import allowed_links, domain_prefixes
from ..model.problems import Problems
from ..model.source import SourceError, display_path, read_data_file
from ..views import urls

PAGE_BUDGET = 30 * 1024  # bytes, gzip
GZIP_LEVEL = 6  # the gzip default; servers commonly use the same or lower
DOCUMENT_PAGES = "doc/*/index.html"
SEARCH_BUNDLE = re.compile(rf"(^|/){re.escape(urls.SEARCH_BUNDLE)}")  # Pagefind's generated bundles: no weight, no address scan (see above)
CONTRACT = "schemas/"  # the published JSON Schemas: their examples of addresses are text, not requests or links
TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".css", ".js", ".mjs", ".svg", ".txt"}
MARKUP_SUFFIXES = {".html", ".svg"}
ABSOLUTE_URL = re.compile(r"https?://[^\s\"'<>()\\]+", re.IGNORECASE)
# An address in one of these places names a vocabulary; nothing fetches it.
IDENTIFIER_BEFORE = re.compile(r"""(?:\bxmlns(?::[\w.-]+)?\s*=\s*["']|"\$(?:schema|id)"\s*:\s*")$""")
CSS_NETWORK_PATH = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])//""", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href"}
LOADED_ATTRIBUTES = URL_ATTRIBUTES - {"href", "action", "formaction"}  # what a browser fetches by itself
LINK_RELATIONS = {"alternate", "canonical"}  # <link rel> values that name a page without loading it
PROJECT_SITE_FILE = Path(__file__).parents[3] / "data" / "site.yaml"


@dataclass
class Result:
    problems: Problems = field(default_factory=Problems)
    largest_page: str = ""
    largest_size: int = 0  # bytes, gzip, HTML + CSS + JS


def site_addresses(site_file=PROJECT_SITE_FILE):
    """(the site's own domain prefixes, the external links it allows) from a data/site.yaml."""
    try:
        portal = read_data_file(Path(site_file), display_path(site_file)).data if Path(site_file).is_file() else {}
    except SourceError:
        portal = {}  # reported by invoke check
    portal = portal if isinstance(portal, dict) else {}
    return domain_prefixes(portal), allowed_links(portal)


def check(output, siteurl="", addresses=None):
    """Check every file under ``output``; the result holds the problems and the heaviest document page.

    ``addresses`` is ``site_addresses()`` of the site's data/site.yaml: by default the project's own.
    """
    output = Path(output)
    result = Result()
    sizes = _GzipSizes()
    document_pages = set(output.glob(DOCUMENT_PAGES))
    own_domain, allowed = addresses if addresses is not None else site_addresses()
    # The site's own addresses: under SITEURL; a build without one names its pages under its domain.
    own = tuple(f"{siteurl.rstrip('/')}{end}" for end in ("/", "?", "#")) if siteurl else own_domain
    for path in sorted(p for p in output.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES):
        text = path.read_text(encoding="utf-8", errors="replace")
        shown = display_path(path)
        relative = path.relative_to(output).as_posix()
        if not (SEARCH_BUNDLE.search(relative) or relative.startswith(CONTRACT)):
            _check_urls(result.problems, shown, text, siteurl, own + allowed)
        if path.suffix.lower() in MARKUP_SUFFIXES:
            markup = _Markup(own, allowed)
            markup.feed(text)
            markup.close()
            for line, message in markup.problems:
                result.problems.error(shown, line, "内联代码", message)
            for line, message in markup.loads:
                result.problems.error(shown, line, "第三方网址", message)
            if path in document_pages:
                _check_weight(result, output, path, markup.assets, sizes)
    return result


def _check_urls(problems, shown, text, siteurl, accepted):
    own = siteurl.rstrip("/")
    for match in ABSOLUTE_URL.finditer(text):
        url = match.group()
        if (own and url == own) or url.startswith(accepted):
            continue
        if IDENTIFIER_BEFORE.search(text, max(0, match.start() - 40), match.start()):
            continue
        problems.error(shown, _line(text, match.start()), "第三方网址",
                       f"输出中出现了本站以外的网址“{url}”：网站不得引用第三方资源或链接到第三方网址"
                       f"（本站网址 SITEURL 为“{siteurl or '未设置'}”；只作链接的外部网址须列在 data/site.yaml 的 external_links 中）。")
    for match in CSS_NETWORK_PATH.finditer(text):
        problems.error(shown, _line(text, match.start()), "第三方网址",
                       f"“{match.group()}”以 // 开头，会从其他网站加载资源：请改用站内相对地址。")


def _line(text, offset):
    return text.count("\n", 0, offset) + 1


class _Markup(HTMLParser):
    """Finds what a ``default-src 'self'`` policy blocks: inline handlers, scripts and styles."""

    def __init__(self, own=(), allowed=()):
        super().__init__(convert_charrefs=True)
        self.problems = []  # (line, message)
        self.assets = []  # URLs of the stylesheets and scripts the page loads
        self.loads = []  # (line, message): allowed external links used to load something
        self._inline_script = None
        self._own, self._allowed = own, allowed

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        loads = LOADED_ATTRIBUTES | ({"href"} if tag == "link" and not LINK_RELATIONS & set((values.get("rel") or "").split()) else set())
        for name, value in attrs:
            value = (value or "").strip()
            if name in loads and value.startswith(self._allowed) and not value.startswith(self._own):
                self.loads.append((line, f"<{tag}> 的 {name}=“{value}”会从其他网站加载：external_links 中的网址只能用作链接。"))
            if name.startswith("on"):
                self.problems.append((line, f"<{tag}> 带有内联事件处理属性 {name}=“{value}”：请把脚本放进 theme/static/js/ 下的文件。"))
            elif name == "style":
                self.problems.append((line, f"<{tag}> 带有内联样式 style=“{value}”：请改用 site.css 中的类名。"))
            elif name in URL_ATTRIBUTES and value.lower().startswith("javascript:"):
                self.problems.append((line, f"<{tag}> 的 {name} 是 javascript: 地址：请改用普通链接或外部脚本文件。"))
            elif name in URL_ATTRIBUTES and value.startswith("//"):
                self.problems.append((line, f"<{tag}> 的 {name}=“{value}”会从其他网站加载：请改用站内相对地址。"))
        if tag == "style":
            self.problems.append((line, "页面内嵌了 <style> 样式：请改用 site.css。"))
        if tag == "script":
            if values.get("src"):
                self.assets.append(values["src"])
            else:
                self._inline_script = line
        if tag == "link" and "stylesheet" in (values.get("rel") or "").lower().split() and values.get("href"):
            self.assets.append(values["href"])

    def handle_endtag(self, tag):
        if tag == "script" and self._inline_script is not None:
            self.problems.append((self._inline_script, "页面内嵌了 <script> 脚本：请把脚本放进 theme/static/js/ 下的文件。"))
            self._inline_script = None


class _GzipSizes:
    """Compressed size of each file, computed once even though every page loads the same CSS."""

    def __init__(self):
        self.cache = {}

    def __call__(self, path):
        if path not in self.cache:
            self.cache[path] = len(gzip.compress(path.read_bytes(), GZIP_LEVEL, mtime=0))
        return self.cache[path]


def _check_weight(result, output, page, assets, sizes):
    shown = display_path(page)
    total = sizes(page)
    folder = PurePosixPath(page.relative_to(output).as_posix()).parent
    for url in assets:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            continue  # reported as a third-party address
        target = _normalise(folder / parts.path)
        if target is not None and SEARCH_BUNDLE.search(target):
            continue
        if target is None or not (output / target).is_file():
            result.problems.error(shown, 1, "页面体积", f"页面引用的“{url}”在生成的网站中不存在。")
            continue
        total += sizes(output / target)
    if total > result.largest_size:
        result.largest_page, result.largest_size = shown, total
    if total > PAGE_BUDGET:
        result.problems.error(shown, 1, "页面体积",
                              f"文件页面连同 CSS 和 JS 压缩后共 {total / 1024:.1f} KB，超过 {PAGE_BUDGET // 1024} KB 的上限：请精简页面或样式。")


def _normalise(path):
    """``doc/x/../../theme/css/site.css`` → ``theme/css/site.css``; None if it leaves the site."""
    parts = []
    for part in path.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)
