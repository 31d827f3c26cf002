"""The tables of a record an import changed have a `revised` column, and the running
dashboard shows the popup line and the column."""

import pytest

from dashboard.views.widgets import table_frame
from tests.browser import click_steadily, folium_frame, streamlit_server, wait_for_app
from tests.dashboard.conftest import PAYLOAD, revised_lookup


def test_the_table_has_a_revised_column(revised_store):
    store, kharkiv = revised_store
    table = table_frame(store.query(), revised=revised_lookup(store))
    revised = dict(zip(store.query()["id"], table["revised"], strict=True))
    assert revised[kharkiv["id"]].startswith(f"injured {kharkiv['injured']} → 5, damage ")
    assert sum(isinstance(text, str) for text in revised.values()) == 1
    assert "revised" not in table_frame(store.query())


@pytest.mark.browser
def test_the_dashboard_shows_the_revised_line(revised_store, offline_page):
    store, kharkiv = revised_store
    with streamlit_server(store.url) as base:
        offline_page.goto(base + "/?region=Kharkiv%20Oblast")
        wait_for_app(offline_page)
        frame = folium_frame(offline_page)
        marker = frame.locator(".incident-marker")
        marker.first.wait_for()
        click_steadily(offline_page, marker.first)
        popup = frame.locator(".leaflet-popup-content").last
        popup.wait_for()
        text = popup.inner_text()
        assert f"revised: injured {kharkiv['injured']} → 5" in text
        assert PAYLOAD[:20] in text  # shown as text, not markup
        offline_page.goto(base + "/data?region=Kharkiv%20Oblast")
        wait_for_app(offline_page)
        table = offline_page.locator('[data-testid="stDataFrame"]').first
        table.locator('[role="gridcell"]').first.wait_for(state="attached")
        # The grid holds the cells in view: scrolled to its last column, "revised".
        table.locator(".dvn-scroller").evaluate("element => { element.scrollLeft = element.scrollWidth; }")
        offline_page.wait_for_function(
            "text => Array.from(document.querySelectorAll('[role=\"gridcell\"]'))"
            ".some(cell => cell.textContent.includes(text))",
            arg=f"injured {kharkiv['injured']} → 5, damage",
        )
        assert offline_page.recorder.page_errors == []
