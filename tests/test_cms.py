"""Web editing (issue 20): the files the web editor (Decap CMS) writes, its generated configuration, and
real edits through its UI with decap-server and Chromium."""

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect as expect_that

from disclosure.load import load_site
from disclosure.model.index_numbers import next_index_number, slug_of
from disclosure.model.records import TYPE_FOLDERS
from disclosure.tools import front_matter
from disclosure.tools.cms import bundle, config, edit as editing, fields, page as admin_page
from disclosure.tools.commands import CommandFailed, settings_for
from support import CONFIG, FIXTURES, ROOT, check, config_for, copy_sample, edit, expect, git, invoke, line_of

EDITOR_YAML = json.loads((FIXTURES / "editor_yaml.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", EDITOR_YAML, ids=range(len(EDITOR_YAML)))
def test_front_matter_is_written_byte_for_byte_as_the_editor_writes_it(case):
    assert front_matter.dump(case["data"]) == case["yaml"]


# ── The generated configuration ──────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def sample_site():
    return load_site(settings_for(CONFIG))


def configured(site, units=None):
    units = list(site.units.values()) if units is None else units
    return config.config(site, units, Path("content"))


def test_every_unit_has_a_collection_for_every_type_with_the_contracts_fields_in_order(sample_site):
    collections = {collection["name"]: collection for collection in configured(sample_site)["collections"]}
    kinds = [kind for kind in sample_site.schemas.types if kind in TYPE_FOLDERS]
    assert len(sample_site.units) == 3 and len(kinds) >= 8
    for unit in sample_site.units.values():
        for kind in kinds:
            collection = collections.pop(f"{unit.slug}-{TYPE_FOLDERS[kind]}")
            assert collection["folder"] == f"content/{unit.slug}/{TYPE_FOLDERS[kind]}"
            names = [field["name"] for field in collection["fields"]]
            assert names == [*front_matter.field_order(sample_site.schemas, kind), "body"]
    assert list(collections) == [fields.CATALOGUE] and collections[fields.CATALOGUE]["hide"] is True


def form(site, unit, kind):
    name = f"{unit}-{TYPE_FOLDERS[kind]}"
    collection, = (c for c in configured(site)["collections"] if c["name"] == name)
    return {field["name"]: field for field in collection["fields"]}


def test_fields_are_chinese_with_selects_from_data_dates_relations_and_patterns(sample_site):
    tjj = sample_site.units["tjj"]
    normative = form(sample_site, "tjj", "normative")
    assert normative["title"]["label"] == "名称" and normative["department"]["widget"] == "select"
    assert normative["department"]["options"] == [department["name"] for department in tjj.agency["departments"]]
    assert "国民经济管理、国有资产监管/统计" in normative["topic"]["options"]
    assert normative["publish_date"]["default"] == "{{now}}"  # a new item is published today unless changed
    assert (normative["written_date"]["format"], normative["written_date"].get("default")) == ("YYYY-MM-DD", None)
    assert normative["repeals"]["widget"] == "relation"
    assert normative["repeals"]["filters"] == [{"field": "type", "values": ["normative"]}]
    assert form(sample_site, "tjj", "interpretation")["interprets"]["multiple"] is True
    assert normative["body"]["modes"][0] == "raw"
    doc_number, index_number = (re.compile(normative[key]["pattern"][0].replace("(?<", "(?P<").removesuffix("$") + r"\Z")
                                for key in ("doc_number", "index_number"))
    assert doc_number.match("示统〔2024〕7号") and not doc_number.match("示统[2024]7号")
    assert index_number.match("SLQ-TJJ/2026-00016") and not index_number.match("SLQ-SWJ/2026-00016")
    assert normative["doc_number"]["hint"].startswith("例如 示统")
    repost, funds = form(sample_site, "swj", "repost"), form(sample_site, "swj", "funds")
    assert repost["publish_time"]["pattern"][0] == "^([01][0-9]|2[0-3]):[0-5][0-9]$"  # JavaScript has no \Z
    assert funds["dataset"]["options"] == sorted(sample_site.units["swj"].funds)
    assert funds["policy"]["widget"] == "relation"  # the unit's own 机关代字, from its newest 文号


def test_adding_a_unit_adds_its_collections(site):
    before = {c["name"] for c in configured(load_site(settings_for(CONFIG, site)))["collections"]}
    shutil.copytree(site / "data" / "units" / "tjj", site / "data" / "units" / "sjj")
    edit(site / "data" / "units" / "sjj" / "agency.yaml", "agency_code: CSX-TJJ", "agency_code: CSX-SJJ")
    for name in ("name", "short_name"):
        edit(site / "data" / "units" / "sjj" / "agency.yaml", f"{name}: 测试县统计局", f"{name}: 测试县审计局")
    shutil.copytree(site / "content" / "tjj" / "pages", site / "content" / "sjj" / "pages")
    after = configured(load_site(settings_for(CONFIG, site)))
    added = {c["name"] for c in after["collections"]} - before
    assert added == {name.replace("tjj-", "sjj-", 1) for name in before if name.startswith("tjj-")}
    assert "sjj-normative" in added
    sjj = next(c for c in after["collections"] if c["name"] == "sjj-notices")
    assert sjj["label"] == "测试县审计局 · 通知公告" and sjj["folder"] == "content/sjj/notices"


def test_one_units_editor_sees_only_that_units_folders(sample_site):
    settings = configured(sample_site, [sample_site.units["tjj"]])
    writable = [c for c in settings["collections"] if c.get("create")]
    assert writable and all(c["folder"].startswith("content/tjj/") for c in writable)
    assert all(c["media_folder"] == "/content/tjj/attachments" for c in writable)
    catalogue, = (c for c in settings["collections"] if not c.get("create"))
    assert catalogue["hide"] and not catalogue["delete"]  # read only: the relation widgets search every unit


GITLAB = """
cms:
  backend: gitlab
  url: https://git.example.gov.cn
  repo: shiliqu/zwgk
  app_id: 0a1b2c3d
"""


def test_site_yaml_configures_self_hosted_gitlab_with_pkce_and_the_admin_csp_allows_only_it(site):
    (site / "data" / "site.yaml").write_text((site / "data" / "site.yaml").read_text(encoding="utf-8") + GITLAB,
                                             encoding="utf-8")
    loaded = load_site(settings_for(CONFIG, site))
    assert not loaded.problems.errors
    settings = configured(loaded)
    assert settings["backend"] | {"commit_messages": None} == {
        "name": "gitlab", "repo": "shiliqu/zwgk", "branch": "main", "base_url": "https://git.example.gov.cn",
        "api_root": "https://git.example.gov.cn/api/v4", "app_id": "0a1b2c3d", "auth_type": "pkce",
        "auth_endpoint": "oauth/authorize", "commit_messages": None}
    assert settings["publish_mode"] == "editorial_workflow"  # every draft is a merge request
    assert settings["local"]["backend"]["proxy_url"] == "http://127.0.0.1:8081/api/v1"  # invoke edit
    policy = dict(part.split(" ", 1) for part in admin_page.content_security_policy(loaded).split("; "))
    assert policy["script-src"] == "'self' 'unsafe-eval'" and policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["connect-src"] == "'self' https://git.example.gov.cn http://127.0.0.1:8081"
    sources = {source for value in policy.values() for source in value.split()}
    assert sources == {"'none'", "'self'", "'unsafe-eval'", "'unsafe-inline'", "data:", "blob:",
                       "https://git.example.gov.cn", "http://127.0.0.1:8081"}


def test_forgejo_saves_straight_to_its_editing_branch(site):
    path = site / "data" / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + GITLAB.replace("gitlab", "forgejo") + "  branch: cms\n", encoding="utf-8")
    settings = configured(load_site(settings_for(CONFIG, site)))
    assert {key: settings["backend"][key] for key in ("name", "api_root", "branch")} == {
        "name": "forgejo", "api_root": "https://git.example.gov.cn/api/v1", "branch": "cms"}
    assert settings["publish_mode"] == "simple" and "auth_type" not in settings["backend"]


