"""The preview's rebuilds (``tools.live``): after every change to items, the output is byte for byte
what a clean full build of the same files makes; what a rebuild cannot take is built in full."""

import gc
import io
import json
import re
import shutil
import sys
import threading
import time
import urllib.request
import weakref

import pytest

from disclosure.model.site import Site, Unit
from disclosure.settings import SITE
from disclosure.tools import changes, live as live_build, preview, search_index
from disclosure.views import charts, compact_index, search
from support import BUILD_DATE, CONFIG, ROOT, build, copy_sample, edit, make_site, snapshot

NORMATIVE = "content/tjj/normative/2024-tongji-xinyong-guanli-banfa.md"  # SLQ-TJJ/2024-00005, interpreted and listed
NOTICE = "content/tjj/notices/2022-shuju-zhiliang-tuijinhui.md"  # linked from other items' bodies ({doc})
LEAF = "content/swj/documents/2020-zhengfu-xinxi-gongkai-shenqing-banli-zhidu.md"
ADDED = "content/tjj/normative/2026-feizhi-tongji-xinyong-guanli-banfa.md"


@pytest.fixture
def sample_preview(tmp_path):
    site = copy_sample(tmp_path / "site")
    out = io.StringIO()
    live = live_build.Live(CONFIG, out, output=str(site / "output"), site_root=site, BUILD_DATE=BUILD_DATE)
    live.build()
    yield site, live, out
    gc.enable()  # a rebuild leaves the collector off until the preview tidies


# bundles, list, compact index, and the catch-up's scratch folder while it runs (gone once it is done)
SEARCH_INDEX = re.compile(r"(^|/)pagefind(-\d+)?/|^search/bundles\.json$|^search/compact/|^" + re.escape(search_index.SOURCES) + "/")


def without_search_index(folder):
    return {path: data for path, data in snapshot(folder).items() if not SEARCH_INDEX.search(path)}


def same(got, want):
    assert got.keys() == want.keys(), sorted(got.keys() ^ want.keys())
    assert [path for path in want if got[path] != want[path]] == []


def rebuild_and_compare(site, live, changed, tmp_path):
    """Every page at once; the search index once it has caught up in the background."""
    assert live.handles([site / path for path in changed])
    assert live.rebuild()
    pages = without_search_index(site / "output")
    ok, text, clean = build(site, output=tmp_path / "clean")
    assert ok, text
    same(pages, without_search_index(clean))
    live.wait_for_search()
    assert not live.searching
    same(snapshot(site / "output"), snapshot(clean))
    shutil.rmtree(clean)
    return pages


def test_every_rebuild_is_the_clean_build(sample_preview, tmp_path):
    site, live, _ = sample_preview
    before = without_search_index(site / "output")
    bundles = {entry.parent: entry.stat().st_mtime_ns for entry in (site / "output").rglob("pagefind/pagefind-entry.json")}

    # An edit reaches the item's page, its interpretation's page and every list that shows it.
    edit(site / NORMATIVE, "title: 示例区统计局关于印发《示例区统计信用管理办法》的通知",
         "title: 示例区统计局关于印发《示例区统计信用管理办法（修订）》的通知")
    after = rebuild_and_compare(site, live, [NORMATIVE], tmp_path)
    changed = {path for path in after if after[path] != before.get(path)}
    assert "doc/slq-tjj-2024-00005/index.html" in changed and "tjj/catalog.json" in changed
    assert len(changed) < len(after) / 4, "a rebuild that rewrites most of the site does not use the map"
    indexed_again = [bundle for bundle, made in bundles.items() if (bundle / "pagefind-entry.json").stat().st_mtime_ns != made]
    assert 0 < len(indexed_again) < len(bundles), indexed_again

    # A new item that repeals it: the repealed item's validity, and the 规范性文件 lists by validity.
    text = (site / NORMATIVE).read_text(encoding="utf-8")
    for old, new in (("SLQ-TJJ/2024-00005", "SLQ-TJJ/2026-00090"), ("示统〔2024〕7号", "示统〔2026〕90号"),
                     ("SLQR-2024-00001", "SLQR-2026-00090"), ("publish_date: 2024-06-21", "publish_date: 2026-10-09"),
                     ("written_date: 2024-06-17", "written_date: 2026-10-08"), ("date: 2024-06-21", "date: 2026-10-09"),
                     ("effective_date: 2024-08-01", "effective_date: 2026-11-01\nrepeals:\n  - SLQ-TJJ/2024-00005"),
                     ("《示例区统计信用管理办法（修订）》", "《关于废止〈示例区统计信用管理办法〉的决定》")):
        text = text.replace(old, new, 1)
    (site / ADDED).write_text(text, encoding="utf-8")
    after = rebuild_and_compare(site, live, [ADDED], tmp_path)
    assert "doc/slq-tjj-2026-00090/index.html" in after

    # A file renamed: items that link it by {doc} point at it through its new path.
    renamed = NOTICE.replace(".md", "-renamed.md")
    (site / NOTICE).rename(site / renamed)
    rebuild_and_compare(site, live, [NOTICE, renamed], tmp_path)

    # Deleted: its page goes, and the repealed item is in force again.
    (site / ADDED).unlink()
    after = rebuild_and_compare(site, live, [ADDED], tmp_path)
    assert "doc/slq-tjj-2026-00090/index.html" not in after

    # Held back for a later day (定时发布): gone from the site until then.
    edit(site / LEAF, "publish_date: 2020-", "publish_date: 2027-")
    rebuild_and_compare(site, live, [LEAF], tmp_path)


