"""Publishing to a real local bare repository, verifying the output, and byte-identical builds."""

import io
import os
import re
import shutil
import subprocess
import sys

import pytest

from disclosure.tools import publish
from support import (
    BUILD_DATE,
    ROOT,
    build_sample,
    catalog,
    commands,
    config_for,
    copy_sample,
    edit,
    invoke,
    read,
    snapshot,
)

PUBLISH_CONFIG = str(ROOT / "publishconf.py")
IDENTITY = {"GIT_AUTHOR_NAME": "测试员", "GIT_AUTHOR_EMAIL": "ci@test.example",
            "GIT_COMMITTER_NAME": "测试员", "GIT_COMMITTER_EMAIL": "ci@test.example"}
def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def origin(site, tmp_path, monkeypatch):
    """A bare repository holding the minimal site's main branch, as the bureau's origin would."""
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)
    (site / ".gitignore").write_text("output/\n.output-*/\ncache/\n", encoding="utf-8")
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "示例内容")
    remote = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    git(site, "push", "-q", str(remote), "main")
    return remote


def fresh_clone(origin, name="clone"):
    clone = origin.parent / name
    git(origin.parent, "clone", "-q", str(origin), str(clone))
    return clone


def run_publish(clone, **override):
    """``invoke publish`` on a clone: returns (commit or None, everything printed)."""
    out = io.StringIO()
    try:
        commit = publish.publish(PUBLISH_CONFIG, out=out, site_root=clone, output=str(clone / "output"),
                                 BUILD_DATE=BUILD_DATE, **override)
        return commit, out.getvalue()
    except commands.CommandFailed as exc:
        return None, out.getvalue() + str(exc)


def branch_tip(origin, branch="gh-pages"):
    listed = git(origin, "ls-remote", str(origin), f"refs/heads/{branch}")
    return listed.split()[0] if listed else None


def test_publish_puts_the_site_on_the_branch_with_nojekyll(origin):
    clone = fresh_clone(origin)
    commit, text = run_publish(clone)
    assert commit, text
    assert branch_tip(origin) == commit
    published = set(git(origin, "ls-tree", "-r", "--name-only", commit).splitlines())
    assert published == set(snapshot(clone / "output")) | {".nojekyll"}
    assert git(origin, "cat-file", "-s", f"{commit}:.nojekyll") == "0"
    assert git(origin, "show", f"{commit}:catalog.json") == read(clone / "output", "catalog.json").strip()
    source = git(clone, "rev-parse", "HEAD")
    assert source in git(origin, "log", "-1", "--format=%B", commit)
    assert "没有设置网站地址" in text  # no SITEURL: published, with a warning


def test_cname_and_branch_are_configurable(origin):
    clone = fresh_clone(origin)
    commit, text = run_publish(clone, branch="pages", PUBLISH_CNAME="zwgk.example.org",
                               SITEURL="https://zwgk.example.org", FEED_DOMAIN="https://zwgk.example.org")
    assert commit, text
    assert branch_tip(origin, "pages") == commit and branch_tip(origin) is None
    assert git(origin, "show", f"{commit}:CNAME") == "zwgk.example.org"
    assert "<loc>https://zwgk.example.org/doc/csx-tjj-2023-00001/</loc>" in git(origin, "show", f"{commit}:sitemap.xml")
    assert "zwgk.example.org" not in git(origin, "show", f"{commit}:index.html")  # pages stay relative
    assert "没有设置网站地址" not in text


def test_failing_check_leaves_the_branch_unchanged(origin):
    clone = fresh_clone(origin)
    first, text = run_publish(clone)
    assert first, text
    edit(clone / "content" / "tjj" / "normative" / "a.md", "genre: 办法", "genre: 办法法")
    git(clone, "commit", "-q", "-am", "改错了体裁")
    result = invoke("publish", "--config", str(config_for(clone, clone.parent)))  # as staff or CI would
    printed = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in printed
    assert re.search(r"normative/a\.md:\d+: genre: .*办法法", printed)
    assert "检查未通过" in printed and "没有发布，origin 的 gh-pages 分支保持不变" in printed
    assert branch_tip(origin) == first


