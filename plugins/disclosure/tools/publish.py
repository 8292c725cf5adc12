"""Publishing: check → build with publishconf → verify the output and check it against its budget
(``invoke check --site``) → ghp-import to a branch → push.

``push=False`` (``invoke publish --no-push``) stops after the local commit, so CI can build
without any credential and push in a later step that alone holds the token.

Nothing reaches the remote unless every step passed. The branch commit is made
locally first and pushed only if its tree differs from the remote's, so an
unchanged site (a nightly rebuild with nothing expired) makes no new commit.
"""

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..model.problems import Problems
from ..model.source import display_path
from ..settings import build_date
from . import build, commands
from .commands import CommandFailed

DEFAULT_REMOTE = "origin"
DEFAULT_BRANCH = "gh-pages"
LINK_ATTRIBUTES = ("href", "src", "action")
SKIPPED_LINKS = ("#", "mailto:", "tel:", "data:")
TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".css", ".js", ".txt", ".svg"}
# Addresses that only work on the machine that built the site.
DEVELOPMENT_URL = re.compile(
    r"(?:(?:https?|wss?):)?//(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\])(?![\w.-])|\bfile:/",
    re.IGNORECASE)
XML_LINK = re.compile(r'<loc>([^<]+)</loc>|<link href="([^"]+)"')


class LinkCollector(HTMLParser):
    """Collects (line, attribute, value) of every link in an HTML file."""

    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in LINK_ATTRIBUTES and value:
                self.links.append((self.getpos()[0], name, value))


def verify(output, siteurl="", config="publishconf.py"):
    """Check a built site before it goes public; returns the Problems found."""
    output = Path(output).resolve()
    problems = Problems()
    siteurl = siteurl.rstrip("/")
    if siteurl and (not re.match(r"https?://[^/]", siteurl) or DEVELOPMENT_URL.search(siteurl)):
        problems.error(config, 1, "SITEURL",
                       f"应为网站对外的地址，例如 https://www.example.gov.cn/zwgk，而不是“{siteurl}”。")
    elif not siteurl:
        problems.warning(config, 1, "SITEURL",
                         "没有设置网站地址（环境变量 SITEURL）：页面可以正常使用，但订阅源和网站地图中只有相对地址，"
                         "阅读器和搜索引擎无法使用。正式发布时请设置，例如 SITEURL=https://www.example.gov.cn/zwgk。")
    broken = {}  # missing target → every (file, line, attribute, link) pointing at it
    for path in sorted(output.rglob("*")):
        if path.suffix not in TEXT_SUFFIXES or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        shown = f"{output.name}/{path.relative_to(output).as_posix()}"
        _check_development_urls(problems, shown, text)
        if path.suffix == ".html":
            links = _html_links(problems, output, path, shown, text, siteurl)
        elif path.suffix == ".xml" and siteurl:
            links = _xml_links(problems, output, shown, text, siteurl)
        else:
            continue
        for base, relative, place in links:
            missing = _missing(output, base, relative)
            if missing:
                broken.setdefault(missing, []).append(place)
    for (shown, line, attribute, link), *others in broken.values():
        more = f"（另有 {len(others)} 处链接到同一地址）" if others else ""
        problems.error(shown, line, attribute, f"链接“{link}”指向的文件在生成的网站中不存在{more}。")
    return problems


def _check_development_urls(problems, shown, text):
    found = [(number, match.group()) for number, line in enumerate(text.splitlines(), start=1)
             for match in DEVELOPMENT_URL.finditer(line)]
    if found:
        number, url = found[0]
        more = f"（本文件共 {len(found)} 处）" if len(found) > 1 else ""
        problems.error(shown, number, "", f"含有只在本机有效的地址“{url}”{more}：公开的网站里应使用相对地址或对外地址。")


def _html_links(problems, output, page, shown, text, siteurl):
    """(folder, relative link, place) of every internal link of a page."""
    parser = LinkCollector()
    parser.feed(text)
    for line, attribute, link in parser.links:
        place = (shown, line, attribute, link)
        if link.startswith(SKIPPED_LINKS):
            continue
        if siteurl and (link == siteurl or link.startswith(siteurl + "/")):
            yield output, link[len(siteurl):].lstrip("/"), place
        elif urlsplit(link).scheme or link.startswith("//"):
            continue  # another site, or a development address already reported
        elif link.startswith("/"):
            problems.error(shown, line, attribute,
                           f"地址“{link}”以“/”开头，网站放在子路径（如 /zwgk/）下时会失效：应使用相对地址。")
        else:
            yield page.parent, link, place


def _xml_links(problems, output, shown, text, siteurl):
    """Sitemap and feed addresses must start with SITEURL; yields them relative to the site root."""
    for match in XML_LINK.finditer(text):
        link = match.group(1) or match.group(2)
        line = text.count("\n", 0, match.start()) + 1
        if link == siteurl or link.startswith(siteurl + "/"):
            yield output, link[len(siteurl):].lstrip("/"), (shown, line, "link", link)
        else:
            problems.error(shown, line, "link", f"地址“{link}”应以网站地址“{siteurl}”开头。")


def _missing(output, base, link):
    """None if ``link`` from folder ``base`` reaches a file of the site, else the missing target."""
    path = unquote(urlsplit(link).path)
    if not path:
        return None  # only a query or fragment: the page itself
    target = Path(os.path.normpath(base / path))
    if target != output and output not in target.parents:
        return target
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return None if target.is_file() else target


