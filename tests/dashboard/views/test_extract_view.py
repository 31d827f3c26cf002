"""The Extract view, driven in-process with AppTest on the real app and a fresh store."""

import html
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from incidents.storage.store import Store

ROOT = Path(__file__).resolve().parents[3]
APP = str(ROOT / "dashboard" / "app.py")
SEED_REPORT = ROOT.parent / "shared" / "seed" / "report-2025-07-22.txt"
INCIDENT_EDITOR = "extract_incident_editor"


@pytest.fixture
def seed_text() -> str:
    if not SEED_REPORT.is_file():
        message = f"the seed report is not at {SEED_REPORT}: check out shared/ beside the repo"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return SEED_REPORT.read_text(encoding="utf-8")


@pytest.fixture
def extract_page(db_url):
    """The app opened on its Extract page (a page file, so `switch_page` finds it; the
    first run registers the pages st.navigation knows)."""
    test = AppTest.from_file(APP, default_timeout=120).run()
    test.switch_page("app_pages/extract.py").run()
    assert not test.exception
    assert test.header[0].value == "Extract incidents from a news report"
    return test


def extract(test, text: str, published: str = "", source: str = "") -> AppTest:
    test.text_area(key="extract_text").set_value(text)
    test.text_input(key="extract_published").set_value(published)
    test.text_input(key="extract_source_name").set_value(source)
    return test.button(key="extract_button").click().run()


def metrics(test) -> dict[str, str]:
    return {metric.label: metric.value for metric in test.metric}


def test_the_seed_report_gives_four_incidents_and_three_air_defence_reports(extract_page, seed_text):
    test = extract(extract_page, seed_text)
    assert not test.exception and not test.error
    incidents, defence = (editor.value for editor in test.data_editor)
    assert list(incidents["place"]) == ["Zaporizhzhia", "Kharkiv", "Sumy", "Zelenograd"]
    assert incidents["accept"].all()
    assert "7-year-old son" in incidents.loc[2, "evidence"]
    assert list(defence["shot_down"]) == [18, 93, 13]
    # The dateline fills the publication date the analyst left empty.
    assert test.text_input(key="extract_published").value == "2025-07-22"
    assert test.button(key="extract_save").label == "Save 7 accepted record(s)"


def test_unticking_a_row_saves_the_others_with_the_article_as_source(extract_page, seed_text, db_url):
    test = extract(extract_page, seed_text, source="Kyiv Post")
    test.session_state[INCIDENT_EDITOR] = {
        "edited_rows": {1: {"accept": False}},
        "added_rows": [],
        "deleted_rows": [],
    }
    test.run()
    test.session_state["extract_defence_editor"] = {
        "edited_rows": {0: {"accept": False}, 1: {"accept": False}, 2: {"accept": False}},
        "added_rows": [],
        "deleted_rows": [],
    }
    test.run().button(key="extract_save").click().run()
    assert not test.exception
    # The seed holds these very strikes (from the same article): each saved record is
    # attached to its incident as the Kyiv Post's report of it (issue 17).
    assert metrics(test) == {
        "Read": "3",
        "Stored": "0",
        "Attached": "3",
        "Updated": "0",
        "Duplicates": "0",
        "Rejected": "0",
    }
    store = Store(db_url)
    told = store.reports([r["id"] for r in store.read_incidents()])
    saved = [r for reports in told.values() for r in reports if r["source_name"] == "Kyiv Post"]
    assert sorted(r["place"] for r in saved) == ["Sumy", "Zaporizhzhia", "Zelenograd"]
    assert {r["source_published"] for r in saved} == {"2025-07-22"}
    sumy = next(r for r in saved if r["place"] == "Sumy")
    assert (sumy["injured"], sumy["children_injured"], sumy["households_without_power"]) == (
        2,
        1,
        100,
    )
    assert sumy["killed"] is None  # not reported stays unknown
    assert sumy["description"].startswith("Later Sunday, in Sumy")


def test_an_edited_place_is_geocoded_again_and_a_bad_date_is_rejected_with_its_reason(
    extract_page, seed_text, db_url
):
    test = extract(extract_page, seed_text, source="Edited")
    test.session_state[INCIDENT_EDITOR] = {
        "edited_rows": {
            0: {"place": "Dnipro"},
            1: {"date": "2025-07-40"},
            2: {"accept": False},
            3: {"accept": False},
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    test.run()
    test.session_state["extract_defence_editor"] = {
        "edited_rows": {i: {"accept": False} for i in range(3)},
        "added_rows": [],
        "deleted_rows": [],
    }
    test.run().button(key="extract_save").click().run()
    assert not test.exception
    assert metrics(test)["Stored"] == "1" and metrics(test)["Rejected"] == "1"
    rejections = test.dataframe[-1].value
    assert "2025-07-40" in rejections.loc[0, "reason"] and "Kharkiv" in rejections.loc[0, "row"]
    (dnipro,) = [r for r in Store(db_url).read_incidents() if r["source_name"] == "Edited"]
    assert (dnipro["place"], dnipro["admin1"]) == ("Dnipro", "Dnipropetrovsk Oblast")
    assert 48 < dnipro["latitude"] < 49


def test_a_bad_publication_date_gives_a_message_not_a_traceback(extract_page):
    test = extract(extract_page, "In Kherson, shelling killed two men on Monday.", published="22/13/2025")
    assert not test.exception
    assert "'22/13/2025' is not a date" in html.unescape(test.error[0].value)  # as shown
    assert not test.data_editor


def test_text_without_dateline_or_date_asks_for_the_date(extract_page):
    test = extract(extract_page, "In Kherson, shelling killed two men on Monday.")
    assert not test.exception
    assert "no publication date" in html.unescape(test.error[0].value)
    test = extract(test, "In Kherson, shelling killed two men on Monday.", published="2025-07-22")
    assert not test.error
    (row,) = test.data_editor[0].value.to_dict("records")
    assert (row["place"], row["killed"], row["date"]) == ("Kherson", 2, "2025-07-21")


def test_an_html_upload_gives_its_text_without_the_script(extract_page):
    page = (
        b"<html><head><title>News</title>"
        b"<script>alert('In Sumy, a drone killed 9 people.')</script>"
        b"</head><body><p>In <b>Sumy</b>, a drone strike wounded two women.</p></body></html>"
    )
    test = extract_page
    test.get("file_uploader")[0].set_value(("report.html", page, "text/html"))
    test.run()
    text = test.text_area(key="extract_text").value
    assert "In Sumy, a drone strike wounded two women." in text
    assert "alert" not in text and "<" not in text
    test = extract(test, text, published="2025-07-22")
    (row,) = test.data_editor[0].value.to_dict("records")
    assert (row["place"], row["injured"]) == ("Sumy", 2)
