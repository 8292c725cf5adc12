"""定时发布: an item dated after the build date stays out of the site until the nightly build of its day,
is checked like the rest meanwhile, and keeps its index number taken."""

import pytest

from disclosure.load import load_site
from disclosure.model.index_numbers import next_index_number
from disclosure.tools.commands import settings_for
from support import BUILD_DATE, CONFIG, build, catalog, check, expect_broken, make_site, read, shown

DUE = "2026-11-25"  # three nights after BUILD_DATE (2026-11-22)
SCHEDULED = "CSX-TJJ/2026-00009"
REPEALED = "CSX-TJJ/2024-00001"  # in force on BUILD_DATE
SCHEDULED_FILE = "content/tjj/normative/scheduled.md"
SCHEDULED_REPEAL = f"""---
title: 测试县统计数据质量管理办法
type: normative
index_number: {SCHEDULED}
doc_number: 测统〔2026〕9号
publish_date: {DUE}
written_date: 2026-11-20
effective_date: {DUE}
topic: 国民经济管理、国有资产监管/统计
genre: 办法
department: 综合科
repeals: [{REPEALED}]
---

第一条　为提高统计数据质量，制定本办法。
"""


def doc(index):
    return f"doc/{index.lower().replace('/', '-')}/index.html"


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    """The minimal site with a repeal dated DUE, built the night before and the night of DUE."""
    site = make_site(tmp_path_factory.mktemp("scheduled"))
    (site / SCHEDULED_FILE).write_text(SCHEDULED_REPEAL, encoding="utf-8")
    outputs = {}
    for night in (BUILD_DATE, DUE):
        ok, text, outputs[night] = build(site, output=site / f"output-{night}", build_date=night)
        assert ok, text
    return outputs


def test_an_item_dated_later_is_nowhere_before_its_day(nights):
    output = nights[BUILD_DATE]
    assert not (output / doc(SCHEDULED)).exists()
    assert SCHEDULED not in {item["index_number"] for item in catalog(output)}
    everything = "".join(path.read_text(encoding="utf-8", errors="replace")
                         for path in output.rglob("*") if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv"})
    assert "测统〔2026〕9号" not in everything and "数据质量管理办法" not in everything
    assert "scheduled" not in read(output, "sitemap.xml")


def test_its_repeal_takes_effect_only_once_it_is_published(nights):
    labels = {night: {i["index_number"]: i.get("validity") for i in catalog(output)} for night, output in nights.items()}
    assert labels[BUILD_DATE][REPEALED] == "有效"
    assert labels[DUE][REPEALED] == "已废止" and labels[DUE][SCHEDULED] == "有效"
    assert "csx-tjj-2026-00009" in read(nights[DUE], doc(REPEALED))  # the banner links the repeal
    assert "数据质量管理办法" in read(nights[DUE], "tjj/feeds/all.atom.xml")


def test_a_scheduled_item_is_checked_now_and_keeps_its_index_number(tmp_path):
    site = make_site(tmp_path)
    (site / SCHEDULED_FILE).write_text(SCHEDULED_REPEAL, encoding="utf-8")
    ok, report = check(site)
    assert ok, report
    assert f"定时发布：{shown(site / SCHEDULED_FILE)}（{SCHEDULED}）将在 {DUE} 的构建中公开" in report
    loaded = load_site(settings_for(CONFIG, site, BUILD_DATE=BUILD_DATE))
    assert SCHEDULED not in loaded.by_index
    assert next_index_number(loaded, loaded.units["tjj"], 2026) == "CSX-TJJ/2026-00010"  # invoke new skips it
    twin = site / "content/tjj/notices/twin.md"
    twin.write_text((site / "content/tjj/notices/a.md").read_text(encoding="utf-8").replace(
        "index_number: CSX-TJJ/2026-00002", f"index_number: {SCHEDULED}"), encoding="utf-8")
    expect_broken(site, [(site / SCHEDULED_FILE, f"repeals: [{REPEALED}]", "repeals: [CSX-TJJ/2099-00001]")],
                  (shown(site / SCHEDULED_FILE), "repeals:", "repeals[0]", "CSX-TJJ/2099-00001"),
                  (shown(twin), "index_number:", "index_number", SCHEDULED))


def test_a_published_item_cannot_point_at_one_not_yet_published(tmp_path):
    site = make_site(tmp_path)
    (site / SCHEDULED_FILE).write_text(SCHEDULED_REPEAL, encoding="utf-8")
    interpretation = site / "content/tjj/interpretations/c.md"
    text = interpretation.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("interprets:"))
    expect_broken(site, [(interpretation, old, f"interprets: [{SCHEDULED}]"),
                         (interpretation, "\n---\n", f"\n---\n\n见[该办法]({{doc}}{SCHEDULED})。\n")],
                  (shown(interpretation), "interprets:", "interprets[0]", f"定于 {DUE} 发布", "publish_date"),
                  (shown(interpretation), f"{{doc}}{SCHEDULED}", "正文", f"定于 {DUE} 发布"))
    ok, report = check(site, build_date=DUE)  # on its day both are published, and the links are fine
    assert ok, report


def test_a_mistake_only_its_day_would_see_fails_the_check_now(tmp_path):
    """The chart blocks (like guides and funds) are read from published items only: a held-back item is
    also checked as the build of its day will see it, so that night's build does not fail."""
    site = make_site(tmp_path)
    path = site / SCHEDULED_FILE
    path.write_text(SCHEDULED_REPEAL + "\n```chart\nseries: missing.csv\n```\n", encoding="utf-8")
    expect_broken(site, [], (shown(path), "series: missing.csv", "chart.series", f"（按 {DUE} 发布时检查）", "missing.csv"),
                  errors=1)
