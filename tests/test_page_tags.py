"""网页标签 on every page, the footer's identity marks and the 纠错 link that carries the page's own
address; external links only from data/site.yaml's external_links; columns opened only with content."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from disclosure.tools import budget
from disclosure.views.page_tags import ARTICLE_TAGS, COLUMN_TAGS, SITE_TAGS
from support import build, check, edit, expect, line_of, make_site, read, shown

SITEURL = "https://www.test.example.gov.cn/zwgk"
DOMAIN = "www.test.example.gov.cn"
SITE_CODE = "3000000001"
COLUMN_TYPES = {"首页", "概况信息", "机构职能", "负责人信息", "工作动态", "政策文件", "信息公开指南", "信息公开制度", "信息公开目录",
                "信息公开年报", "依申请公开", "数据发布", "数据开放", "政策解读", "回应关切", "办事服务", "咨询投诉", "征集调查", "在线访谈"}
PAGE_KINDS = {  # page kind → (address, ColumnName, ColumnType)
    "portal home": ("", "首页", "首页"),
    "portal catalogue": ("catalog/", "政府信息公开目录", "信息公开目录"),
    "catalogue year": ("catalog/2025/", "政府信息公开目录", "信息公开目录"),
    "policy library": ("policy/", "政策文件库", "政策文件"),
    "search": ("search/", "站内搜索", "信息公开目录"),
    "portal page": ("about/", "关于本站", "概况信息"),
    "website reports": ("website-report/", "政府网站工作年度报表", "信息公开年报"),
    "website report": ("website-report/2025/", "政府网站工作年度报表", "信息公开年报"),
    "unit home": ("tjj/", "测试市统计局政府信息公开", "信息公开目录"),
    "unit catalogue": ("tjj/catalog/", "法定主动公开内容", "信息公开目录"),
    "category": ("tjj/normative/", "行政规范性文件", "政策文件"),
    "validity state": ("tjj/normative/effective/", "行政规范性文件", "政策文件"),
    "compilation": ("tjj/normative/compilation/", "行政规范性文件", "政策文件"),
    "notices": ("tjj/notices/", "通知公告", "工作动态"),
    "consultations": ("tjj/consultations/", "意见征集", "征集调查"),
    "interpretations": ("tjj/policy-interpretations/", "政策解读", "政策解读"),
    "annual reports": ("tjj/reports/", "政府信息公开工作年度报告", "信息公开年报"),
    "guide": ("tjj/guide/", "政府信息公开指南", "信息公开指南"),
    "rules": ("tjj/rules/", "政府信息公开制度", "信息公开制度"),
    "organization": ("tjj/organization/", "机构职能", "机构职能"),
    "apply": ("tjj/apply/", "依申请公开", "依申请公开"),
    "application form": ("tjj/apply/form/", "依申请公开", "依申请公开"),
    "reply templates": ("tjj/apply/templates/", "依申请公开", "依申请公开"),
    "document": ("doc/css-tjj-2026-00002/", "行政规范性文件", "政策文件"),
    "interpretation": ("doc/css-tjj-2026-00003/", "政策解读", "政策解读"),
    "notice": ("doc/css-swj-2026-00003/", "通知公告", "工作动态"),
}


class Marks(HTMLParser):
    """A page's <meta name> tags and the links of its footer."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.footer_links, self._in_footer, self._link = {}, [], False, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and "name" in values:
            self.tags[values["name"]] = values.get("content")
        elif tag == "footer":
            self._in_footer = True
        elif tag == "a" and self._in_footer:
            self._link = {"href": values.get("href"), "class": values.get("class") or "", "text": ""}
            self.footer_links.append(self._link)

    def handle_endtag(self, tag):
        if tag == "a":
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"] += data


def pages(output):
    return sorted(p for p in output.rglob("*.html") if not p.relative_to(output).as_posix().startswith("pagefind/"))


def address_of(output, page):
    return page.parent.relative_to(output).as_posix() + "/" if page.parent != output else ""


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The inspection fixture built as published (with SITEURL) and as a preview (without)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("BUILD_DATE", raising=False)
        site = make_site(tmp_path_factory.mktemp("tagged"), "inspection")
        ok, text, published = build(site, output=site / "published", SITEURL=SITEURL, FEED_DOMAIN=SITEURL)
        assert ok, text
        ok, text, preview = build(site, output=site / "preview")
        assert ok, text
    return site, published, preview


