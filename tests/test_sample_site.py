"""The sample site: it builds cleanly, covers the contract, and every link works under a sub-path."""

import urllib.error
import urllib.request
from collections import Counter
from urllib.parse import urldefrag, urljoin

import pytest
import yaml

from disclosure.load import load_site
from disclosure.tools import commands
from support import CONFIG, ROOT, catalog, select


def test_sample_content_covers_the_contract(sample):
    items = catalog(sample)
    types = Counter(item["type"] for item in items)
    assert len(items) >= 40
    assert set(types) == {"normative", "document", "plan", "interpretation", "statistics", "notice", "consultation", "report",
                          "guide", "funds", "repost"}
    assert types["guide"] >= 3 and types["funds"] >= 2 and types["repost"] >= 3
    assert types["normative"] >= 8
    interpreting = [i for i in items if i["type"] == "interpretation" and i.get("interprets")]
    assert len(interpreting) >= 5
    assert any(i.get("tasks") for i in items if i["type"] == "plan")
    states = {i["validity"] for i in items if i["type"] == "normative"}
    assert states == {"尚未施行", "有效", "已修订", "已废止", "已失效"}


def test_every_internal_link_resolves_under_a_sub_path(sample, sample_url):
    """Only the services data/site.yaml lists (备案 queries, 纠错) may be linked absolutely; every other link is relative."""
    base = sample_url
    external = tuple(yaml.safe_load((ROOT / "data" / "site.yaml").read_text(encoding="utf-8"))["external_links"])
    seen, queue, broken = set(), [base], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url) as response:
                kind = response.headers.get("Content-Type", "")
                data = response.read()
                body = data.decode("utf-8", errors="replace") if "html" in kind else ""
        except urllib.error.HTTPError as exc:
            broken.append(f"{url}: {exc.code}")
            continue
        links = [element[name] for element in select(body, "[href], [src], [action]")
                 for name in ("href", "src", "action") if element.get(name)]
        for link in links:
            if link.startswith(("mailto:", "tel:", *external)):
                continue
            target = urldefrag(urljoin(url, link))[0]
            assert not link.startswith(("http://", "https://", "//", "/")), f"{url} has a non-relative link {link}"
            assert target.startswith(base), f"{url} links outside the sub-path: {link}"
            queue.append(target)
    assert not broken, broken
    assert {base + item["url"] for item in catalog(sample)} <= seen, "a document is not reachable by links"


@pytest.mark.parametrize("day", ["2026-11-30", "2027-01-01", "2028-06-30", "2030-12-31"])
def test_the_sample_stays_representative_as_the_calendar_moves(day):
    """A nightly build years from now still shows every validity state, with no error and one warning
    only: the late repost the sample keeps on purpose (README), so that `invoke check --strict` shows it."""
    site = load_site(commands.settings_for(CONFIG, BUILD_DATE=day))
    assert [(p.severity, p.path, p.line, p.field) for p in site.problems.items] == [
        ("warning", "content/tjj/reposts/2026-sheng-qian-sanjidu-jingji-yunxing.md", 17, "publish_time")], site.problems.report()
    assert "转载比来源晚 30 小时 30 分钟" in site.problems.items[0].message
    assert {record.validity for record in site.records if record.type == "normative"} == {
        "not_yet_effective", "effective", "amended", "repealed", "expired"}
