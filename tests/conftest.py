import pytest

from support import build_sample, make_site, serve_under, shared_build


@pytest.fixture(scope="session")
def sample(tmp_path_factory):
    """The project's own sample site (content/ and data/), built once per run with BUILD_DATE: its output folder."""
    return build_sample(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def sample_url(sample):
    """The same sample build, served under /zwgk/ as a bureau would under a sub-path."""
    with serve_under(sample, "zwgk") as url:
        yield url


@pytest.fixture(scope="session")
def commerce(tmp_path_factory):
    """The second fixture bureau (a commerce bureau), built once: (site folder, output folder). Read only."""
    with shared_build(tmp_path_factory.mktemp("commerce"), "commerce") as built:
        yield built


@pytest.fixture(scope="session")
def services(tmp_path_factory):
    """A county 商务局 with 办事指南, 政策资金公示, 转载 and 政务新媒体, built once: (site folder, output folder). Read only."""
    with shared_build(tmp_path_factory.mktemp("services"), "services") as built:
        yield built


@pytest.fixture(scope="module")
def minimal(tmp_path_factory):
    """The minimal fixture site, built once per test module for the tests that only read it:
    (site folder, output folder). A test that edits files takes ``site`` instead."""
    with shared_build(tmp_path_factory.mktemp("minimal"), "minimal") as built:
        yield built


@pytest.fixture(autouse=True)
def no_build_date_from_outside(monkeypatch):
    """A BUILD_DATE in the environment (a nightly job's) must not change what a test sees."""
    monkeypatch.delenv("BUILD_DATE", raising=False)


@pytest.fixture
def site(tmp_path):
    """A fresh copy of the minimal fixture site, to edit."""
    return make_site(tmp_path)


@pytest.fixture
def services_site(tmp_path):
    """A fresh copy of the services fixture site (办事指南, 政策资金公示, 转载, 政务新媒体), to edit."""
    return make_site(tmp_path, "services")


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


@pytest.fixture
def page(browser):
    """A page in a fresh browser context, closed after the test."""
    context = browser.new_context()
    yield context.new_page()
    context.close()
