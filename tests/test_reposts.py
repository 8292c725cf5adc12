"""转载 (type ``repost``): the page shows 来源 with its link and time, lists and search mark reposts,
the 12-hour rule warns at the line of ``publish_time`` (failing only under --strict), the source must
be an allowed external link (the sample's one deliberate late repost: test_sample_site.py)."""

import datetime

import pytest

from disclosure.model import compliance, placeholders
from disclosure.model.source import parse_yaml
from disclosure.tools import scaffold
from support import (
    CONFIG,
    Grid,
    catalog,
    check,
    expect_broken,
    links,
    one,
    read,
    select,
    text_of,
    texts,
)

TIMELY = "doc/ylx-swj-2025-00006/index.html"  # source 2025-08-31 22:30, published 2025-09-01 10:30: exactly 12 hours


def repost(site, name="timely"):
    return site / f"content/swj/reposts/{name}.md"


def test_the_page_shows_the_source_with_its_link_and_time(services):
    _, output = services
    html = read(output, TIMELY)
    box = one(html, "aside.repost-source[aria-label=转载来源]")
    facts = dict(zip(texts(box, "dt"), texts(box, "dd")))
    assert facts == {"来源": "样例省商务厅", "来源发布时间": "2025-08-31 22:30", "本站转载时间": "2025-09-01 10:30",
                     "原文网址": "https://news.example.org/2025/0901/xiaofei.html"}
    assert links(box, "a.repost-source__link") == [("https://news.example.org/2025/0901/xiaofei.html", "样例省商务厅")]
    tags = {m["name"]: m["content"] for m in select(html, "meta[name]")}
    assert (tags["PubDate"], tags["ContentSource"]) == ("2025-09-01 10:30", "样例省商务厅")
    assert one(html, "[data-pagefind-meta=source]").get_text() == "样例省商务厅"


def test_lists_mark_reposts_with_their_source(services):
    _, output = services
    for page in ("swj/reposts/index.html", "swj/catalog/index.html", "catalog/index.html", "swj/index.html", "index.html"):
        html = read(output, page)
        marks = texts(html, "span.document-table__repost")
        assert sorted(marks) == ["转载自样例市商务局", "转载自样例省商务厅"], page
        for mark in select(html, "span.document-table__repost"):
            assert text_of(mark.parent).startswith(("全省消费促进活动启动", "样例市外贸企业座谈会召开"))
    assert texts(read(output, "swj/reposts/index.html"), "td a") == ["样例市外贸企业座谈会召开", "全省消费促进活动启动"]
    entry = next(i for i in catalog(output) if i["type"] == "repost")
    assert {"source_name", "source_url", "source_time", "publish_time"} <= set(entry) and entry["category"] == "转载"


def test_times_of_day_are_text_whether_or_not_quoted():
    data, _ = parse_yaml("a: 10:30\nb: 09:40\nc: \"10:30\"\nd: 2025-08-31 22:30\ne: 12\n")
    assert data == {"a": "10:30", "b": "09:40", "c": "10:30", "d": "2025-08-31 22:30", "e": 12}


@pytest.mark.parametrize("source_time, publish_time, late", [
    ("2025-08-31 22:30", "10:30", None),  # exactly 12 hours
    ("2025-08-31 22:29", "10:30", "12 小时 1 分钟"),
    ("2025-08-30 09:00", "10:30", "49 小时 30 分钟"),
])
def test_the_12_hour_rule_warns_at_the_line_of_publish_time_and_fails_only_under_strict(services_site, source_time, publish_time, late):
    path = repost(services_site)
    text = path.read_text(encoding="utf-8").replace("source_time: 2025-08-31 22:30", f"source_time: {source_time}")
    path.write_text(text.replace("publish_time: 10:30", f"publish_time: {publish_time}"), encoding="utf-8")
    ok, report = check(services_site)
    assert ok, report
    if late is None:
        assert check(services_site, strict=True)[0]
        return
    assert f"转载比来源晚 {late}" in report
    expect_broken(services_site, [], (path, "publish_time:", "publish_time", "警告：", f"晚 {late}", f"来源 {source_time} 发布",
                               "超过 12 小时", "12 小时内转载"), strict=True, via_build=True)


