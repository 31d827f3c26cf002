"""The standalone HTML snapshot opened from disk in real Chromium with all network blocked."""

import io

import pytest
from PIL import Image

from dashboard.map.background import OFFLINE_ATTRIBUTION
from dashboard.snapshot import write_snapshot
from incidents.rules.filters import IncidentFilter
from incidents.storage.store import Store

pytestmark = pytest.mark.browser

READY = "() => window.__snapshot && window.__snapshot.ready"


@pytest.fixture
def seed(db_url):
    """The store holding the seed incidents: what snapshots are asked of."""
    store = Store(db_url)
    store.load_seed_if_empty()
    return store


def test_standalone_html_draws_the_incidents_from_disk_with_no_network(seed, tmp_path, file_page):
    path = tmp_path / "briefing.html"
    write_snapshot(path, seed, IncidentFilter(regions=("Sumy Oblast", "Kharkiv Oblast")), title="Briefing")

    file_page.goto(path.as_uri())
    file_page.wait_for_function(READY)

    assert file_page.locator(".incident-marker").count() == 2
    caption = file_page.locator(".snapshot-caption").inner_text()
    assert "Briefing" in caption and "Region: Sumy Oblast, Kharkiv Oblast" in caption
    assert file_page.locator(".leaflet-control-scale").count() == 1
    assert file_page.locator(".incident-legend").count() == 1
    credits = file_page.locator(".leaflet-control-attribution").inner_text()
    assert OFFLINE_ATTRIBUTION in credits
    assert "Data: 2 records from 1 source, as of " in caption and "sha256" not in caption
    assert file_page.requested == [] and file_page.errors == []


def test_standalone_html_is_interactive(seed, tmp_path, file_page):
    path = tmp_path / "map.html"
    write_snapshot(path, seed)
    file_page.goto(path.as_uri())
    file_page.wait_for_function(READY)
    zoom = lambda: file_page.evaluate("() => window.__snapshot.map.getZoom()")  # noqa: E731

    # The fitted view keeps every symbol clear of the caption and legend: all clickable.
    for index in range(4):
        file_page.locator(".incident-marker").nth(index).click()
        popup = file_page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert "Source" in popup.inner_text()
        file_page.locator(".leaflet-popup-close-button").click()
        popup.wait_for(state="detached")

    before = zoom()
    file_page.locator(".leaflet-control-zoom-in").click()
    file_page.wait_for_function(f"() => window.__snapshot.map.getZoom() === {before + 1}")

    # The layer control switches the incident symbols off and on.
    toggle = file_page.locator(".leaflet-control-layers label", has_text="Incidents").locator("input")
    toggle.uncheck()
    assert file_page.locator(".incident-marker").count() == 0
    toggle.check()
    assert file_page.locator(".incident-marker").count() == 4
    assert file_page.requested == [] and file_page.errors == []


def test_standalone_html_says_when_online_tiles_cannot_be_reached(seed, tmp_path, file_page):
    path = tmp_path / "tiles.html"
    write_snapshot(path, seed, tiles="osm")
    file_page.goto(path.as_uri())
    file_page.wait_for_function(READY)
    assert (
        "could not be reached in time: offline basemap shown"
        in file_page.locator(".snapshot-notes").inner_text()
    )
    assert file_page.locator(".incident-marker").count() == 4
    assert file_page.requested and all("tile.openstreetmap.org" in url for url in file_page.requested)


def test_empty_filter_makes_a_map_that_says_no_incidents(seed, tmp_path, file_page):
    path = tmp_path / "empty.html"
    write_snapshot(path, seed, IncidentFilter(regions=("Nowhere",)))
    file_page.goto(path.as_uri())
    file_page.wait_for_function(READY)
    assert "No incidents match these filters." in file_page.locator(".snapshot-caption").inner_text()
    assert file_page.locator(".incident-marker").count() == 0


def test_many_incidents_are_drawn_as_cells_whose_layers_share_one_copy(tmp_path, file_page):
    """Past `POINT_LIMIT` the map draws cells; its three cell layers carry one copy of
    them, and each draws the cells that have its figure."""
    from dashboard.map.aggregate import POINT_LIMIT

    spots = [(45.0 + row * 1.5, 30.0 + column * 1.5) for row in range(5) for column in range(6)]
    per_spot = POINT_LIMIT // len(spots) + 1
    records = [
        {
            "id": f"cells-{n}-{k}",
            "date": "2025-07-20",
            "place": f"Spot {n}",
            "admin1": "Kharkiv Oblast",
            "country": "UA",
            "latitude": lat + 0.001 * (k % 3),
            "longitude": lon,
            "event_type": "drone_strike",
            "killed": 1 if n < 10 else None,
            "households_without_power": 500 if 20 <= n < 27 else None,
            "source_name": "TEST cells",
        }
        for n, (lat, lon) in enumerate(spots)
        for k in range(per_spot)
    ]
    path = tmp_path / "cells.html"
    write_snapshot(path, records)
    page = path.read_text()
    assert page.count("var given = [") == 1 and page.count("var given = null") == 2

    file_page.goto(path.as_uri())
    file_page.wait_for_function(READY)
    cells = file_page.locator("canvas.incident-cells")
    assert cells.count() == 1  # the three layers paint one canvas
    drawn = {kind: cells.get_attribute(f"data-{kind}-cell") for kind in ("incident", "casualty", "outage")}
    assert drawn == {"incident": "30", "casualty": "10", "outage": "7"}

    # The pointer over a cell shows its figures; off the cells, nothing.
    box = file_page.locator(".folium-map").bounding_box()
    spot = file_page.evaluate(
        """() => {
            const map = Object.values(window).find(v => v instanceof L.Map);
            // A cell in the middle of Ukraine's land, not at the coast.
            const cell = window.incidentCellLevels[0][2].find(
                c => c[0] > 49 && c[0] < 50 && c[1] > 34 && c[1] < 35);
            const p = map.latLngToContainerPoint(cell.slice(0, 2));
            return [p.x, p.y];
        }"""
    )
    # Drawn over the basemap's land (Leaflet's stylesheet puts a canvas under the SVG).
    pixel = file_page.screenshot(
        clip={"x": box["x"] + spot[0], "y": box["y"] + spot[1], "width": 1, "height": 1}
    )
    land = Image.open(io.BytesIO(pixel)).convert("RGB").getpixel((0, 0))
    assert land != (0xF6, 0xF3, 0xEC), "the cell is hidden under the land fill"
    file_page.mouse.move(box["x"] + spot[0], box["y"] + spot[1])
    tip = file_page.locator(".leaflet-tooltip")
    tip.wait_for()
    assert "incidents" in tip.inner_text() and "zoom in for detail" in tip.inner_text()
    file_page.mouse.move(box["x"] + 3, box["y"] + box["height"] - 3)
    tip.wait_for(state="detached")

    # A layer turned off in the layer control is no longer painted; the others are.
    file_page.locator(".leaflet-control-layers label", has_text="Casualties").locator("input").uncheck()
    file_page.wait_for_function("() => !document.querySelector('canvas.incident-cells[data-casualty-cell]')")
    assert cells.get_attribute("data-incident-cell") == "30"
    assert file_page.errors == []