def test_publishing_twice_without_change_makes_no_commit(origin):
    first, text = run_publish(fresh_clone(origin, "first"))
    assert first, text
    clone = fresh_clone(origin, "second")  # a later CI run starts from a fresh clone too
    again, text = run_publish(clone)
    assert again == first, text
    assert "没有变化" in text
    assert branch_tip(origin) == first
    edit(clone / "content" / "tjj" / "notices" / "a.md", "采纳 2 条", "采纳 3 条")
    git(clone, "commit", "-q", "-am", "改一处正文")
    changed, text = run_publish(clone)
    assert changed and changed != first, text
    assert git(origin, "rev-parse", f"{changed}^") == first  # history is kept, no force push


def test_output_with_development_or_broken_links_is_not_published(origin):
    clone = fresh_clone(origin)
    edit(clone / "content" / "tjj" / "notices" / "a.md", "共收到意见 3 条，采纳 2 条。",
         "共收到意见 3 条，采纳 2 条。见[预览](http://localhost:8000/guide/)和[指南](../../guid/)。")
    git(clone, "commit", "-q", "-am", "从预览复制了链接")
    commit, text = run_publish(clone)
    assert commit is None
    assert "只在本机有效的地址“http://localhost”" in text
    assert "href: 链接“../../guid/”指向的文件在生成的网站中不存在" in text
    assert "核对未通过" in text
    assert branch_tip(origin) is None
    commit, text = run_publish(fresh_clone(origin, "other"), SITEURL="http://127.0.0.1:8000")
    assert commit is None and "SITEURL: 应为网站对外的地址" in text


@pytest.fixture(scope="module")
def later_sample(tmp_path_factory):
    """The sample site built for a date after all its content."""
    return build_sample(tmp_path_factory.mktemp("later"), build_date="2031-06-30")


def test_verify_passes_the_sample_site(later_sample):
    problems = publish.verify(later_sample)
    assert not problems.errors, problems.report()


# Builds the sample in a child process, so the two builds differ in every way that
# should not matter: folder, time zone (their dates differ, exposing any "today"),
# hash seed (set order) and the order in which the file system lists a folder.
BUILD_ELSEWHERE = """
import os, sys
sys.path.insert(0, sys.argv[3])
import support

real_scandir = os.scandir

class Listing:
    def __init__(self, path="."):
        with real_scandir(path) as entries:
            ordered = sorted(entries, key=lambda e: e.name, reverse=os.environ["LISTING"] == "backwards")
        self.entries = iter(ordered)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return False
    def __iter__(self):
        return self
    def __next__(self):
        return next(self.entries)
    def close(self):
        pass

os.scandir = Listing
os.listdir = lambda path=".": [entry.name for entry in Listing(path)]
ok, text, _ = support.build(support.Path(sys.argv[1]), output=sys.argv[2], build_date=os.environ["BUILD_DATE"])
print(text)
sys.exit(0 if ok else 1)
"""


def build_elsewhere(site, **env):
    result = subprocess.run([sys.executable, "-c", BUILD_ELSEWHERE, str(site), str(site / "output"), str(ROOT / "tests")],
                            env=dict(os.environ, BUILD_DATE=BUILD_DATE, **env), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return site / "output"


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path):
    first = build_elsewhere(copy_sample(tmp_path / "a"), TZ="<+14>-14", PYTHONHASHSEED="1", LISTING="forwards")
    second_site = copy_sample(tmp_path / "b")
    shutil.copytree(tmp_path / "a" / "cache", second_site / "cache")  # the second build uses the render cache
    second = build_elsewhere(second_site, TZ="<-12>+12", PYTHONHASHSEED="2", LISTING="backwards")
    one, two = snapshot(first), snapshot(second)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert {"catalog.json", "catalog.csv", "sitemap.xml", "feeds/all.atom.xml"} <= set(one)


def test_sitemap_lastmod_comes_from_content_dates(later_sample):
    output = later_sample
    sitemap = read(output, "sitemap.xml")
    for item in catalog(output):
        newest = max([item["publish_date"]] + [change["date"] for change in item.get("changes", ())])
        assert f"<loc>{item['url']}</loc><lastmod>{newest}</lastmod>" in sitemap
    assert "2031-06-30" not in sitemap
