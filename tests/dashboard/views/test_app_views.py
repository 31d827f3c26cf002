"""The dashboard's views in a real browser against `streamlit run`, offline."""

import pytest

from incidents.importing.seed import read_seed
from incidents.storage.store import Store
from tests.browser import dataframe_text, drawn_records, folium_frame, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

# A TEST record (not a real incident) five days after the seed strikes, so the date
# slider has something to move across.
LATER = {
    **read_seed()[0][1],
    "id": "test-later",
    "date": "2025-07-25",
    "injured": 5,
    "description": "TEST record for the slider",
    "source_name": "test fixture",
}


@pytest.fixture(scope="module")
def app_with_two_days(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('views') / 'incidents.sqlite'}"
    store = Store(url)
    store.load_seed_if_empty()
    store.add([LATER])
    with streamlit_server(url) as base:
        yield base


def metrics(page, first: str = "Incidents") -> dict[str, str]:
    """The metrics shown, once the one labelled `first` is drawn (on a loaded machine a
    page's first run may still be going)."""
    values = {}
    page.locator('[data-testid="stMetricLabel"]', has_text=first).first.wait_for()
    for metric in page.locator('[data-testid="stMetric"]').all():
        label = metric.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        values[label] = metric.locator('[data-testid="stMetricValue"]').inner_text().strip()
    return values


def wait_for_metric(page, label: str, value: str) -> None:
    """Wait until the metric shows the value: a rerun finishes a moment after the click."""
    page.wait_for_function(
        """([label, value]) => Array.from(document.querySelectorAll('[data-testid="stMetric"]')).some(
            m => m.querySelector('[data-testid="stMetricLabel"]').innerText.trim() === label
                 && m.querySelector('[data-testid="stMetricValue"]').innerText.trim() === value)""",
        arg=[label, value],
    )


def test_a_link_opens_the_filtered_view(app_with_two_days, offline_page):
    offline_page.goto(app_with_two_days + "/?from=2025-07-20&to=2025-07-20&region=Sumy%20Oblast")
    wait_for_app(offline_page)
    # The four totals are drawn one after another: each is waited for, then all read.
    for label, value in (("Incidents", "1"), ("Injured", "2"), ("Households without power", "100")):
        wait_for_metric(offline_page, label, value)
    got = metrics(offline_page)
    assert (got["Incidents"], got["Injured"], got["Households without power"]) == ("1", "2", "100")
    assert drawn_records(offline_page) == 1
    assert offline_page.recorder.blocked == [] and offline_page.recorder.failed == []


def test_moving_the_slider_changes_map_totals_and_link(app_with_two_days, offline_page):
    offline_page.goto(app_with_two_days + "/?from=2025-07-20&to=2025-07-25")
    wait_for_app(offline_page)
    assert metrics(offline_page)["Incidents"] == "5"
    assert drawn_records(offline_page) == 5
    upper = offline_page.locator('[data-testid="stSlider"] input[type="range"]').nth(1)
    upper.focus()
    upper.press("ArrowLeft")  # one day earlier: the TEST record of the 25th drops out
    offline_page.wait_for_function("() => location.search.includes('to=2025-07-24')")
    wait_for_metric(offline_page, "Incidents", "4")
    wait_for_metric(offline_page, "Injured", "6")  # metrics redraw one after another
    frame = folium_frame(offline_page)
    # The TEST record's group with the Kharkiv strike is gone: four symbols, none grouped.
    frame.locator(".incident-cluster").first.wait_for(state="detached")
    assert frame.locator(".incident-marker").count() == 4


def test_an_upload_shows_the_accounting_and_the_rejected_rows(app_with_two_days, offline_page, tmp_path):
    upload = tmp_path / "mixed.csv"
    upload.write_text(
        "date,place,country,latitude,longitude,event_type,attacker,injured,source_name\n"
        "2025-07-21,Kharkiv,UA,49.98,36.25,drone_strike,RU,1,TEST upload\n"
        "2025-07-21,Sumy,UA,50.91,34.80,missile_strike,RU,3,TEST upload\n"
        "2025-07-21,Sumy,UA,95.00,34.80,drone_strike,RU,1,TEST upload\n",
        encoding="utf-8",
    )
    offline_page.goto(app_with_two_days + "/import")
    wait_for_app(offline_page)
    offline_page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    offline_page.get_by_role("button", name="Import").click()
    offline_page.get_by_text("Result: mixed.csv").wait_for()
    got = metrics(offline_page, first="Read")
    assert (got["Read"], got["Stored"], got["Rejected"]) == ("3", "2", "1")
    reasons = dataframe_text(offline_page)
    assert "row 4" in reasons and "95" in reasons  # which row, and the latitude out of range
    assert offline_page.recorder.page_errors == []
