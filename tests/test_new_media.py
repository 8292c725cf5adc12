"""政务新媒体: each unit's accounts (agency.yaml ``new_media``) on its section with a QR code made at
build time as inline SVG, accessible and with the account's name and address as text; the portal's
matrix of every unit's accounts; account addresses must be allowed external links."""

import io
import re
import xml.etree.ElementTree as ET

import pytest
import segno

from support import expect_broken, links, one, read, select, text_of, texts

SVG = "{http://www.w3.org/2000/svg}"
ACCOUNTS = [("微信公众号", "样例县商务", "https://wx.example.org/ylx-shangwu"),
            ("政务微博", "样例县商务发布", "https://wx.example.org/weibo/ylx-shangwu")]


def qr_codes(html):
    """Each inline QR code, parsed from the raw page as XML on purpose: the SVG must be well-formed."""
    return [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", html, re.S)]


def test_a_units_page_lists_each_account_with_its_qr_code_name_and_address(services):
    _, output = services
    html = read(output, "swj/new-media/index.html")
    accounts = select(html, "li.new-media__account")
    assert [(text_of(one(a, ".new-media__platform")), text_of(one(a, ".new-media__name")).split(" ", 1)[1],
             text_of(one(a, ".new-media__url"))) for a in accounts] == ACCOUNTS
    assert [href for href, _ in links(html, ".new-media__url a")] == [url for *_, url in ACCOUNTS]
    for account, svg in zip(ACCOUNTS, qr_codes(html)):
        platform, name, url = account
        title = svg.find(SVG + "title")
        assert svg.get("role") == "img" and svg.get("aria-labelledby") == title.get("id")
        assert title.text == f"{platform}“{name}”的二维码，扫码打开 {url}"
        assert svg.get("viewBox") and not svg.get("width") and "style" not in ET.tostring(svg, encoding="unicode")
        fills = [p.get("fill") or p.get("stroke") for p in svg.iter(SVG + "path")]
        assert fills == ["#fff", "#000"]  # a light ground under dark modules, whatever the display mode


def test_the_qr_code_encodes_the_accounts_address(services):
    _, output = services
    for (_, _, url), svg in zip(ACCOUNTS, qr_codes(read(output, "swj/new-media/index.html"))):
        drawn = [p.get("d") for p in svg.iter(SVG + "path") if p.get("stroke")]
        out = io.BytesIO()
        segno.make(url, error="m", micro=False).save(out, kind="svg", xmldecl=False, omitsize=True, dark="#000", light="#fff")
        expected = [p.get("d") for p in ET.fromstring(out.getvalue()).iter(SVG + "path") if p.get("stroke")]
        assert drawn == expected


def test_the_unit_opens_the_column_and_the_portal_lists_the_whole_matrix(services):
    _, output = services
    assert ("../swj/new-media/", "政务新媒体") in links(read(output, "swj/index.html"))
    portal = read(output, "new-media/index.html")
    assert text_of(one(portal, "h1")) == "政务新媒体矩阵"
    assert links(portal, "h2.new-media__unit a") == [("../swj/new-media/", "样例县商务局")]
    assert texts(portal, ".new-media__url") == [url for *_, url in ACCOUNTS]
    assert ("new-media/", "政务新媒体矩阵") in [(h.lstrip("./"), t) for h, t in links(read(output, "index.html"), "a.card-list__link")]
    tags = {m["name"]: m["content"] for m in select(portal, "meta[name^=Column]")}
    assert (tags["ColumnName"], tags["ColumnType"]) == ("政务新媒体矩阵", "政务新媒体")


def test_a_unit_without_accounts_opens_no_column(commerce):
    _, output = commerce
    assert not (output / "swj/new-media").exists() and not (output / "new-media").exists()
    assert not [href for href, _ in links(read(output, "swj/index.html")) if "new-media" in href]


@pytest.mark.parametrize("old, new, field, words", [
    ("url: \"https://wx.example.org/ylx-shangwu\"", "url: \"https://weixin.elsewhere.example/ylx\"", "new_media[0].url",
     ["政务新媒体账号的网址", "不在 data/site.yaml 的 external_links 中"]),
    ("url: \"https://wx.example.org/ylx-shangwu\"", "url: \"wx.example.org/ylx\"", "new_media[0].url", ["格式不对"]),
    ("{platform: 微信公众号, name: 样例县商务, ", "{platform: 微信公众号, ", "new_media[0].name", ["缺少必填字段 name"]),
])
def test_account_errors_name_agency_yaml_line_and_field(services_site, old, new, field, words):
    path = services_site / "data/units/swj/agency.yaml"
    expect_broken(services_site, (path, old, new), (path, "platform: 微信公众号", field, *words))
