"""Each map layer in a real browser, against `streamlit run`, with the network blocked."""

import pytest

from incidents.importing.seed import read_seed
from incidents.storage.store import Store
from tests.browser import click_steadily, folium_frame, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

SUMY = (50.91741, 34.79906)
ONE_DAY = "?from=2025-07-20&to=2025-07-20"
PAYLOAD = "<img src=x onerror=alert(1)>"


def open_map(page, url):
    page.goto(url)
    wait_for_app(page)
    locator = folium_frame(page)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.wait_for_function("() => (window.incidentLayersDrawn || 0) > 0")
    return locator, frame


def centres(frame, selector):
    return frame.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector)).map(el => {
            const box = el.getBoundingClientRect();
            return {x: box.x + box.width / 2, y: box.y + box.height / 2, size: box.width};
        })""",
        selector,
    )


def pixel_of(frame, lat, lon):
    return frame.evaluate(
        "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]);"
        " const r = window.map.getContainer().getBoundingClientRect();"
        " return {x: p.x + r.x, y: p.y + r.y}; }",
        [lat, lon],
    )


def nearest(items, point):
    return min(items, key=lambda c: (c["x"] - point["x"]) ** 2 + (c["y"] - point["y"]) ** 2)


def test_casualty_circles_are_sized_by_people_hurt(seeded_app, offline_page):
    _, frame = open_map(offline_page, seeded_app + ONE_DAY)
    circles = centres(frame, "path.casualty-circle")
    # Zaporizhzhia, Kharkiv and Sumy report injured; Zelenograd reports none: no circle.
    assert len(circles) == 3
    assert len(centres(frame, ".incident-marker")) == 4
    zelenograd = pixel_of(frame, 55.9825, 37.18139)
    assert all(abs(c["x"] - zelenograd["x"]) + abs(c["y"] - zelenograd["y"]) > 5 for c in circles)
    sumy = nearest(circles, pixel_of(frame, *SUMY))
    assert sumy["size"] > 8
    assert offline_page.recorder.blocked == [] and offline_page.recorder.failed == []


def test_outage_layer_shows_sumy_only(seeded_app, offline_page):
    _, frame = open_map(offline_page, seeded_app + ONE_DAY)
    outages = centres(frame, "path.outage-circle")
    assert len(outages) == 1
    sumy = pixel_of(frame, *SUMY)
    assert abs(outages[0]["x"] - sumy["x"]) < 3 and abs(outages[0]["y"] - sumy["y"]) < 3


def test_layer_control_hides_a_layer(seeded_app, offline_page):
    locator, frame = open_map(offline_page, seeded_app + ONE_DAY)
    assert len(centres(frame, "path.outage-circle")) == 1
    locator.get_by_label("Power outages").uncheck()
    assert len(centres(frame, "path.outage-circle")) == 0
    assert len(centres(frame, ".incident-marker")) == 4


def test_app_layer_choice_from_the_link(seeded_app, offline_page):
    _, frame = open_map(offline_page, seeded_app + ONE_DAY + "&layers=incidents,regions")
    assert len(centres(frame, "path.casualty-circle")) == 0
    assert len(centres(frame, "path.outage-circle")) == 0
    # Three Ukrainian oblasts and Moscow: each region filled, once.
    assert len(centres(frame, "path.region-choropleth")) == 4


def test_legend_explains_the_layers_shown(seeded_app, offline_page):
    locator, _ = open_map(offline_page, seeded_app + ONE_DAY)
    legend = locator.locator(".incident-legend").inner_text()
    assert "Casualties" in legend and "Power outages" in legend and "drone strike" in legend
    assert locator.locator(".leaflet-control-scale").count() == 1


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'incidents.sqlite'}"
    incidents, _ = read_seed()
    record = {
        **incidents[2],
        "id": "hostile-1",
        "description": PAYLOAD,
        "damage": PAYLOAD,
        "source_url": "javascript:alert(2)",
    }
    Store(url).add([record])
    with streamlit_server(url) as base:
        yield base


def test_record_text_is_shown_not_run(hostile_app, offline_page):
    locator, frame = open_map(offline_page, hostile_app)
    click_steadily(offline_page, locator.locator(".incident-marker").first)
    popup = locator.locator(".leaflet-popup-content")
    popup.wait_for()
    assert PAYLOAD in popup.inner_text()
    assert popup.locator("img").count() == 0
    assert popup.locator("a").count() == 0  # a javascript: URL is not a link
    assert offline_page.recorder.dialogs == []
    assert offline_page.recorder.page_errors == []


def test_heat_layer_draws_a_density_canvas(seeded_app, offline_page):
    locator, frame = open_map(offline_page, seeded_app + ONE_DAY + "&layers=heat")
    assert locator.locator("canvas.leaflet-heatmap-layer").count() == 1
    assert len(centres(frame, ".incident-marker")) == 0
    # Visible at the national view and zoomed in alike (Leaflet.heat fades points below
    # its max_zoom: at zoom 5 they had vanished).
    for zoom in (5, 9):
        frame.evaluate("(z) => window.map.setView([49.5, 35.5], z, {animate: false})", zoom)
        offline_page.wait_for_timeout(300)  # the heat canvas redraws on the next animation frame
        painted = frame.evaluate(
            """() => { const c = document.querySelector("canvas.leaflet-heatmap-layer");
                const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
                let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 60) n++; return n; }"""
        )
        assert painted > 200, f"zoom {zoom}: {painted} visible heat pixels"
    assert offline_page.recorder.failed == []