def test_every_page_carries_the_site_and_column_tags(sites):
    _, output, _ = sites
    for page in pages(output):
        tags = Marks(page.read_text(encoding="utf-8")).tags
        assert all(tags.get(name) for name in SITE_TAGS + COLUMN_TAGS), (page, tags)
        assert (tags["SiteName"], tags["SiteDomain"], tags["SiteIDCode"]) == ("测试市人民政府", DOMAIN, SITE_CODE)
        assert tags["ColumnType"] in COLUMN_TYPES, (page, tags["ColumnType"])
    for kind, (address, name, column_type) in PAGE_KINDS.items():
        tags = Marks(read(output, address + "index.html")).tags
        assert (tags["ColumnName"], tags["ColumnType"]) == (name, column_type), kind


def test_tags_come_in_the_order_of_the_specification(sites):
    _, output, _ = sites
    html = read(output, "doc/css-tjj-2026-00002/index.html")
    names = re.findall(r'<meta name="([A-Z]\w+)"', html)
    assert names == list(SITE_TAGS + COLUMN_TAGS + ARTICLE_TAGS)
    head = html.split("</head>")[0]
    assert all(f'<meta name="{name}"' in head for name in names)


def test_document_pages_carry_the_article_tags(sites):
    _, output, preview = sites
    documents = sorted(output.glob("doc/*/index.html"))
    assert len(documents) == 15
    for page in documents:
        tags = Marks(page.read_text(encoding="utf-8")).tags
        assert all(tags.get(name) for name in ARTICLE_TAGS), (page, tags)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", tags["PubDate"])
        assert tags["Url"] == f"{SITEURL}/{address_of(output, page)}"
    tags = Marks(read(output, "doc/css-tjj-2026-00002/index.html")).tags
    assert {name: tags[name] for name in ARTICLE_TAGS} == {
        "ArticleTitle": "测试市统计调查项目管理办法", "PubDate": "2026-10-12 00:00", "ContentSource": "测试市统计局",
        "Keywords": "统计调查,项目管理", "Author": "综合科", "Description": "明确统计调查项目的申报、审批和备案要求。",
        "Url": f"{SITEURL}/doc/css-tjj-2026-00002/"}
    assert Marks(read(output, "doc/css-tjj-2026-00003/index.html")).tags["Author"] == "测试市统计局综合科"  # the interpreter
    assert Marks(read(preview, "doc/css-tjj-2026-00002/index.html")).tags["Url"] == f"https://{DOMAIN}/doc/css-tjj-2026-00002/"
    for page in set(pages(output)) - set(documents):
        assert "ArticleTitle" not in Marks(page.read_text(encoding="utf-8")).tags, page


@pytest.mark.parametrize("build", ["published", "preview"])
def test_the_error_report_link_carries_the_page_address(sites, build):
    """A plain link, no script: the 纠错 page gets the site code and this page's address in its query."""
    _, published, preview = sites
    output, base = (published, SITEURL + "/") if build == "published" else (preview, f"https://{DOMAIN}/")
    for page in pages(output):
        links = [link for link in Marks(page.read_text(encoding="utf-8")).footer_links if "site-footer__error-report" in link["class"]]
        assert len(links) == 1 and links[0]["text"] == "我要纠错", page
        parts = urlsplit(links[0]["href"])
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://zfwzgl.www.gov.cn/exposure/jiucuo.html"
        query = parse_qs(parts.query)
        assert query == {"site_code": [SITE_CODE], "url": [base + address_of(output, page)]}, page


def test_footer_links_the_record_numbers_to_their_query_pages(sites):
    _, output, _ = sites
    html = read(output, "tjj/index.html")
    links = {link["text"]: link["href"] for link in Marks(html).footer_links}
    assert links["测公网安备 30000002000003号"] == "https://beian.mps.gov.cn/#/query/webSearch?code=30000002000003"
    assert links["测ICP备00000003号"] == "https://beian.miit.gov.cn/"
    assert '<span class="site-footer__mark">网站标识码：3000000001</span>' in html


