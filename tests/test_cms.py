"""Web editing (issue 20): the files the web editor (Decap CMS) writes, its generated configuration, and
real edits through its UI with decap-server and Chromium."""

import json
import re
import shutil
from pathlib import Path

import pytest

from disclosure.load import load_site
from disclosure.model.records import TYPE_FOLDERS
from disclosure.tools import front_matter
from disclosure.tools.cms import bundle, config, fields, page as admin_page
from disclosure.tools.commands import CommandFailed, settings_for
from support import CONFIG, FIXTURES, check, edit, expect, line_of

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
    assert normative["doc_number"]["hint"].startswith("例如 示统")  # the unit's own 机关代字, from its newest 文号


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
