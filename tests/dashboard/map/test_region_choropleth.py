"""Region boundaries and the choropleth in a real browser, network blocked: records in
two oblasts colour those two; a click on one filters to it and writes it into the link."""

import urllib.parse

import pytest

from incidents.importing.seed import read_seed
from incidents.storage.store import Store
from tests.browser import folium_frame, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

TWO_OBLASTS = {"Kharkiv Oblast", "Sumy Oblast"}


@pytest.fixture(scope="module")
def two_oblast_app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('two') / 'incidents.sqlite'}"
    incidents, _ = read_seed()
    Store(url).add([r for r in incidents if r["admin1"] in TWO_OBLASTS])
    with streamlit_server(url) as base:
        yield base


def _frame(page):
    folium_frame(page)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.wait_for_function("() => document.querySelectorAll('path.region-choropleth').length > 0")
    return frame


def _point_on_region(frame, name):
    """A point of the frame where the region's own fill is the topmost element (not a
    marker, not a circle): the first such on a grid over its box."""
    return frame.evaluate(
        """(name) => {
            const path = Array.from(document.querySelectorAll('path.region-choropleth'))
                .find(p => p.getAttribute('data-region') === name);
            const b = path.getBoundingClientRect();
            for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
                const x = b.left + b.width * i / 12, y = b.top + b.height * j / 12;
                if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) continue;
                if (document.elementFromPoint(x, y) === path) return {x, y};
            }
            return null;
        }""",
        name,
    )


def test_boundaries_draw_and_the_choropleth_colours_the_two_oblasts(two_oblast_app, offline_page):
    offline_page.goto(two_oblast_app + "?layers=incidents,regions")
    wait_for_app(offline_page)
    frame = _frame(offline_page)
    # 27 Ukrainian regions and 83 Russian subjects, each one outline.
    assert frame.locator("path.region-boundary").count() == 110
    coloured = frame.evaluate(
        "() => Array.from(document.querySelectorAll('path.region-choropleth'))"
        ".map(p => [p.getAttribute('data-region'), p.getAttribute('fill')])"
    )
    assert {name for name, _ in coloured} == TWO_OBLASTS and len(coloured) == 2
    assert all(fill and fill != "none" for _, fill in coloured)
    legend = frame.locator(".incident-legend").inner_text()
    assert "Incidents per region" in legend
    assert offline_page.recorder.blocked == [] and offline_page.recorder.page_errors == []


def test_a_click_on_an_oblast_filters_to_it_and_writes_the_link(two_oblast_app, offline_page):
    offline_page.goto(two_oblast_app + "?layers=incidents,regions")
    wait_for_app(offline_page)
    frame = _frame(offline_page)
    offline_page.locator('iframe[title="streamlit_folium.st_folium"]').scroll_into_view_if_needed()
    point = _point_on_region(frame, "Kharkiv Oblast")
    box = offline_page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    offline_page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    offline_page.wait_for_function(
        "() => decodeURIComponent(location.search.replace(/\\+/g, ' ')).includes('region=Kharkiv Oblast')",
        timeout=30_000,
    )
    wait_for_app(offline_page)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(offline_page.url).query)
    assert query["region"] == ["Kharkiv Oblast"]
    # The Region list shows the choice (its options are not in the page until opened).
    region_list = offline_page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(1)
    assert "Kharkiv Oblast" in region_list.inner_text()
    frame = _frame(offline_page)
    frame.wait_for_function(
        "() => Array.from(document.querySelectorAll('path.region-choropleth'))"
        ".map(p => p.getAttribute('data-region')).join() === 'Kharkiv Oblast'"
    )
    assert offline_page.recorder.blocked == [] and offline_page.recorder.page_errors == []
