"""Statistical series: CSV → validated series → SVG charts, data tables and CSV downloads."""

import csv
import gzip
import io
import json
import multiprocessing
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from support import (
    ROOT,
    build,
    edit,
    expect_broken,
    make_site,
    one,
    read,
    select,
    shared_build,
    snapshot,
    text_of,
)

SVG = "{http://www.w3.org/2000/svg}"
RELEASE = "doc/csx-tjj-2024-00001/index.html"  # datasets: price.csv, output.csv; period 2024-09
INTERPRETATION = "doc/csx-tjj-2024-00002/index.html"  # a chart block: price.csv, bar, 2024-01 to 2024-06
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_BUDGET = 30 * 1024  # gzip bytes of a document page: HTML + CSS (there is no JS)


@pytest.fixture
def series_site(tmp_path, monkeypatch):
    monkeypatch.delenv("BUILD_DATE", raising=False)
    return make_site(tmp_path, "series")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The series fixture site built once, for the tests that only read it: (site folder, output folder)."""
    with shared_build(tmp_path_factory.mktemp("series"), "series") as site_and_output:
        yield site_and_output


def svgs(html):
    """Each inline chart, parsed from the raw page as XML on purpose: the SVG must be well-formed."""
    return {element.get("aria-labelledby").removesuffix("-title"): element
            for element in map(ET.fromstring, re.findall(r"<svg .*?</svg>", html, re.S))}


def svg_texts(element, tag):
    return [node.text for node in element.iter(SVG + tag)]


def chart_tables(html):
    """Each chart table as {caption, rows: [[cell text]]}, the header row first."""
    return [{"caption": text_of(table.caption),
             "rows": [[text_of(cell) for cell in row.find_all(["th", "td"])] for row in select(table, "tr")]}
            for table in select(html, "table.chart-table")]


def csv_rows(site, name):
    return list(csv.reader(io.StringIO((site / "data" / "units" / "tjj" / "series" / name).read_text(encoding="utf-8"))))


def month_label(period):
    year, month = period.split("-")
    return f"{year}年{int(month)}月"


def test_the_chart_svg_has_a_title_a_description_and_its_labels_and_values_as_text(built):
    _, output = built
    chart = svgs(read(output, RELEASE))["dataset-price"]
    assert chart.get("role") == "img"
    title, desc = chart[0], chart[1]
    assert (title.tag, title.get("id")) == (SVG + "title", "dataset-price-title")
    assert title.text == "测试县居民消费价格指数（2023年11月—2024年9月）"
    assert (desc.tag, chart.get("aria-describedby")) == (SVG + "desc", desc.get("id"))
    assert "同比：2024年9月为 100.4，最高 100.6（2024年2月），最低 99.8（2024年1月）" in desc.text
    texts = svg_texts(chart, "text")
    assert {"单位：上年同月=100", "同比", "环比", "2024年", "4月", "7月"} <= set(texts)  # calendar-aligned ticks
    assert {"100.4", "100"} <= set(texts)  # the latest values, written at the end of each line
    tooltips = set(svg_texts(chart, "title")[1:])
    for period, same_month, month_on_month in csv_rows(built[0], "price.csv")[1:-1]:  # up to 2024-09
        assert f"{month_label(period)} 同比：{same_month}" in tooltips
        if month_on_month:
            assert f"{month_label(period)} 环比：{month_on_month}" in tooltips
    assert "2024年10月 同比：100.2" not in tooltips, "a release shows no period after its own"
    assert not any("style" in element.attrib for element in chart.iter()), "the CSP blocks inline styles"


def test_quarterly_bars_have_a_title_per_bar(built):
    _, output = built
    chart = svgs(read(output, RELEASE))["dataset-output"]
    assert chart[0].text == "测试县规模以上工业总产值（2023年一季度—2024年三季度）"
    assert "柱状图，季度数据，共 7 期，单位：亿元" in chart[1].text
    assert {"2023年", "2024年", "36"} <= set(svg_texts(chart, "text"))
    assert "2024年三季度 工业总产值：36.0" in svg_texts(chart, "title")


def test_the_table_beside_the_chart_matches_the_csv_and_the_csv_can_be_downloaded(built):
    site, output = built
    html = read(output, RELEASE)
    price, quantity = chart_tables(html)
    header, *rows = csv_rows(site, "price.csv")
    assert price["caption"] == "测试县居民消费价格指数（单位：上年同月=100）"
    assert price["rows"][0] == header
    assert price["rows"][1:] == [[month_label(p), a or "—", b or "—"] for p, a, b in rows[:-1]]
    assert [row[1] for row in quantity["rows"][1:]] == [value for _, value in csv_rows(site, "output.csv")[1:]]
    for name in ("price.csv", "output.csv"):
        one(html, f'a[href="../../tjj/series/{name}"][download]')
        download = (output / "tjj" / "series" / name).read_bytes()
        assert download.startswith("\ufeff".encode())  # so Excel reads the Chinese headers
        assert list(csv.reader(io.StringIO(download.decode("utf-8-sig")))) == csv_rows(site, name)


def test_a_chart_block_in_a_data_interpretation_renders_after_the_sanitizer(built):
    site, output = built
    html = read(output, INTERPRETATION)
    body = one(html, "div.document__body")
    assert "```" not in text_of(body) and "PLACEHOLDER" not in str(body)
    assert "onload" not in str(body) and len(select(body, "svg")) == 1, "the author's own SVG is still sanitized away"
    chart = svgs(html)["chart-1-price"]
    assert chart[0].text == "测试县居民消费价格指数（2024年1月—2024年6月）"
    assert chart[1].text.startswith("柱状图")
    (table,) = chart_tables(html)
    assert [row[0] for row in table["rows"][1:]] == [f"2024年{m}月" for m in range(1, 7)]
    assert html.index("今年以来价格总体平稳") < html.index("<figure") < html.index("上半年各月同比指数")


def test_changing_one_csv_value_changes_the_chart_and_the_table(built, series_site, tmp_path):
    before = read(built[1], RELEASE)
    edit(series_site / "data" / "units" / "tjj" / "series" / "price.csv", "2024-05,100.3,99.9", "2024-05,101.7,99.9")
    ok, text, output = build(series_site, output=tmp_path / "again")
    assert ok, text
    after = read(output, RELEASE)
    assert before != after
    assert "2024年5月 同比：101.7" in svg_texts(svgs(after)["dataset-price"], "title")
    assert ["2024年5月", "101.7", "99.9"] in chart_tables(after)[0]["rows"]
    assert "最高 101.7（2024年5月）" in svgs(after)["dataset-price"][1].text


def test_builds_are_byte_identical_across_processes(built, tmp_path):
    """The second build runs in a fresh interpreter, so no cached chart can hide a difference."""
    site, output = built
    again = tmp_path / "fresh-process"
    script = ("import sys; from pathlib import Path; from support import build; "
              "ok, text, _ = build(Path(sys.argv[1]), output=sys.argv[2]); sys.exit(0 if ok else text)")
    subprocess.run([sys.executable, "-c", script, str(site), str(again)], cwd=ROOT / "tests", check=True)
    first, second = snapshot(output), snapshot(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert b"<svg" in first[RELEASE]


@pytest.mark.parametrize("where, old, new, line, field, words", [
    ("data/units/tjj/series/price.csv", "2024-03,100.1,99.5", "2024-03,100.1,99.5,100.0", 6, "-",
     ("这一行有 4 个值，表头有 3 列（统计期、同比、环比）",)),
    ("data/units/tjj/series/price.csv", "2024-04,100.2,100.1", "2024-04,100.2%,100.1", 7, "同比",
     ("“100.2%”不是数字：这里应写数字，例如 6.3；单位写在说明文件 price.yaml 的 unit 中",)),
    ("data/units/tjj/series/price.csv", "2024-04,", "2024-4,", 7, "统计期",
     ("统计期“2024-4”格式不对：月度数据应写成 2024-09 这样",)),
    ("data/units/tjj/series/price.yaml", "unit: 上年同月=100\n", "", 1, "unit",
     ("缺少必填字段 unit（单位）。（数据序列 price.csv）",)),
    ("content/tjj/interpretations/a.md", "series: price.csv", "series: prices.csv", 14, "chart.series",
     ("数据序列“prices.csv”不存在：应为 ", "data/units/tjj/series/ 下的 CSV 文件名，现有：output.csv、price.csv")),
    ("content/tjj/interpretations/a.md", "kind: bar", "kind: pie", 15, "chart.kind",
     ("图表类型“pie”无效，应为 line（折线图）或 bar（柱状图）",)),
    ("content/tjj/statistics/a.md", "datasets: [price.csv, output.csv]", "datasets: [price.csv, outputs.csv]", 8,
     "datasets[1]", ("数据序列“outputs.csv”不存在",)),
])
def test_each_series_problem_names_its_file_and_line(series_site, where, old, new, line, field, words):
    path = series_site / where
    expect_broken(series_site, (path, old, new), (path, line, field, *words), errors=1)


def test_a_broken_sidecar_does_not_hide_the_problems_of_its_csv(series_site):
    folder = series_site / "data" / "units" / "tjj" / "series"
    expect_broken(series_site, [(folder / "price.yaml", "frequency: 月度", "frequency: 每月"),
                                (folder / "price.csv", "2024-06,100.2,99.8", "2024-06,100.2,99.8,")],
                  (folder / "price.yaml", 4, "frequency", "取值 “每月” 无效，应为以下之一：月度、季度、年度"),
                  (folder / "price.csv", 9, "-", "这一行有 4 个值"), errors=2)


def test_a_csv_without_its_sidecar_and_a_sidecar_without_its_csv_are_errors(series_site):
    folder = series_site / "data" / "units" / "tjj" / "series"
    sidecar = (folder / "output.yaml").read_text(encoding="utf-8")
    expect_broken(series_site, [(folder / "output.yaml", None, None), (folder / "gdp.yaml", None, sidecar)],
                  (folder / "output.csv", 1, "-", "缺少说明文件 output.yaml"),
                  (folder / "gdp.yaml", 1, "-", "找不到与说明文件对应的数据文件 gdp.csv"))


def test_a_statistics_page_has_no_axe_violations_and_its_chart_is_readable_on_a_phone(browser, sample_url):
    from axe_playwright_python.sync_playwright import Axe

    for width in (360, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(sample_url + "doc/slq-tjj-2026-00009/")
        assert page.locator(".chart").count() == 3
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, results.generate_report()
        sizes = page.evaluate("""() => [...document.querySelectorAll('.chart__svg')].map(svg =>
            svg.getBoundingClientRect().width / svg.viewBox.baseVal.width * parseFloat(svg.querySelector('text').getAttribute('font-size')))""")
        assert min(sizes) >= 12, f"chart text is {min(sizes):.1f} px on screen at {width} px"
        assert max(sizes) <= 22, f"chart text is {max(sizes):.1f} px on screen at {width} px"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
        page.close()


def test_the_sample_release_with_three_charts_stays_within_the_page_weight_budget(sample_url):
    import urllib.request

    page = urllib.request.urlopen(sample_url + "doc/slq-tjj-2026-00009/").read()
    css = urllib.request.urlopen(sample_url + "theme/css/site.css").read()
    assert page.count(b"<svg") == 3
    assert len(gzip.compress(page)) + len(gzip.compress(css)) <= PAGE_BUDGET


def _line_chart(factor):
    return json.dumps({"data": {"values": [{"a": n, "b": n * factor} for n in range(5)]}, "mark": "line",
                       "encoding": {"x": {"field": "a", "type": "quantitative"}, "y": {"field": "b", "type": "quantitative"}}})


def _draw(spec):
    from disclosure.views import charts, vega
    return vega.to_svg(spec, charts.VEGA_LITE_VERSION)


def test_a_process_forked_after_a_chart_was_drawn_draws_its_own():
    """vl-convert's engine does not survive a fork: drawn with it, a forked worker's first chart of its
    own hung (the build forks the workers that write the documents after drawing the bodies' charts)."""
    here = _draw(_line_chart(2))
    with multiprocessing.get_context("fork").Pool(1) as pool:
        there = pool.apply_async(_draw, (_line_chart(3),)).get(timeout=120)
    assert there.startswith("<svg") and there != here
    assert there == _draw(_line_chart(3)), "the same chart as this process draws"
