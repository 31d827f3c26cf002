"""`make run`'s dashboard in a real browser with every non-localhost request blocked."""

import pytest

from tests.browser import click_steadily, folium_frame, wait_for_app

pytestmark = pytest.mark.browser


def test_map_draws_the_four_seed_incidents_offline(seeded_app, offline_page):
    offline_page.goto(seeded_app)
    wait_for_app(offline_page)
    frame = folium_frame(offline_page)

    markers = frame.locator(".incident-marker")
    markers.first.wait_for()
    assert markers.count() == 4

    recorder = offline_page.recorder
    assert recorder.blocked == [], "the page asked for something beyond this machine"
    assert recorder.failed == []
    assert recorder.page_errors == []


def test_a_popup_names_place_casualties_and_source(seeded_app, offline_page):
    offline_page.goto(seeded_app)
    wait_for_app(offline_page)
    frame = folium_frame(offline_page)
    # Sumy is the only incident with an outage; open every popup until it shows.
    markers = frame.locator(".incident-marker")
    markers.first.wait_for()
    opened = frame.locator(".leaflet-container").evaluate(
        "() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }"
    )
    texts = []
    for index in range(markers.count()):
        click_steadily(offline_page, markers.nth(index))
        popup = frame.locator(".leaflet-popup-content").last
        popup.wait_for()
        texts.append(popup.inner_text())
        frame.locator(".leaflet-popup-close-button").last.click()
        frame.locator(".leaflet-popup").first.wait_for(state="detached")
        # A popup pans the map to fit itself in: back to where the others are in view.
        frame.locator(".leaflet-container").evaluate(
            "(_, [lat, lng, zoom]) => window.map.setView([lat, lng], zoom, {animate: false})", opened
        )
    sumy = next(text for text in texts if text.startswith("Sumy"))
    assert "injured 2" in sumy and "children: injured 1" in sumy
    assert "100" in sumy
    assert "report-2025-07-22" in sumy