def test_a_cms_entry_that_is_not_https_is_refused_at_its_line(site):
    path = site / "data" / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8") + GITLAB.replace("https://git", "http://git"), encoding="utf-8")
    ok, report = check(site)
    assert not ok
    expect(report, path, line_of(path, "url: http://git"), "cms.url", "https://")


def test_a_bundle_that_fails_its_integrity_check_is_deleted_and_never_used(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "CACHE", tmp_path)
    tarball = tmp_path / f"decap-cms-{bundle.DECAP_CMS.version}.tgz"
    tarball.write_bytes(b"not the package")
    with pytest.raises(CommandFailed, match="没有通过完整性校验"):
        bundle.bundle_files()
    assert not tarball.exists()


def test_invoke_edit_refuses_a_working_tree_with_uncommitted_changes(site):
    git(site, "init", "-q", "-b", "main")
    git(site, "-c", "user.name=测试", "-c", "user.email=t@example.invalid", "add", "-A")
    git(site, "-c", "user.name=测试", "-c", "user.email=t@example.invalid", "commit", "-qm", "站点")
    (site / "content" / "tjj" / "notices" / "draft.md").write_text("---\ntitle: 草稿\n---\n", encoding="utf-8")
    with pytest.raises(CommandFailed, match="未提交的改动（content/tjj/notices/draft.md）"):
        editing.run(CONFIG, site_root=site)


