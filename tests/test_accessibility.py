"""Accessibility in a real Chromium: axe-core (WCAG 2.1 A and AA) on every page type, in the
default mode and in the 适老化 mode (大字版 + 高对比度); 360 px screens; keyboard use;
the display modes with and without JavaScript; the print stylesheet."""

import json
import re
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

# Page types of the sample site. To cover a new page type, add it here: a path below the site
# root, or a test on catalog.json items that picks a document (the newest match is visited).
# A page type is a template with the components it shows: one list per kind of list (the portal's with
# its unit column, a unit's, one with a validity filter, one paginated …), not every list of that kind.
PAGES = {
    "portal": "",
    "catalogue": "catalog/",
    "catalogue-page-2": "catalog/page/2/",
    "policy": "policy/",
    "about": "about/",
    "accessibility": "accessibility/",
    "search": "search/",
    "website-reports": "website-report/",
    "website-report": "website-report/2025/",
    "unit-home": "tjj/",
    "unit-catalogue": "tjj/catalog/",
    "guide": "tjj/guide/",
    "rules": "tjj/rules/",
    "apply": "tjj/apply/",
    "organization": "tjj/organization/",
    "normative-state": "tjj/normative/repealed/",
    "compilation": "tjj/normative/compilation/",
    "cleanup": "tjj/normative/cleanup/",
    "powers": "swj/powers/",
    "powers-kind": "tjj/powers/kind/penalty/",
    "powers-department": "tjj/powers/department/supervision/",
    "power-item": "tjj/powers/item/slqtjj-cf-001/",
    "standard-catalog": "tjj/standard-catalog/",
    "application-form": "tjj/apply/form/",
    "reply-templates": "tjj/apply/templates/",
    "reply-template": "tjj/apply/templates/withheld-third-party-rights/",
    "service-guides": "service-guides/",
    "guide-checklist": "swj/checklists/slq-swj-2025-00005/",
    "new-media-matrix": "new-media/",
    "unit-new-media": "tjj/new-media/",
    "power-item-with-guide": "swj/powers/item/slqswj-xk-001/",
}
PAGES.update({f"category-{slug}": f"tjj/{slug}/" for slug in ("normative", "data-interpretations", "reports")})
DOCUMENTS = {
    "normative-not-yet-effective": lambda item: item["type"] == "normative" and item["validity"] == "尚未施行",
    "normative-effective": lambda item: item["type"] == "normative" and item["validity"] == "有效",
    "normative-amended": lambda item: item["type"] == "normative" and item["validity"] == "已修订",
    "normative-repealed": lambda item: item["type"] == "normative" and item["validity"] == "已废止",
    "normative-expired": lambda item: item["type"] == "normative" and item["validity"] == "已失效",
    "document": lambda item: item["type"] == "document",
    "interpretation": lambda item: item["type"] == "interpretation",
    "plan-with-tasks": lambda item: item["type"] == "plan" and item.get("tasks"),
    "statistics": lambda item: item["type"] == "statistics",
    "statistics-with-charts": lambda item: item["type"] == "statistics" and item.get("datasets"),
    "data-interpretation-with-charts": lambda item: item.get("form") == "数据解读",
    "notice": lambda item: item["type"] == "notice",
    "consultation": lambda item: item["type"] == "consultation",
    "report": lambda item: item["type"] == "report",
    "service-guide": lambda item: item["type"] == "guide",
    "funds-of-enterprises": lambda item: item["type"] == "funds" and item["dataset"].startswith("2023-waimao"),
    "funds-of-natural-persons": lambda item: item["type"] == "funds" and item["dataset"].startswith("2024q4-qiche"),
    "repost": lambda item: item["type"] == "repost",
}
MODES = {"default": (), "large-contrast": ("large-text", "high-contrast")}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}
NARROW, WIDE = 360, 1280
LARGE_TEXT_PX = 24  # 18pt
TAB_LIMIT = 300  # more Tab presses than any sample page has stops

# Elements outside a table's own scroll region that stick out of the viewport (off-screen to the
# left, as the skip link waits, is fine), and fixed or sticky boxes that could cover content.
LAYOUT_PROBLEMS = """() => {
  const width = document.documentElement.clientWidth, problems = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.parentElement.closest(".table-scroll")) continue;
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (box.width && box.right > 0 && (box.right > width + 0.5 || box.left < -0.5))
      problems.push("cut off: " + el.outerHTML.slice(0, 100));
    if (style.position === "fixed" || style.position === "sticky")
      problems.push("overlay: " + el.outerHTML.slice(0, 100));
  }
  for (const region of document.querySelectorAll(".table-scroll"))
    if (region.scrollWidth > region.clientWidth && !(region.getAttribute("role") === "region"
        && region.getAttribute("aria-label") && region.tabIndex === 0))
      problems.push("unlabelled scrolling table: " + region.outerHTML.slice(0, 100));
  return problems;
}"""
FOCUS = """() => {
  const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
  return {tag: el.tagName.toLowerCase(), href: el.getAttribute("href") || "", url: el.href || "",
          id: el.id, className: el.className, display: el.getAttribute("data-display"),
          outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
          visible: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0};
}"""
SMALL_TEXT = """(minimum) => {
  const small = [];
  for (const el of document.body.querySelectorAll("*")) {
    const text = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (text && box.width && box.right > 0 && parseFloat(getComputedStyle(el).fontSize) < minimum)
      small.push(el.tagName + " " + el.textContent.trim().slice(0, 20) + " " + getComputedStyle(el).fontSize);
  }
  return small;
}"""


