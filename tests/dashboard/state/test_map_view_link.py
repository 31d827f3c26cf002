"""The map's centre and zoom in the link (`view=lat,lon,zoom`), parsed and written
without Streamlit, and the region fit a link without it implies."""

import dataclasses
import math

import pytest

from dashboard.map.build import MAX_ZOOM, MIN_ZOOM, region_bounds, view_for_bounds
from dashboard.state.link import MapView, ViewState, view_from_query, view_to_query


def test_a_view_round_trips_rounded_to_four_decimals():
    view, problems = view_from_query({"view": "50.123456,36.23,9", "region": "Kharkiv Oblast"})
    assert problems == []
    assert view.map_view == MapView(50.1235, 36.23, 9)
    assert view_to_query(view) == {"region": "Kharkiv Oblast", "view": "50.1235,36.23,9"}
    again, problems = view_from_query(view_to_query(view))
    assert (again, problems) == (view, [])


def test_no_view_leaves_the_link_without_one():
    view, problems = view_from_query({})
    assert (view.map_view, problems) == (None, [])
    assert "view" not in view_to_query(ViewState())


@pytest.mark.parametrize(
    ("raw", "expected", "says"),
    [
        (
            "50,36,25",
            MapView(50.0, 36.0, MAX_ZOOM),
            "zoom 25 is outside 3 to 18; 18 is used",
        ),
        ("50,36,1", MapView(50.0, 36.0, MIN_ZOOM), "zoom 1 is outside 3 to 18; 3 is used"),
        ("50,36,7.6", MapView(50.0, 36.0, 8), "zoom 7.6 is not a whole level; 8 is used"),
    ],
)
def test_a_zoom_out_of_range_or_between_levels_is_brought_in_and_said(raw, expected, says):
    view, problems = view_from_query({"view": raw})
    assert view.map_view == expected
    assert len(problems) == 1 and says in problems[0]


@pytest.mark.parametrize("raw", ["", "50,36", "50,36,9,1", "north,36,9", "95,36,9", "50,200,9", "nan,36,9"])
def test_a_bad_view_is_dropped_with_a_reason_and_the_rest_kept(raw):
    view, problems = view_from_query({"view": raw, "from": "2025-07-20"})
    assert view.map_view is None
    assert view.record_filter.date_from.isoformat() == "2025-07-20"
    if raw:  # an empty parameter is no parameter, as for every other one
        assert len(problems) == 1 and problems[0].startswith(f"view={raw!r} is not")


def test_the_last_view_wins_when_repeated():
    view, _ = view_from_query({"view": ["49,30,5", "50,36,9"]})
    assert view.map_view == MapView(50.0, 36.0, 9)


def test_a_move_means_more_than_rounding():
    here = MapView(50.0, 36.0, 9)
    pixel = 360 / (256 * 2**9)
    assert not MapView.of(50.0 + pixel / 2, 36.0 - pixel / 2, 9).moved_from(here)
    assert MapView.of(50.0 + 3 * pixel, 36.0, 9).moved_from(here)
    assert dataclasses.replace(here, zoom=10).moved_from(here)
    assert here.moved_from(None)


def test_a_region_is_fitted_inside_the_map():
    bounds = region_bounds(["Kharkiv Oblast"])
    (south, west), (north, east) = bounds
    # Kharkiv Oblast lies around 48.5-50.5 N, 34.8-38.1 E.
    assert 48 < south < 49 and 50 < north < 51 and 34 < west < 35.5 and 37.5 < east < 38.5
    lat, lon, zoom = view_for_bounds(bounds, width=800, height=560)
    assert south < lat < north and west < lon < east
    # At this zoom the region fits in 800 x 560 pixels less the 30-pixel padding; one
    # level closer it does not (Leaflet's pixels: 256 * 2^zoom around the world).

    def pixels(z):
        world = 256 * 2**z
        y = lambda lat: world * (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2  # noqa: E731
        return (east - west) / 360 * world, y(south) - y(north)

    wide, high = pixels(zoom)
    assert wide <= 740 and high <= 500
    wide, high = pixels(zoom + 1)
    assert wide > 740 or high > 500


def test_unknown_regions_have_no_bounds():
    assert region_bounds(["Nowhere Oblast"]) is None
    assert region_bounds([]) is None