def test_a_body_link_follows_the_item_it_names(sample_preview, tmp_path):
    """A body's ``{filename}`` link becomes the linked item's address: when that item's 索引号, and so
    its address, changes, the linking page is written again though nothing in its own file changed."""
    site, live, _ = sample_preview
    linked = "content/swj/documents/2022-xinxi-fabu-shenhe-he-baomi-shencha-zhidu.md"
    edit(site / LEAF, "**第十一条** 本制度自印发之日起执行。",
         "**第十一条** 本制度自印发之日起执行。另见[审核制度]({filename}2022-xinxi-fabu-shenhe-he-baomi-shencha-zhidu.md)。")
    rebuild_and_compare(site, live, [LEAF], tmp_path)
    edit(site / linked, "index_number: SLQ-SWJ/2022-00003", "index_number: SLQ-SWJ/2022-00093")
    pages = rebuild_and_compare(site, live, [linked], tmp_path)
    assert 'href="../../doc/slq-swj-2022-00093/"' in pages["doc/slq-swj-2020-00001/index.html"].decode("utf-8")


def test_a_body_s_doc_link_follows_its_target_s_file(sample_preview, tmp_path):
    """A body's ``{doc}`` link is resolved through the target's file: after that file is renamed, the
    linking item, rendered again for a change of its own front matter only, links the new file."""
    site, live, _ = sample_preview
    target = "content/tjj/normative/2021-tongji-ziliao-guanli-tigong-banfa.md"  # SLQ-TJJ/2021-00004
    linking = "content/zfb/interpretations/2026-jiedu-zhengwu-shuju-gongxiang-he-tongji-ziliao-shiyong-guanli-banfa.md"
    renamed = target.replace(".md", "-renamed.md")
    (site / target).rename(site / renamed)
    rebuild_and_compare(site, live, [target, renamed], tmp_path)
    edit(site / linking, "title: ", "title: （更新）")
    pages = rebuild_and_compare(site, live, [linking], tmp_path)
    assert 'href="../../doc/slq-tjj-2021-00004/"' in pages["doc/slq-zfb-2026-00005/index.html"].decode("utf-8")


def test_a_unit_s_lifecycle_pages_follow_another_unit_s_repealing_document(sample_preview, tmp_path):
    """统计局's 清理结果 names the 区政府办 document that repealed one of its own: that document's new
    title reaches the page, though no file of 统计局 changed."""
    site, live, _ = sample_preview
    repealer = "content/zfb/normative/2026-zhengwu-shuju-gongxiang-he-tongji-ziliao-shiyong-guanli-banfa.md"
    edit(site / repealer, "effective_date: 2026-12-01", "effective_date: 2026-11-01")
    rebuild_and_compare(site, live, [repealer], tmp_path)
    edit(site / repealer, "title: 示例区人民政府办公室关于印发", "title: 示例区人民政府办公室关于重新印发")
    pages = rebuild_and_compare(site, live, [repealer], tmp_path)
    assert "关于重新印发" in pages["tjj/normative/cleanup/index.html"].decode("utf-8")


