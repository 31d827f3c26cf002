"""Hostile links and files on the real pages, in real Chromium: messages, never a crash.

Markdown in a rejected row or an error shows as text (and fetches nothing), a link with
impossible dates opens the nearest valid range with a warning, a link over Streamlit's
query limits says its filters were dropped, and no table offers an unneutralised CSV.
"""

import datetime as dt
import html
import re
import urllib.parse
from pathlib import Path

import pytest

from dashboard.state.link import view_from_query
from dashboard.views.literal import literal
from incidents.rules.bounds import EARLIEST_DATE, latest_date
from incidents.storage.store import Store
from tests.browser import dataframe_text, drawn_records, streamlit_server, wait_for_app

APP = str(Path(__file__).resolve().parents[3] / "dashboard" / "app.py")
HOSTILE = "![x](http://evil.example/track.png) **bold** :red[red] $x^2$ <b>tag</b>"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'incidents.sqlite'}"
    Store(url).load_seed_if_empty()
    with streamlit_server(url) as base:
        yield base


def exceptions(page) -> int:
    return page.locator('[data-testid="stException"]').count()


# -- pure parts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [HOSTILE, "a_b_c", "1. not a list", "# not a heading", "back\\slash", "line\nbreak", ":smile:"],
)
def test_literal_escapes_every_markdown_sign(text):
    escaped = literal(text)
    # No ASCII punctuation is left as itself: each is a character reference.
    assert not re.search(r"[!-%'-/:-@\[-`{-~]", re.sub(r"&#\d+;", "", escaped)), escaped
    assert html.unescape(escaped).replace("  \n", "\n") == text


def test_a_link_with_impossible_dates_gets_the_nearest_valid_range():
    today = dt.date(2026, 12, 2)
    view, problems = view_from_query({"from": "0001-01-01", "to": "9999-12-31"}, today=today)
    f = view.record_filter
    assert (f.date_from, f.date_to) == (EARLIEST_DATE, latest_date(today))
    assert len(problems) == 2 and "0001-01-01" in problems[0] and "1900-01-01 is used" in problems[0]


# -- in the browser --------------------------------------------------------------------


@pytest.mark.browser
def test_markdown_in_a_rejected_row_shows_as_text(app, offline_page, tmp_path):
    upload = tmp_path / "hostile.csv"
    upload.write_text(
        "date,place,country,latitude,longitude,event_type,killed\n"
        "2025-07-21,Kharkiv,UA,49.98,36.25,drone_strike,1\n"
        f'2025-07-21,Sumy,UA,50.91,34.80,drone_strike,"{HOSTILE}"\n',
        encoding="utf-8",
    )
    offline_page.goto(app + "/import")
    wait_for_app(offline_page)
    offline_page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    offline_page.get_by_role("button", name="Import").click()
    offline_page.get_by_text("Result: hostile.csv").wait_for()
    reasons = dataframe_text(offline_page)
    assert "row 3" in reasons and "![x](http://evil.example/track.png) **b" in reasons
    assert offline_page.locator('img[src*="evil.example"], a[href*="evil.example"]').count() == 0
    assert not any("evil.example" in url for url in offline_page.recorder.blocked)
    assert exceptions(offline_page) == 0


@pytest.mark.browser
def test_markdown_in_a_bad_file_name_and_error_shows_as_text(app, offline_page, tmp_path):
    upload = tmp_path / "x_**y**_.json"
    upload.write_text('{"not": "records"', encoding="utf-8")  # cannot be parsed at all
    offline_page.goto(app + "/import")
    wait_for_app(offline_page)
    offline_page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    offline_page.get_by_role("button", name="Import").click()
    error = offline_page.locator('[data-testid="stAlertContentError"]')
    error.wait_for()
    assert error.inner_text().startswith("x_**y**_.json was not imported")
    assert error.locator("strong, em").count() == 0


@pytest.mark.browser
def test_markdown_in_the_extract_date_shows_as_text(app, offline_page):
    offline_page.goto(app + "/extract")
    wait_for_app(offline_page)
    offline_page.get_by_role("textbox", name="Article text").fill("Drones struck Kharkiv, injuring two.")
    offline_page.get_by_role("textbox", name="Publication date").fill(HOSTILE)
    offline_page.get_by_role("button", name="Extract").click()
    error = offline_page.locator('[data-testid="stAlertContentError"]')
    error.wait_for()
    assert HOSTILE in error.inner_text()
    assert offline_page.locator('img[src*="evil.example"]').count() == 0
    assert not any("evil.example" in url for url in offline_page.recorder.blocked)
    assert exceptions(offline_page) == 0


@pytest.mark.browser
def test_a_link_with_impossible_dates_opens_with_a_warning(app, offline_page):
    offline_page.goto(app + "/?from=0001-01-01&to=9999-12-31")
    wait_for_app(offline_page)
    offline_page.get_by_text("is outside 1900-01-01").first.wait_for()
    warnings = offline_page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()
    assert any("from=0001-01-01 is outside" in text for text in warnings), warnings
    assert any("to=9999-12-31 is outside" in text for text in warnings), warnings
    assert exceptions(offline_page) == 0
    assert drawn_records(offline_page) >= 4  # the seed, at least


@pytest.mark.browser
def test_a_link_over_the_query_limit_says_its_filters_were_dropped(app, offline_page):
    places = "&".join(f"place=P{n}" for n in range(1200))
    offline_page.goto(f"{app}/?region={urllib.parse.quote('Sumy Oblast')}&{places}")
    wait_for_app(offline_page)
    note = offline_page.locator(".link-limit")
    note.wait_for()
    assert (
        "1,201 query fields" in note.inner_text() and "none of its filters were applied" in note.inner_text()
    )
    assert exceptions(offline_page) == 0

    offline_page.goto(f"{app}/?region={urllib.parse.quote('Sumy Oblast')}")
    wait_for_app(offline_page)
    assert offline_page.get_by_text("none of its filters were applied").count() == 0


@pytest.mark.browser
def test_no_table_offers_its_own_csv_download(app, offline_page):
    offline_page.goto(app + "/data")
    wait_for_app(offline_page)
    table = offline_page.locator('[data-testid="stDataFrame"]').first
    table.wait_for()
    table.hover()
    toolbar = offline_page.locator('[data-testid="stElementToolbar"]')
    toolbar.first.wait_for(state="attached")
    assert offline_page.get_by_role("button", name="Download as CSV").count() == 0
    assert offline_page.get_by_role("button", name="Search").count() >= 1  # the toolbar is there


def test_a_store_holding_an_impossible_date_still_opens(db_url):
    """A store written before dates were bounded may hold one: the pages still work."""
    from streamlit.testing.v1 import AppTest

    store = Store(db_url)
    store.load_seed_if_empty()
    old = dict(store.read_incidents()[0], id="inc-from-an-old-store", date="0001-01-01")
    store.add([old])
    assert len(store.read_incidents()) == 5
    test = AppTest.from_file(APP, default_timeout=60).run()
    assert not test.exception
    assert test.slider(key="dates").value[0] >= EARLIEST_DATE
    assert {m.label: m.value for m in test.metric}["Incidents"] == "4"