# ── A clerk at work: invoke edit (decap-server), Chromium, a real clone ─────────────────────────

EDITOR = "http://localhost:8080/admin/"
OWN = ("http://localhost:8080/", "http://127.0.0.1:8081/", "data:", "blob:")  # nothing else may be requested
CLOCK = "2026-11-22T10:00:00+08:00"  # the browser's today, whatever the year of the run
NORMATIVE = Path("content/tjj/normative/2024-tongji-xinyong-guanli-banfa.md")
OLD_SUMMARY = "建立统计信用记录、失信认定、信用修复和信用信息公开制度，推动统计领域守信激励和失信约束。"
NOTICE = """---
title: 关于2027年统计开放日的公告
type: notice
index_number: {index}
publish_date: 2026-11-22
---
本局定于2027年9月20日举办统计开放日活动。
"""


@pytest.fixture
def clone(tmp_path):
    """A clerk's clone of the sample site, where one keyword of a normative document is the ASCII word yes."""
    repo = copy_sample(tmp_path / "zwgk")
    shutil.copy(ROOT / ".gitignore", repo / ".gitignore")
    edit(repo / NORMATIVE, "  - 信用修复\n", "  - 信用修复\n  - yes\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "张三")
    git(repo, "config", "user.email", "zhangsan@example.gov.cn")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "示例站点")
    return repo


@contextlib.contextmanager
def editor_on(repo, folder):
    """``invoke edit`` on a clone, as a clerk starts it; stopped with Ctrl-C (SIGINT) if still running."""
    command = [sys.executable, "-m", "invoke", "edit", "--config", str(config_for(repo, folder))]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready = process.stdout.readline()
        assert ready.startswith(f"网页编辑器：{EDITOR}"), ready or process.communicate(timeout=60)[1]
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=60)


def saved(page):
    """Wait for the save the next action starts: decap-server has committed when it answers."""
    return page.expect_response(lambda response: response.url.startswith(OWN[1])
                                and "persistEntry" in (response.request.post_data or ""))


def go(page, route):
    """Open the editor at a route, loading the page anew (the login is kept)."""
    page.goto("about:blank")
    page.goto(f"{EDITOR}#/{route}")


def publish(page):
    with saved(page):
        page.get_by_role("button", name="发布").click()
        page.get_by_text("立即发布").click()


