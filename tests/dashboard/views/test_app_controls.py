"""The dashboard's controls and totals, driven in-process with Streamlit's AppTest."""

import html
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.cli.served import run_after_map_report

APP = str(Path(__file__).resolve().parents[3] / "dashboard" / "app.py")


@pytest.fixture
def app(db_url):
    def open_with(**query):
        test = AppTest.from_file(APP, default_timeout=60)
        for key, value in query.items():
            test.query_params[key] = value
        return test.run()

    return open_with


def metrics(test) -> dict[str, str]:
    return {metric.label: metric.value for metric in test.metric}


def test_one_day_link_gives_the_seed_totals(app):
    test = app(**{"from": "2025-07-20", "to": "2025-07-20"})
    assert not test.exception
    got = metrics(test)
    assert got["Incidents"] == "4"
    assert got["Injured"] == "6"
    assert got["Households without power"] == "100"


def test_a_region_in_the_link_narrows_the_totals(app):
    test = app(**{"from": "2025-07-20", "to": "2025-07-20", "region": "Sumy Oblast"})
    got = metrics(test)
    assert (got["Incidents"], got["Injured"], got["Households without power"]) == ("1", "2", "100")
    assert test.sidebar.multiselect(key="regions").value == ["Sumy Oblast"]


def test_a_range_without_incidents_shows_zeros_and_says_so(app):
    test = app(**{"from": "2024-01-01", "to": "2024-01-31"})
    assert not test.exception
    got = metrics(test)
    assert (got["Incidents"], got["Killed"], got["Injured"], got["Households without power"]) == (
        "0",
        "0",
        "0",
        "0",
    )
    assert any("No incidents match" in info.value for info in test.info)


def test_unreported_figures_are_named_not_hidden(app):
    test = app(**{"from": "2025-07-20", "to": "2025-07-20"})
    captions = " ".join(caption.value for caption in test.caption)
    assert "3 of 4 records do not report killed" in captions
    assert "Children: 0 killed, 1 injured" in captions


def test_changing_a_control_updates_totals_and_the_url(app):
    test = app(**{"from": "2025-07-20", "to": "2025-07-20"})
    test.sidebar.multiselect(key="countries").set_value(["RU"]).run()
    got = metrics(test)
    assert (got["Incidents"], got["Injured"]) == ("1", "0")
    assert test.query_params["country"] == "RU"
    assert test.query_params["from"] == "2025-07-20"


def test_a_bad_link_opens_with_a_warning_not_a_traceback(app):
    test = app(**{"from": "yesterday", "type": "nuke", "layers": "incidents,bogus"})
    assert not test.exception
    # The warnings are markdown showing the link's text literally: read them as shown.
    warnings = " ".join(html.unescape(w.value) for w in test.sidebar.warning)
    assert "'yesterday' is not a date" in warnings
    assert "'nuke' is not an event type" in warnings
    assert "'bogus' is unknown" in warnings
    assert metrics(test)["Incidents"] == "4"


def test_what_lies_under_the_map_follows_the_maps_first_report(app):
    test = app(**{"from": "2025-07-20", "to": "2025-07-20"})
    assert metrics(test)["Incidents"] == "4"
    assert not test.dataframe and not test.get("vega_lite_chart")
    assert any("follow once the map is drawn" in caption.value for caption in test.caption)
    run_after_map_report(test)
    assert not test.exception
    assert len(test.dataframe) == 2  # the incidents and the air-defence claims
    assert test.get("vega_lite_chart"), "the timeline is drawn"
    assert not any("follow once the map is drawn" in caption.value for caption in test.caption)


def test_air_defence_claims_are_shown_per_side(app):
    test = run_after_map_report(app(**{"from": "2025-07-20", "to": "2025-07-20"}))
    frames = [frame.value for frame in test.dataframe]
    claims = next(f for f in frames if "Reported by" in f.columns)
    assert set(claims["Reported by"]) == {"Ukrainian Air Force", "Russian Defence Ministry"}
    ukraine = claims[claims["Area"] == "Ukraine"].iloc[0]
    assert (ukraine["Launched"], ukraine["Shot down"]) == (57, 18)