def verify_output(config="publishconf.py", output=None, strict=False, out=sys.stdout, site_root=None, **override):
    """Verify a built site with the settings' SITEURL and print the report; CommandFailed if it fails."""
    settings = commands.settings_for(config, site_root, OUTPUT_PATH=output, **override)
    target = Path(settings["OUTPUT_PATH"])
    problems = verify(target, settings.get("SITEURL", ""), display_path(config))
    print(f"核对生成的网站 {display_path(target)}：", problems.report(), sep="\n", file=out)
    if problems.fails(strict):
        raise CommandFailed("核对未通过：生成的网站有上面列出的问题。")


def git(repo, *args, check=True):
    """Run git in ``repo``; a failure becomes a CommandFailed that quotes git's message."""
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    if check and result.returncode:
        raise CommandFailed(f"git {' '.join(args[:2])} 失败：{(result.stderr or result.stdout).strip()}")
    return result.stdout.strip() if result.returncode == 0 else None


def repository_of(path):
    """The top folder of the git repository that holds ``path``."""
    top = git(path, "rev-parse", "--show-toplevel", check=False)
    if not top:
        raise CommandFailed(f"{display_path(path)} 不在 git 仓库中，无法发布。")
    return Path(top)


def publish(config="publishconf.py", branch=None, output=None, strict=False, out=sys.stdout,
            site_root=None, push=True, parts=None, **override):
    """Check, build, verify and push the site; returns the published commit (or the unchanged one).

    ``parts``: the units' parts, built by ``invoke build --unit`` in parallel jobs: assemble instead of building."""
    settings = commands.settings_for(config, site_root, **override)
    repo = repository_of(settings["PATH"])
    remote = settings.get("PUBLISH_REMOTE") or DEFAULT_REMOTE
    branch = branch or settings.get("PUBLISH_BRANCH") or DEFAULT_BRANCH
    if git(repo, "remote", "get-url", remote, check=False) is None:
        raise CommandFailed(f"没有名为“{remote}”的远程仓库，请先运行 git remote add {remote} 仓库地址。")

    try:
        target = build.build(config, output, strict, out, site_root, parts=parts, **override)
        verify_output(config, target, strict, out, site_root, **override)
        commands.check_site(config, target, out, site_root, **override)
    except CommandFailed as exc:
        raise CommandFailed(f"{exc}没有发布，{remote} 的 {branch} 分支保持不变。") from None

    source = git(repo, "rev-parse", "HEAD", check=False)
    if not source:
        raise CommandFailed("内容仓库还没有任何提交：请先提交（git commit），再发布。")
    dirty = bool(git(repo, "status", "--porcelain"))
    if dirty:
        print("警告：工作区有未提交的修改，发布的内容与源提交不完全一致。", file=out)
    message = (f"发布网站：源提交 {source}{'（含未提交的修改）' if dirty else ''}\n\n"
               f"构建日期：{build_date(settings).isoformat()}")
    previous = _fetch(repo, remote, branch)
    commit = _commit(repo, target, remote, branch, message, settings.get("PUBLISH_CNAME") or None)
    if previous and _same_site(repo, previous, commit):
        git(repo, "update-ref", f"refs/heads/{branch}", previous)
        print(f"网站没有变化：没有新的提交，{remote} 的 {branch} 分支仍是 {previous[:12]}。", file=out)
        return previous
    if not push:
        print(f"已在本地提交到 {branch} 分支：{commit[:12]}（源提交 {source[:12]}），没有推送："
              f"git push {remote} refs/heads/{branch}:refs/heads/{branch}", file=out)
        return commit
    git(repo, "push", "--quiet", remote, f"refs/heads/{branch}:refs/heads/{branch}")
    print(f"已发布到 {remote} 的 {branch} 分支：{commit[:12]}（源提交 {source[:12]}）。", file=out)
    return commit


def _same_site(repo, previous, commit):
    """True when the new commit holds the very files of the published one (builds are byte-identical)."""
    return git(repo, "rev-parse", f"{previous}^{{tree}}") == git(repo, "rev-parse", f"{commit}^{{tree}}")


def _fetch(repo, remote, branch):
    """The remote branch's commit, fetched so the new commit follows it; None before the first publish."""
    ref = f"refs/heads/{branch}"
    heads = git(repo, "ls-remote", "--heads", remote, ref, check=False)
    if heads is None:  # no credential to read the remote (CI builds without one): what checkout fetched
        return git(repo, "rev-parse", "--verify", "--quiet", f"refs/remotes/{remote}/{branch}", check=False)
    listed = dict(reversed(line.split()) for line in heads.splitlines())
    if ref not in listed:
        return None
    git(repo, "fetch", "--quiet", remote, f"+{ref}:refs/remotes/{remote}/{branch}")
    return listed[ref]


def _commit(repo, target, remote, branch, message, cname):
    """Let ghp-import commit the site (with .nojekyll, and CNAME if set) to the local branch only."""
    before = git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False)
    command = [sys.executable, "-m", "ghp_import", "--no-jekyll", *(["--cname", cname] if cname else []),
               "--message", message, "--remote", remote, "--branch", branch, str(target)]
    result = subprocess.run(command, cwd=repo, capture_output=True, text=True)
    after = git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False)
    if result.returncode or not after or after == before:
        raise CommandFailed(f"ghp-import 没有生成提交，没有发布：{(result.stderr or result.stdout).strip()}")
    return after
