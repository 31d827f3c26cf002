"""Fixtures shared by the whole suite: a fresh database, a real browser, a real app."""

import pytest

from tests.browser import CHROMIUM_FLAGS, OfflineRecorder, require_browser, streamlit_server


@pytest.fixture
def db_url(tmp_path, monkeypatch):
    """A fresh SQLite file, also set as INCIDENTS_DB for code that reads the default."""
    url = f"sqlite:///{tmp_path / 'incidents.sqlite'}"
    monkeypatch.setenv("INCIDENTS_DB", url)
    return url


@pytest.fixture(scope="session")
def browser():
    executable = require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def offline_page(browser):
    """A page in a fresh context where every non-localhost request is blocked and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    recorder = OfflineRecorder(context)
    page = recorder.watch(context.new_page())
    page.recorder = recorder
    yield page
    context.close()


@pytest.fixture(scope="session")
def seeded_app(tmp_path_factory):
    """The dashboard served by `streamlit run` on a store holding the seed data only."""
    url = f"sqlite:///{tmp_path_factory.mktemp('app') / 'incidents.sqlite'}"
    with streamlit_server(url) as base:
        yield base


@pytest.fixture
def file_page(browser):
    """A page that may read file:// URLs and nothing else: every other request is aborted."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requested, errors = [], []

    def route(route):
        if route.request.url.startswith(("file://", "data:", "blob:", "about:")):
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.requested, page.errors = requested, errors
    yield page
    context.close()
