"""The dashboard URL contract of DESIGN.md, parsed and written without Streamlit."""

import datetime as dt

from dashboard.state.link import ViewState, view_from_query, view_to_query
from incidents.rules.filters import IncidentFilter


def test_the_design_example_round_trips():
    query = {
        "from": "2025-07-20",
        "to": "2025-07-20",
        "region": "Kharkiv Oblast",
        "layers": "incidents,casualties,outages",
    }
    view, problems = view_from_query(query)
    assert problems == []
    assert view.record_filter.date_from == dt.date(2025, 7, 20)
    assert view.record_filter.regions == ("Kharkiv Oblast",)
    assert view.layers == ("incidents", "casualties", "outages")
    # Default layers are left out of the link; everything else comes back as it went in.
    assert view_to_query(view) == {
        "from": "2025-07-20",
        "to": "2025-07-20",
        "region": "Kharkiv Oblast",
    }


def test_region_and_type_repeat():
    view, problems = view_from_query(
        {"region": ["Sumy Oblast", "Kharkiv Oblast"], "type": ["drone_strike", "shelling"]}
    )
    assert problems == []
    assert view.record_filter.regions == ("Sumy Oblast", "Kharkiv Oblast")
    assert view_to_query(view)["type"] == ["drone_strike", "shelling"]


def test_every_filter_survives_a_round_trip():
    view = ViewState(
        IncidentFilter(
            date_from="2025-07-01",
            date_to="2025-07-31",
            countries=("UA",),
            regions=("Sumy Oblast",),
            places=("Sumy",),
            event_types=("drone_strike",),
            attacker="RU",
            min_killed=1,
            min_injured=0,
            text="power",
        ),
        layers=("heat",),
        tiles="osm",
    )
    again, problems = view_from_query(view_to_query(view))
    assert problems == []
    assert again == view


def test_bad_parts_are_dropped_with_a_reason_and_the_rest_kept():
    view, problems = view_from_query(
        {
            "from": "20.07.2025",
            "to": "2025-07-21",
            "attacker": "NATO",
            "min_killed": "-1",
            "layers": "incidents,bogus",
            "tiles": "x",
        }
    )
    assert view.record_filter.date_from is None
    assert view.record_filter.date_to == dt.date(2025, 7, 21)
    assert view.record_filter.attacker is None and view.record_filter.min_killed is None
    assert view.layers == ("incidents",) and view.tiles is None
    assert len(problems) == 5
    assert any("'20.07.2025' is not a date" in p for p in problems)


def test_reversed_dates_are_swapped_and_said():
    view, problems = view_from_query({"from": "2025-07-21", "to": "2025-07-20"})
    assert (view.record_filter.date_from, view.record_filter.date_to) == (
        dt.date(2025, 7, 20),
        dt.date(2025, 7, 21),
    )
    assert problems and "swapped" in problems[0]


def test_an_empty_layer_list_means_no_layers():
    view, _ = view_from_query({"layers": ""})
    assert view.layers == ()