@pytest.fixture(scope="module")
def page_paths(sample_url):
    """Every page type → its path on the sample site."""
    with urllib.request.urlopen(sample_url + "catalog.json") as response:
        items = json.load(response)
    paths = dict(PAGES)
    for name, wanted in DOCUMENTS.items():
        match = next((item for item in items if wanted(item)), None)
        assert match, f"the sample site has no document of page type {name}"
        paths[name] = match["url"]
    return paths


def watch_for_errors(page, site_url):
    """Console errors, uncaught exceptions (e.g. what the CSP refused) and requests off the site."""
    errors = []

    def on_console(message):
        if message.type == "error":
            errors.append(message.text)

    def on_request(request):
        if request.url.startswith(("http:", "https:")) and not request.url.startswith(site_url):
            errors.append("request off the site: " + request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", on_request)
    return errors


@pytest.fixture(scope="module")
def mode_pages(browser, sample_url):
    """Per display mode: a browser page with the mode switched on by its header buttons, and its errors."""
    pages, contexts = {}, []
    for mode, classes in MODES.items():
        context = browser.new_context(viewport={"width": WIDE, "height": 900})
        contexts.append(context)
        page = context.new_page()
        errors = watch_for_errors(page, sample_url)
        page.goto(sample_url)
        for name in classes:
            page.click(f"[data-display={name}]")
        pages[mode] = (page, errors)
    yield pages
    for context in contexts:
        context.close()


@pytest.fixture
def fresh_page(browser):
    context = browser.new_context(viewport={"width": WIDE, "height": 900})
    yield context.new_page()
    context.close()


def open_in_mode(mode_pages, page_paths, sample_url, mode, page_type, width):
    page, errors = mode_pages[mode]
    page.set_viewport_size({"width": width, "height": 900})
    errors.clear()
    page.goto(sample_url + page_paths[page_type])
    assert errors == []
    classes = page.evaluate("document.documentElement.className").split()
    assert set(classes) - {"js"} == set(MODES[mode]), f"the display mode did not carry over to {page_type}"
    return page


ALL_PAGE_TYPES = [*PAGES, *DOCUMENTS]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("page_type", ALL_PAGE_TYPES)
def test_axe_finds_no_wcag_21_aa_violations(mode_pages, page_paths, sample_url, page_type, mode):
    page = open_in_mode(mode_pages, page_paths, sample_url, mode, page_type, WIDE)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("page_type", ALL_PAGE_TYPES)
def test_360px_screen_needs_no_sideways_scrolling_and_nothing_covers_content(
        mode_pages, page_paths, sample_url, page_type, mode):
    page = open_in_mode(mode_pages, page_paths, sample_url, mode, page_type, NARROW)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW
    assert page.evaluate(LAYOUT_PROBLEMS) == []
    assert page.locator("dialog, [role=dialog], [role=alertdialog]").count() == 0


def tab_stops(page):
    """Press Tab from the top of the page until focus leaves the page; the focused elements in order."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    stops = []
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus["tag"] == "body" or (stops and focus == stops[0]):
            return stops
        stops.append(focus)
    pytest.fail(f"focus never left {page.url} after {TAB_LIMIT} Tab presses")


def press_tab_until(page, wanted):
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if wanted(focus):
            return focus
    pytest.fail(f"Tab never reached the wanted element on {page.url}")


def test_first_tab_stop_is_a_visible_skip_link_that_moves_focus_to_main(fresh_page, sample_url):
    fresh_page.goto(sample_url + "catalog/")
    fresh_page.keyboard.press("Tab")
    focus = fresh_page.evaluate(FOCUS)
    assert (focus["className"], focus["href"], focus["visible"]) == ("skip-link", "#main", True)
    fresh_page.keyboard.press("Enter")
    assert fresh_page.evaluate("document.activeElement.id") == "main"
    assert fresh_page.evaluate("getComputedStyle(document.activeElement).backgroundColor") == "rgba(0, 0, 0, 0)", \
        "the focus highlight is for controls, not for the whole main area"
    fresh_page.keyboard.press("Tab")
    assert fresh_page.evaluate("document.activeElement.closest('main') !== null")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("page_type", ["catalogue", "plan-with-tasks"])
def test_every_tab_stop_shows_a_visible_focus_outline(mode_pages, page_paths, sample_url, page_type, mode):
    page = open_in_mode(mode_pages, page_paths, sample_url, mode, page_type, WIDE)
    stops = tab_stops(page)
    assert len(stops) > 10
    hidden = [s for s in stops if s["outline"] == "none" or s["outlineWidth"] < 2 or not s["visible"]]
    assert hidden == []


def test_display_toggles_work_from_the_keyboard_and_persist_across_pages(fresh_page, sample_url):
    page = fresh_page
    page.goto(sample_url)
    assert page.evaluate(SMALL_TEXT, LARGE_TEXT_PX), "default text should be smaller than large mode"
    press_tab_until(page, lambda focus: focus["display"] == "large-text")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)["display"] == "high-contrast"
    page.keyboard.press("Enter")
    page.goto(sample_url + "catalog/")
    assert set(page.evaluate("document.documentElement.className").split()) == {"js", "large-text", "high-contrast"}
    assert page.eval_on_selector_all("[data-display]", "buttons => buttons.map(b => b.getAttribute('aria-pressed'))") == ["true", "true"]
    body = page.evaluate("(() => { const s = getComputedStyle(document.querySelector('main p')); "
                         "return [parseFloat(s.fontSize), parseFloat(s.lineHeight), s.color, getComputedStyle(document.body).backgroundColor]; })()")
    font_size, line_height, color, background = body
    assert font_size >= LARGE_TEXT_PX and line_height >= 1.5 * font_size
    assert (color, background) == ("rgb(255, 255, 255)", "rgb(0, 0, 0)")
    assert page.evaluate(SMALL_TEXT, LARGE_TEXT_PX) == []
    press_tab_until(page, lambda focus: focus["display"] == "large-text")
    page.keyboard.press("Enter")
    page.goto(sample_url + "tjj/guide/")
    assert page.evaluate("document.documentElement.className").split() == ["js", "high-contrast"]
    assert page.eval_on_selector("main p", "p => parseFloat(getComputedStyle(p).fontSize)") < LARGE_TEXT_PX


def test_keyboard_only_user_reaches_every_document_from_the_home_page(fresh_page, sample_url):
    """Tab and Enter only: home → 公开目录 → each of its pages; every document is a Tab stop on the way."""
    page = fresh_page
    with urllib.request.urlopen(sample_url + "catalog.json") as response:
        documents = {sample_url + item["url"] for item in json.load(response)}
    catalogue_page = re.compile(re.escape(sample_url) + r"catalog/(page/\d+/)?$")
    reached, visited = set(), set()
    queue = [(sample_url, None)]  # (page, the page whose link leads there)
    while queue:
        url, source = queue.pop(0)
        if url in visited:
            continue
        visited.add(url)
        page.goto(source or url)
        if source:
            press_tab_until(page, lambda focus: focus["url"] == url)
            page.keyboard.press("Enter")
            page.wait_for_url(url)
        urls = [stop["url"] for stop in tab_stops(page)]
        reached.update(urls)
        queue += [(u, url) for u in urls if catalogue_page.match(u) and u not in visited]
    assert documents <= reached, f"not reachable by keyboard: {sorted(documents - reached)}"
    press_tab_until(page, lambda focus: focus["url"] in documents)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/doc/.+/$"))
    assert page.locator("h1").count() == 1


def test_without_javascript_the_help_link_replaces_the_toggles_and_system_contrast_applies(browser, sample_url):
    context = browser.new_context(java_script_enabled=False, contrast="more", viewport={"width": NARROW, "height": 900})
    try:
        page = context.new_page()
        page.goto(sample_url + "tjj/guide/")
        displays = page.locator("[data-display]").evaluate_all("buttons => buttons.map(b => getComputedStyle(b).display)")
        assert displays == ["none", "none"]  # a button that does nothing is not shown
        help_link = page.get_by_role("link", name="无障碍说明")
        help_link.click()
        assert page.url.endswith("accessibility/#display")
        assert page.locator("#display").is_visible()
        # the system's 'more contrast' setting darkens the default #1b1b1b text
        assert page.eval_on_selector("main p", "p => getComputedStyle(p).color") == "rgb(0, 0, 0)"
    finally:
        context.close()


def test_printed_document_keeps_its_metadata_hides_navigation_and_shows_link_addresses(mode_pages, page_paths, sample_url):
    page = open_in_mode(mode_pages, page_paths, sample_url, "large-contrast", "normative-repealed", WIDE)
    page.emulate_media(media="print")
    try:
        shown = page.evaluate("""() => Object.fromEntries(
            [".site-header", ".site-nav", ".breadcrumbs", ".site-footer", ".skip-link", ".metadata-table", ".validity-banner"]
            .map(s => [s, document.querySelector(s).checkVisibility()]))""")
        link = page.locator(".validity-banner a").first
        after = link.evaluate("a => getComputedStyle(a, '::after').content")
        colors = page.evaluate("[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")
    finally:
        page.emulate_media(media="screen")
    assert shown == {".site-header": False, ".site-nav": False, ".breadcrumbs": False, ".site-footer": False,
                     ".skip-link": False, ".metadata-table": True, ".validity-banner": True}
    assert link.get_attribute("href") in after
    assert colors == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]  # printed black on white whatever the screen mode