def test_the_delay_is_measured_from_the_source_to_this_sites_time():
    meta = {"source_time": "2026-10-20 10:00", "publish_date": datetime.date(2026, 10, 21), "publish_time": "16:30"}
    source, published = compliance.repost_times(meta)
    assert published - source == datetime.timedelta(hours=30, minutes=30)
    assert compliance.delay_text(published - source) == "30 小时 30 分钟"
    assert compliance.repost_times(dict(meta, source_time="2026-02-30 10:00")) is None


@pytest.mark.parametrize("old, new, marker, field, words", [
    ("source_time: 2025-08-31 22:30", "source_time: 2025-09-01 11:00", "publish_time:", "publish_time",
     ["早于来源发布时间 2025-09-01 11:00", "转载不能早于原文发布"]),
    ("source_time: 2025-08-31 22:30", "source_time: 2025-02-30 22:30", "source_time:", "source_time",
     ["“2025-02-30 22:30”不是真实的日期和时间"]),
    ("source_time: 2025-08-31 22:30", "source_time: 2025-08-31", "source_time:", "source_time", ["格式不对", "YYYY-MM-DD HH:MM"]),
    ("publish_time: 10:30", "publish_time: 25:10", "publish_time:", "publish_time", ["格式不对", "24 小时制"]),
    ("publish_time: 10:30", "publish_time: 1030", "publish_time:", "publish_time", ["应为文字"]),
    ("source_url: https://news.example.org/2025/0901/xiaofei.html", "source_url: https://elsewhere.example/a.html",
     "source_url:", "source_url", ["转载来源的网址“https://elsewhere.example/a.html”", "external_links", "门户网站管理员审核"]),
    ("source_name: 样例省商务厅\n", "", "title:", "source_name", ["缺少必填字段 source_name"]),
])
def test_repost_errors_name_file_line_and_field(services_site, old, new, marker, field, words):
    path = repost(services_site)
    expect_broken(services_site, (path, old, new), (path, marker, field, *words), errors=1)


def test_invoke_new_repost_writes_placeholders_that_fail_until_replaced(services_site):
    path, = scaffold.new("repost", "全市消费季启动", config=CONFIG, today=datetime.date(2026, 11, 20), site_root=services_site)
    assert path.parent == services_site / "content/swj/reposts"
    ok, report = check(services_site)
    assert not ok and ": source_name: 还是 invoke new 写入的占位文字" in report and ": source_url: 还是 invoke new" in report
    assert "external_links" not in report  # the placeholder is reported once, as a placeholder
    text = path.read_text(encoding="utf-8").replace(placeholders.SOURCE_NAME, "样例市商务局")
    text = text.replace(placeholders.SOURCE_URL, "https://news.example.org/2026/1120.html").replace(placeholders.BODY, "正文。")
    path.write_text(text, encoding="utf-8")
    ok, report = check(services_site, strict=True)
    assert ok, report


def test_the_website_report_counts_the_samples_reposts_and_guides(sample):
    figures = Grid(read(sample, "website-report/2025/index.html")).figures
    items = [i for i in catalog(sample) if i["publish_date"].startswith("2025")]
    reposts = sum(i["type"] == "repost" for i in items)
    notices = sum(i["type"] == "notice" for i in items)
    assert reposts == 2  # 区政府办 and 商务局, 2025
    assert figures[("信息发布（单位：条）", "政务动态信息更新量")] == str(notices + reposts)
    assert figures[("信息发布（单位：条）", "信息公开目录信息更新量")] == str(len(items) - notices - reposts)
    assert figures[("办事服务", "政务服务事项数量（单位：项）")] == "4"  # 商务局 3, 统计局 1, all published in 2025
