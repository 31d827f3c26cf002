"""The map's centre and zoom travel in the link, in a real browser, offline."""

import pytest

from incidents.storage.store import Store
from tests.browser import folium_frame, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('mapview') / 'incidents.sqlite'}"
    Store(url).load_seed_if_empty()
    with streamlit_server(url) as base:
        yield base


def map_view(frame) -> tuple[float, float, int]:
    return frame.locator(".leaflet-container").evaluate(
        "() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }"
    )


def test_a_link_with_a_view_reopens_that_view_and_a_pan_writes_it(app, offline_page):
    offline_page.goto(app + "/?view=50.45,30.52,9")
    wait_for_app(offline_page)
    frame = folium_frame(offline_page)
    frame.locator(".leaflet-container").evaluate(
        "() => new Promise(r => { const ok = () => window.map.getZoom() === 9;"
        " if (ok()) r(); else window.map.once('moveend', () => r()); })"
    )
    lat, lon, zoom = map_view(frame)
    assert (round(lat, 2), round(lon, 2), zoom) == (50.45, 30.52, 9)
    assert "view=50.45%2C30.52%2C9" in offline_page.url or "view=50.45,30.52,9" in offline_page.url
    # A pan by the user: the link follows, rounded to 4 decimals.
    frame.locator(".leaflet-container").evaluate("() => window.map.setView([49.99, 36.23], 8)")
    offline_page.wait_for_function(
        "() => /view=49\\.99(%2C|,)36\\.23(%2C|,)8/.test(location.search)", timeout=30_000
    )
    assert offline_page.recorder.blocked == [] and offline_page.recorder.failed == []


def test_a_region_link_fits_the_map_to_the_region(app, offline_page):
    offline_page.goto(app + "/?region=Kharkiv%20Oblast")
    wait_for_app(offline_page)
    frame = folium_frame(offline_page)
    # Kharkiv Oblast spans about 48.5-50.4 N, 34.8-38.1 E: the map is sent inside it.
    frame.locator(".leaflet-container").evaluate(
        "() => new Promise(r => { const inside = () => window.map.getCenter().lng > 34.8;"
        " if (inside()) r(); else window.map.once('moveend', () => r()); })"
    )
    lat, lon, zoom = map_view(frame)
    assert 48.5 < lat < 50.4 and 34.8 < lon < 38.1 and zoom >= 6
    # Sent there, not moved there: the link keeps only the region.
    assert "view=" not in offline_page.url