def test_marks_are_plain_text_when_their_services_are_not_allowed(tmp_path, monkeypatch):
    """The minimal fixture lists no external_links and no 纠错 address: its footer links nowhere outside."""
    monkeypatch.delenv("BUILD_DATE", raising=False)
    site = make_site(tmp_path)
    ok, text, output = build(site)
    assert ok, text
    html = read(output, "tjj/index.html")
    assert '<span class="site-footer__mark">测公网安备 10000000000001号</span>' in html
    assert not [link for link in Marks(html).footer_links if urlsplit(link["href"]).scheme]
    assert "我要纠错" not in html


def test_the_party_emblem_links_to_its_certificate_when_configured(tmp_path, monkeypatch):
    monkeypatch.delenv("BUILD_DATE", raising=False)
    site = make_site(tmp_path, "inspection")
    (site / "content" / "attachments").mkdir()
    (site / "content" / "attachments" / "emblem.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    edit(site / "data" / "site.yaml", '  website_id: "3000000001"\n',
         '  website_id: "3000000001"\n  party_emblem: emblem.png\n  party_emblem_id: 0A1B2C3D4E\n')
    edit(site / "data" / "site.yaml", "external_links:\n", "external_links:\n  - http://bszs.conac.cn/\n")
    ok, text, output = build(site)
    assert ok, text
    html = read(output, "tjj/index.html")
    assert ('<a href="http://bszs.conac.cn/sitename?method=show&amp;id=0A1B2C3D4E"><img class="site-footer__emblem" '
            'src="../attachments/emblem.png" alt="党政机关网站标识"') in html


@pytest.mark.parametrize("old, new, field, words", [
    ("&url={url}", "", "error_report", ["没有 {url}"]),
    ("&url={url}", "&url={url}&page={page}", "error_report", ["未知的占位符 page"]),
    ("  - https://zfwzgl.www.gov.cn/exposure/\n", "", "error_report", ["不在 external_links 中", "https://zfwzgl.www.gov.cn/"]),
    ("30000002000003号", "3000000号", "identity.police_record", ["14 位备案编号"]),
    ("domain: www.test.example.gov.cn", "domain: https://www.test.example.gov.cn/", "domain", ["格式不对"]),
])
def test_identity_settings_follow_the_error_contract(tmp_path, monkeypatch, old, new, field, words):
    monkeypatch.delenv("BUILD_DATE", raising=False)
    site = make_site(tmp_path, "inspection")
    path = site / "data" / "site.yaml"
    marker = {"error_report": "error_report:", "identity.police_record": "police_record:", "domain": "domain:"}[field]
    edit(path, old, new)
    ok, report = check(site)
    assert not ok
    expect(report, shown(path), line_of(path, marker), field, *words)


def test_budget_accepts_allowed_external_addresses_only_as_links(sites, tmp_path):
    site, output, _ = sites
    addresses = budget.site_addresses(site / "data" / "site.yaml")
    assert budget.check(output, SITEURL, addresses).problems.report() == "检查通过：没有发现问题。"
    strict = budget.check(output, SITEURL, ((), ()))
    assert {p.field for p in strict.problems.errors} == {"第三方网址"}
    assert any("zfwzgl.www.gov.cn" in p.message for p in strict.problems.errors)
    page = tmp_path / "index.html"
    page.write_text('<html><body>\n<img src="https://beian.mps.gov.cn/icon.png" alt="">\n'
                    '<a href="https://beian.mps.gov.cn/">查询</a>\n<a href="https://other.example.org/">别处</a></body></html>',
                    encoding="utf-8")
    problems = budget.check(tmp_path, SITEURL, addresses).problems.errors
    assert sorted((p.line, p.field) for p in problems) == [(2, "第三方网址"), (4, "第三方网址")]
    assert "只能用作链接" in next(p.message for p in problems if p.line == 2)


def test_a_unit_opens_only_the_columns_it_has_content_for(sites):
    _, _, output = sites
    assert (output / "tjj" / "consultations" / "index.html").is_file()
    assert not (output / "swj" / "consultations").exists()  # the 商务局 has no consultation
    assert (output / "swj" / "reports" / "index.html").is_file()  # a fixed column, even when empty
    assert not (output / "swj" / "powers").exists() and not (output / "swj" / "standard-catalog").exists()
    home = read(output, "swj/index.html")
    assert 'href="../swj/consultations/"' not in home and "consultations/" not in home
    assert "意见征集（0 条）" in re.sub(r"<[^>]+>", "", read(output, "swj/guide/index.html"))
    assert "权责清单" not in read(output, "swj/organization/index.html").split("<main")[1]
