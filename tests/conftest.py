import pytest

from support import build, build_sample, make_site, serve_under


@pytest.fixture(scope="session")
def commerce(tmp_path_factory):
    """The second fixture bureau (a commerce bureau), built once: (site folder, output folder)."""
    site = make_site(tmp_path_factory.mktemp("commerce"), "commerce")
    ok, text, output = build(site)
    assert ok, text
    return site, output


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A fresh copy of the minimal fixture site, with no BUILD_DATE leaking in from outside."""
    monkeypatch.delenv("BUILD_DATE", raising=False)
    return make_site(tmp_path)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (``playwright install`` cannot download browsers here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def sample_url(tmp_path_factory):
    """The sample site, built once with a fixed build date and served under /zwgk/."""
    output = build_sample(tmp_path_factory.mktemp("sample-served"))
    with serve_under(output, "zwgk") as url:
        yield url
