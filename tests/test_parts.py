"""A district built in parts: each unit's part on its own (invoke build --unit), then the portal's,
which takes the units' parts in (invoke assemble). Real builds of the sample site, compared byte for
byte with the sample built in one go."""

import json

import pytest

from support import ROOT, build, invoke, snapshot

UNITS = sorted(path.name for path in (ROOT / "data" / "units").iterdir())


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    """The units' parts as two CI jobs would build them: 统计局 in one, the other units in the other."""
    folder = tmp_path_factory.mktemp("parts")
    for job, units in (("tjj", ["tjj"]), ("others", [unit for unit in UNITS if unit != "tjj"])):
        ok, text, _ = build(ROOT, output=folder / job, units=units)
        assert ok, text
    return folder


def test_the_assembled_parts_are_the_site_built_in_one_go_byte_for_byte(sample, parts, tmp_path):
    ok, text, output = build(ROOT, output=tmp_path / "assembled", parts=parts)
    assert ok, text
    whole, assembled = snapshot(sample), snapshot(output)
    assert sorted(assembled) == sorted(whole)
    assert [name for name in whole if whole[name] != assembled[name]] == []
    bundles = [bundle["path"] for bundle in json.loads(assembled["search/bundles.json"])]
    assert bundles == ["pagefind/"] + [f"{unit}/pagefind/" for unit in UNITS]


def test_a_units_part_holds_its_section_and_its_documents_and_nothing_the_portal_or_others_write(parts):
    tjj = snapshot(parts / "tjj")
    pages = [name for name in tjj if name.endswith(".html")]
    assert "tjj/index.html" in pages and "tjj/pagefind/pagefind-entry.json" in tjj
    documents = [name for name in pages if name.startswith("doc/")]
    catalogue = json.loads(tjj["tjj/catalog.json"])
    assert sorted(documents) == sorted(item["url"] + "index.html" for item in catalogue)
    assert all(name.startswith(("tjj/", "doc/")) for name in pages), "no portal page, no other unit's section"
    assert "index.html" not in tjj and "sitemap.xml" not in tjj and "catalog.json" not in tjj


def test_assemble_without_a_units_part_says_which_command_makes_it_and_keeps_the_published_site(parts, sample, tmp_path):
    incomplete = tmp_path / "parts"
    incomplete.mkdir()
    (incomplete / "tjj").symlink_to(parts / "tjj", target_is_directory=True)
    published = tmp_path / "published"
    ok, text, _ = build(ROOT, output=published, parts=incomplete)
    assert not ok
    others = [unit for unit in UNITS if unit != "tjj"]
    assert f"中没有这些单位的部分：{'、'.join(others)}" in text
    assert f"invoke build --unit {','.join(others)} --output {incomplete / others[0]}" in text
    assert "构建时程序出错" not in text
    assert not published.exists()


def test_the_shares_of_units_for_parallel_jobs_hold_every_unit_once():
    shares = [invoke("units", "--share", f"{number}/2") for number in (1, 2)]
    assert all(share.returncode == 0 for share in shares), shares
    dealt = [share.stdout.strip().split(",") for share in shares]
    assert sorted(dealt[0] + dealt[1]) == UNITS and all(dealt)
    assert invoke("units").stdout.strip() == ",".join(UNITS)
    wrong = invoke("units", "--share", "3/2")
    assert wrong.returncode == 1 and "--share 应写作 I/N" in wrong.stderr


def test_build_for_an_unknown_unit_names_the_units_there_are_before_checking_the_site(tmp_path):
    result = invoke("build", "--unit", "nosuch", "--output", str(tmp_path / "output"))
    said = result.stderr + result.stdout
    assert result.returncode == 1
    assert "没有网址名为“nosuch”的单位，应为以下之一：" in said
    assert all(unit in said for unit in UNITS)
    assert "检查" not in said  # a mistyped slug does not wait for the whole site's check
    assert not (tmp_path / "output").exists()