def test_a_clerk_creates_a_notice_and_edits_a_document_in_chinese_each_save_one_minimal_commit(clone, browser, tmp_path):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.clock.install(time=CLOCK)
    page.clock.resume()  # time runs from there: the editor waits for typing to pause by the clock
    outside = []
    page.on("request", lambda request: None if request.url.startswith(OWN) else outside.append(request.url))
    loaded = load_site(settings_for(CONFIG, clone, BUILD_DATE=CLOCK[:10]))
    first = next_index_number(loaded, loaded.units["tjj"], 2026)
    second = first[:-5] + f"{int(first[-5:]) + 1:05d}"
    with editor_on(clone, tmp_path) as process:
        # A new notice gets the unit's next free 索引号 (the one invoke new would give) ...
        page.goto(f"{EDITOR}#/collections/tjj-notices/new")
        page.get_by_role("button", name="登录").click()
        page.get_by_label("名称").fill("关于2027年统计开放日的公告")
        expect_that(page.get_by_label("索引号")).to_have_value(first)
        # ... and when another clerk's notice takes that number before this one is saved, the next.
        other = clone / "content" / "tjj" / "notices" / f"{slug_of(first)}.md"
        other.write_text(NOTICE.format(index=first).replace("2027年统计开放日", "统计开放日"), encoding="utf-8")
        git(clone, "add", "-A")
        git(clone, "commit", "-qm", "另一位工作人员的公告")
        page.locator('.cms-editor-raw [contenteditable="true"]').click()  # the body starts in raw Markdown
        page.keyboard.insert_text("本局定于2027年9月20日举办统计开放日活动。")
        publish(page)
        page.wait_for_url(f"**/entries/{slug_of(second)}")  # the editor moves to the new item's address
        created = clone / "content" / "tjj" / "notices" / f"{slug_of(second)}.md"
        assert created.read_text(encoding="utf-8") == NOTICE.format(index=second)
        assert git(clone, "show", "--name-only", "--format=%s", "HEAD").stdout.split() == [
            f"新建通知公告：{slug_of(second)}", f"content/tjj/notices/{slug_of(second)}.md"]

        # Editing one field of a normative document changes that line only; the keyword yes stays text.
        go(page, f"collections/tjj-normative/entries/{NORMATIVE.stem}")
        summary = page.get_by_label("内容概述")
        expect_that(summary).to_have_value(OLD_SUMMARY)  # the entry has loaded
        summary.fill("建立统计信用记录、失信认定和信用修复制度。")
        publish(page)
        diff = git(clone, "diff", "--unified=0", "HEAD~1", "--", str(NORMATIVE)).stdout.splitlines()
        assert [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
            f"-summary: {OLD_SUMMARY}",
            "+summary: 建立统计信用记录、失信认定和信用修复制度。"]
        after = load_site(settings_for(CONFIG, clone)).by_index["SLQ-TJJ/2024-00005"]
        assert after.meta["keywords"][-1] == "yes"

        # An interpretation can point at a normative document of any unit, found by its title.
        go(page, "collections/tjj-interpretations/new")
        page.get_by_label("解读的文件").click()
        page.keyboard.insert_text("行政规范性文件管理办法")
        expect_that(page.get_by_role("option", name="SLQ-ZFB/2021-00001　示例区人民政府办公室关于印发"
                                                    "《示例区行政规范性文件管理办法》的通知")).to_be_visible()

        checked = invoke("check", "--config", str(config_for(clone, tmp_path)),
                         env=dict(os.environ, BUILD_DATE=CLOCK[:10]))
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert git(clone, "status", "--porcelain").stdout == ""

        process.send_signal(signal.SIGINT)  # Ctrl-C stops both servers
        assert process.wait(timeout=60) == 0 and "已停止网页编辑器" in process.stdout.read()
    context.close()
    for port in (8080, 8081):
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, port
    assert outside == []