def test_a_rebuild_on_a_later_day_follows_the_day_everywhere(tmp_path):
    """The preview left running past midnight: a 规范性文件 is repealed from the new day on, though no
    file linked with it changed, and the edit that follows shows it, and the day, everywhere."""
    site = copy_sample(tmp_path / "site")
    live = live_build.Live(CONFIG, io.StringIO(), output=str(site / "output"), site_root=site, BUILD_DATE="2026-11-30")
    live.build()
    # SLQ-TJJ/2021-00004's repeal takes effect; then a day when no validity changes, which the
    # lifecycle pages of every unit still show
    for day, title in (("2026-12-01", "title: （修订）"), ("2026-12-02", "title: （再修订）")):
        live.settings["BUILD_DATE"] = day
        edit(site / LEAF, "title: ", title)
        assert live.rebuild()
        live.wait_for_search()
        ok, text, clean = build(site, output=tmp_path / day, build_date=day)
        assert ok, text
        same(snapshot(site / "output"), snapshot(clean))


def test_a_unit_that_outgrows_its_search_bundle_gets_another_and_loses_it_again(tmp_path, monkeypatch):
    site = copy_sample(tmp_path / "site")
    live = live_build.Live(CONFIG, io.StringIO(), output=str(site / "output"), site_root=site, BUILD_DATE=BUILD_DATE)
    live.build()
    entry = json.loads((site / "output" / "tjj" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    monkeypatch.setattr(search, "BUNDLE_PAGES", entry["languages"]["zh-cn"]["page_count"])  # 统计局's pages, exactly
    live.build()
    listed = [bundle["path"] for bundle in json.loads((site / "output" / "search" / "bundles.json").read_text(encoding="utf-8"))]
    assert "tjj/pagefind/" in listed and "tjj/pagefind-2/" not in listed

    added = NOTICE.replace(".md", "-2.md")  # one page more: two bundles of half the pages each
    (site / added).write_text((site / NOTICE).read_text(encoding="utf-8").replace("SLQ-TJJ/2022-00005", "SLQ-TJJ/2022-00095"),
                              encoding="utf-8")
    rebuild_and_compare(site, live, [added], tmp_path)
    listed = [bundle["path"] for bundle in json.loads((site / "output" / "search" / "bundles.json").read_text(encoding="utf-8"))]
    assert listed.index("tjj/pagefind-2/") == listed.index("tjj/pagefind/") + 1
    assert (site / "output" / "tjj" / "pagefind-2" / "pagefind-entry.json").is_file()

    (site / added).unlink()
    rebuild_and_compare(site, live, [added], tmp_path)
    assert not (site / "output" / "tjj" / "pagefind-2").exists()


def test_a_large_sites_compact_index_is_written_in_the_background_after_each_rebuild(tmp_path, monkeypatch):
    site = copy_sample(tmp_path / "site")
    monkeypatch.setattr(compact_index, "COMPACT_FROM", 0)
    live = live_build.Live(CONFIG, io.StringIO(), output=str(site / "output"), site_root=site, BUILD_DATE=BUILD_DATE)
    live.build()
    compact = site / "output" / "search" / "compact"
    rows = sum(len(json.loads(path.read_text(encoding="utf-8"))) for path in (compact / "rows").iterdir())
    monkeypatch.setattr(compact_index, "ROWS_PER_FILE", rows // 2)  # one item more needs a third file of rows
    monkeypatch.setattr(compact_index, "ROWS_PER_SHARD", rows)  # and a second term file
    live.build()
    assert len(list((compact / "rows").iterdir())) == 2 and len(list((compact / "terms").iterdir())) == 1
    before = snapshot(compact)
    threads, gate = [], threading.Event()
    files = compact_index.files
    monkeypatch.setattr(compact_index, "files",
                        lambda site: (threads.append(threading.current_thread()), gate.wait(60), files(site))[-1])

    edit(site / NORMATIVE, "title: 示例区统计局关于印发《示例区统计信用管理办法》的通知",
         "title: 示例区统计局关于印发《示例区统计信用管理办法（修订）》的通知")
    assert live.handles([site / NORMATIVE]) and live.rebuild()
    assert snapshot(compact) == before, "until the background writes the new index, the last one is served whole"
    gate.set()
    live.wait_for_search()
    assert threads and threading.main_thread() not in threads, "the rebuild leaves the compact index to the background"
    assert snapshot(compact) != before
    monkeypatch.setattr(compact_index, "files", files)
    ok, text, clean = build(site, output=tmp_path / "clean")
    assert ok, text
    same(snapshot(site / "output"), snapshot(clean))
    shutil.rmtree(clean)

    added = NOTICE.replace(".md", "-2.md")  # a row more: a third file of rows, and a second term file
    (site / added).write_text((site / NOTICE).read_text(encoding="utf-8").replace("SLQ-TJJ/2022-00005", "SLQ-TJJ/2022-00095"),
                              encoding="utf-8")
    rebuild_and_compare(site, live, [added], tmp_path)
    assert len(list((compact / "rows").iterdir())) == 3 and len(list((compact / "terms").iterdir())) == 2

    (site / added).unlink()
    rebuild_and_compare(site, live, [added], tmp_path)
    assert len(list((compact / "rows").iterdir())) == 2 and len(list((compact / "terms").iterdir())) == 1


def test_a_broken_edit_keeps_the_last_good_site_and_the_fix_catches_up(sample_preview, tmp_path):
    site, live, out = sample_preview
    before, kept = snapshot(site / "output"), len(live.checked)
    edit(site / LEAF, "publish_date: 2020-", "publish_date: 2020-13-")
    assert not live.rebuild()
    assert "2020-zhengfu-xinxi-gongkai-shenqing-banli-zhidu.md" in out.getvalue() and "publish_date" in out.getvalue()
    assert snapshot(site / "output") == before
    edit(site / LEAF, "publish_date: 2020-13-", "publish_date: 2020-")
    edit(site / LEAF, "title: ", "title: 修改后的", )
    rebuild_and_compare(site, live, [LEAF], tmp_path)
    assert len(live.checked) == kept, "the checks of a file's earlier bytes are not kept"


def test_an_internal_error_in_a_rebuild_falls_back_to_a_full_build(sample_preview, tmp_path, monkeypatch):
    site, live, out = sample_preview
    collecting = []  # whether Python's cyclic collector runs during the full build (it is off in a rebuild)
    full_build = live_build.build.build

    def build_noting_the_collector(*args, **kwargs):
        collecting.append(gc.isenabled())
        return full_build(*args, **kwargs)

    def broken(*args):
        raise RuntimeError("模拟的内部错误")

    monkeypatch.setattr(live_build.Live, "_write_pages", broken)
    monkeypatch.setattr(live_build.build, "build", build_noting_the_collector)
    edit(site / LEAF, "title: ", "title: 修改后的")
    assert live.rebuild() and gc.isenabled()
    assert "模拟的内部错误" in out.getvalue() and "改为完整生成" in out.getvalue()
    assert collecting == [True]
    ok, text, clean = build(site, output=tmp_path / "clean")
    assert ok, text
    same(snapshot(site / "output"), snapshot(clean))


@pytest.mark.parametrize("path", ["data/units/tjj/agency.yaml", "content/tjj/pages/guide.md",
                                  "content/tjj/attachments/new.pdf", "theme/templates/base.html"])
def test_a_change_beyond_items_is_built_in_full(sample_preview, path):
    site, live, _ = sample_preview
    where = ROOT if path.startswith("theme/") else site
    assert not live.handles([where / path])


def test_the_search_page_says_so_while_the_index_catches_up(tmp_path):
    site = make_site(tmp_path)
    rebuilder = preview.Rebuilder(CONFIG, [str(site / "content")], io.StringIO(), output=str(site / "output"),
                                  site_root=site, BUILD_DATE=BUILD_DATE)
    rebuilder.rebuild_if_changed()
    server = preview.server_for(rebuilder, site / "output", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    search_page = f"http://127.0.0.1:{server.server_address[1]}/search/"

    def notice():
        return "搜索索引正在更新" in urllib.request.urlopen(search_page).read().decode("utf-8")

    try:
        assert not notice()
        edit(site / "content" / "tjj" / "normative" / "a.md", "title: 测试县统计调查管理办法", "title: 测试县统计调查管理办法（修订）")
        rebuilder.rebuild_if_changed()
        with rebuilder.live.lock:  # the index cannot put its new bundle in place meanwhile
            assert rebuilder.live.searching and notice()
        rebuilder.live.wait_for_search()
        assert not notice()
    finally:
        server.shutdown()
        server.server_close()


def test_the_preview_collects_a_builds_garbage_once_the_pages_have_reloaded(tmp_path):
    site = make_site(tmp_path)
    rebuilder = preview.Rebuilder(CONFIG, [str(site / "content")], io.StringIO(), output=str(site / "output"),
                                  site_root=site, BUILD_DATE=BUILD_DATE)
    gc.unfreeze()
    rebuilder.rebuild_if_changed()
    edit(site / "content" / "tjj" / "normative" / "a.md", "title: 测试县统计调查管理办法", "title: 测试县统计调查管理办法（修订）")
    rebuilder.rebuild_if_changed()
    assert gc.get_freeze_count() == 0 and not gc.isenabled(), "not while the pages reload, not even when turned back on"
    stop = threading.Event()
    watcher = threading.Thread(target=rebuilder.watch, args=(stop,))
    watcher.start()
    try:
        deadline = time.monotonic() + 4 * preview.TIDY_AFTER_SECONDS
        while gc.get_freeze_count() == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert gc.get_freeze_count() > 0 and gc.isenabled(), "what stays is frozen, the rest collected"
    finally:
        stop.set()
        watcher.join()
        gc.unfreeze()
        gc.enable()


def test_the_preview_keeps_no_earlier_site_alive_after_its_rebuilds(tmp_path):
    """A document's view and marks hold the site they were made from; kept on its article after its page
    is written, they kept one more site in memory for every rebuild (tens of MB each at 10,000 documents)."""
    site = make_site(tmp_path)
    rebuilder = preview.Rebuilder(CONFIG, [str(site / "content")], io.StringIO(), output=str(site / "output"),
                                  site_root=site, BUILD_DATE=BUILD_DATE)
    rebuilder.rebuild_if_changed()
    item = site / "content" / "tjj" / "normative" / "a.md"
    for version in ("（修订）", "（再修订）", "（三修）"):
        edit(item, "title: 测试县统计调查管理办法", f"title: 测试县统计调查管理办法{version}")
        rebuilder.rebuild_if_changed()
        rebuilder.live.wait_for_search()
        edit(item, f"title: 测试县统计调查管理办法{version}", "title: 测试县统计调查管理办法")
    gc.unfreeze()
    gc.collect()
    gc.enable()
    content = str(site / "content")
    sites = [thing for thing in gc.get_objects() if isinstance(thing, Site) and thing.settings["PATH"] == content]
    assert sites == [rebuilder.live.settings[SITE]], f"{len(sites)} of this preview's sites alive"


def test_items_edited_in_turn_keep_no_earlier_rebuilds_records_alive(tmp_path):
    """An article read again by a rebuild kept that rebuild's record in its metadata after later ones
    gave it a newer record, and with it that rebuild's units and every record they hold: each item
    edited in turn kept one more set of records (about 14 MB at 10,000 documents)."""
    site = make_site(tmp_path)
    rebuilder = preview.Rebuilder(CONFIG, [str(site / "content")], io.StringIO(), output=str(site / "output"),
                                  site_root=site, BUILD_DATE=BUILD_DATE)
    rebuilder.rebuild_if_changed()
    for folder in ("plans", "notices", "documents", "statistics"):
        edit(site / "content" / "tjj" / folder / "a.md", "title: ", "title: （修订）")
        rebuilder.rebuild_if_changed()
        rebuilder.live.wait_for_search()
    rebuilder.live.tidy()
    gc.unfreeze()
    gc.collect()
    gc.enable()
    content = site / "content"
    units = [thing for thing in gc.get_objects() if isinstance(thing, Unit) and thing.content_dir.parent == content]
    current = list(rebuilder.live.settings[SITE].units.values())
    assert len(units) == len(current) and all(any(unit is kept for kept in current) for unit in units), \
        f"{len(units)} of this preview's units alive, {len(current)} in its site"
    assert all(article.metadata["record"] is article.record for article in rebuilder.live.articles.articles)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's; elsewhere the watcher polls")
def test_the_watcher_looks_only_at_the_file_the_system_says_changed(tmp_path, monkeypatch):
    site = make_site(tmp_path)
    rebuilder = preview.Rebuilder(CONFIG, [str(site / "content")], io.StringIO(), output=str(site / "output"),
                                  site_root=site, BUILD_DATE=BUILD_DATE)
    rebuilder.rebuild_if_changed()
    looks, look = [], preview.source_state
    monkeypatch.setattr(preview, "source_state", lambda paths: looks.append(paths) or look(paths))
    stop = threading.Event()
    watcher = threading.Thread(target=rebuilder.watch, args=(stop,))
    watcher.start()
    try:
        time.sleep(4 * preview.POLL_SECONDS)
        assert len(looks) <= 1, "one look at every file as it starts, then none while nothing changes"
        seen, before = rebuilder.generation, len(looks)
        edit(site / "content" / "tjj" / "normative" / "a.md", "title: 测试县统计调查管理办法", "title: 测试县统计调查管理办法（修订）")
        assert rebuilder.wait_for_build(seen, 60) != seen and len(looks) == before, "the file saved, and no other"
        assert any("测试县统计调查管理办法（修订）" in page.read_text(encoding="utf-8") for page in (site / "output").rglob("*.html"))
    finally:
        stop.set()
        watcher.join()
        gc.enable()


@pytest.mark.parametrize("fixture, started", [("series", 1), ("minimal", 0)])
def test_a_preview_of_a_site_with_charts_starts_the_chart_engine_before_its_first_rebuild(tmp_path, monkeypatch,
                                                                                          fixture, started):
    site = make_site(tmp_path, fixture)
    starts = []
    monkeypatch.setattr(charts, "start_engine", lambda: starts.append(1))
    live_build.Live(CONFIG, io.StringIO(), output=str(site / "output"), site_root=site, BUILD_DATE=BUILD_DATE).build()
    assert len(starts) == started



@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's; elsewhere the watcher polls")
def test_the_watcher_is_woken_by_a_save_in_any_folder_even_a_new_one(tmp_path):
    """Not timed: each wait would run its whole minute if no change woke it, and return False."""
    (tmp_path / "content" / "tjj").mkdir(parents=True)
    watched = changes.FileChanges([tmp_path / "content"])
    try:
        assert watched.fd is not None, "inotify is there on Linux"
        assert watched.wait(0) == set(), "nothing changed yet"
        saved = tmp_path / "content" / "tjj" / "a.md"
        saved.write_text("x", encoding="utf-8")
        assert watched.wait(60) == {str(saved)}
        assert watched.wait(0) == set(), "each change wakes it once"
        (tmp_path / "content" / "swj").mkdir()
        assert watched.wait(60) is None, "a new folder: any file may have changed"
        (tmp_path / "content" / "swj" / "b.md").write_text("x", encoding="utf-8")
        assert watched.wait(60) == {str(tmp_path / "content" / "swj" / "b.md")}, "a folder made after the start is watched too"
        saved.unlink()
        assert watched.wait(60) == {str(saved)}
    finally:
        watched.close()


def test_tidying_lets_go_of_the_pages_an_edit_replaced(tmp_path):
    """Pelican's memoized methods keep every page whose text was asked for, so each rebuild's replaced pages
    stayed in the preview's memory, with their texts; the preview's tidying after a rebuild lets them go."""
    site = make_site(tmp_path)
    rebuilder = preview.Rebuilder(CONFIG, [str(site / "content")], io.StringIO(), output=str(site / "output"),
                                  site_root=site, BUILD_DATE=BUILD_DATE)
    rebuilder.rebuild_if_changed()
    item = site / "content" / "tjj" / "normative" / "a.md"
    replaced = [weakref.ref(article) for article in rebuilder.live.articles.articles if article.source_path == str(item)]
    edit(item, "title: 测试县统计调查管理办法", "title: 测试县统计调查管理办法（修订）")
    rebuilder.rebuild_if_changed()
    rebuilder.live.wait_for_search()
    rebuilder.live.tidy()
    gc.unfreeze()  # what tidying froze, the collector no longer looks at
    gc.collect()
    gc.enable()
    assert replaced and all(ref() is None for ref in replaced)
