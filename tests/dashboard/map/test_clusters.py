"""Many records at one place, in real Chromium (standalone page, network blocked): one
symbol with the count, opening into every member, popups paging through them."""

import pytest

from dashboard.snapshot import write_snapshot
from incidents.importing.seed import read_seed

pytestmark = pytest.mark.browser

READY = "() => window.__snapshot && window.__snapshot.ready"
LOZOVA = (48.8892, 36.3177)


def _twelve_at_lozova():
    base = read_seed()[0][0]
    return [
        {
            **base,
            "id": f"lozova-{n}",
            "place": "Lozova",
            "admin1": "Kharkiv Oblast",
            "latitude": LOZOVA[0],
            "longitude": LOZOVA[1],
            "date": f"2025-07-{n + 1:02d}",
            "damage": f"strike number {n + 1}",
        }
        for n in range(12)
    ]


def test_twelve_records_at_one_place_are_one_symbol_that_opens_into_twelve(tmp_path, file_page):
    path = tmp_path / "lozova.html"
    write_snapshot(path, _twelve_at_lozova())
    file_page.goto(path.as_uri())
    file_page.wait_for_function(READY)

    clusters = file_page.locator(".incident-cluster")
    assert clusters.count() == 1 and clusters.inner_text().strip() == "12"
    assert file_page.locator(".incident-marker").count() == 0

    clusters.click()
    members = file_page.locator(".incident-member")
    members.first.wait_for()
    assert members.count() == 12
    assert file_page.locator(".incident-spider-leg").count() == 12
    # Opened apart: no two members on top of each other.
    boxes = [members.nth(i).bounding_box() for i in range(12)]
    centres = {(round(b["x"] + b["width"] / 2), round(b["y"] + b["height"] / 2)) for b in boxes}
    assert len(centres) == 12
    for a in boxes:
        for b in boxes:
            if a is not b:
                assert abs(a["x"] - b["x"]) >= a["width"] * 0.9 or abs(a["y"] - b["y"]) >= a["height"] * 0.9

    members.nth(1).click()
    label = file_page.locator(".incident-pager-label")
    label.wait_for()
    assert label.inner_text() == "2 of 12 here"
    seen = {file_page.locator(".leaflet-popup-content .incident-popup").inner_text()}
    for expected in range(3, 13):
        file_page.locator(".incident-pager-next").click()
        assert label.inner_text() == f"{expected} of 12 here"
        seen.add(file_page.locator(".leaflet-popup-content .incident-popup").inner_text())
    file_page.locator(".incident-pager-next").click()
    assert label.inner_text() == "1 of 12 here"
    file_page.locator(".incident-pager-prev").click()
    assert label.inner_text() == "12 of 12 here"
    assert len(seen) == 11  # every member's own popup (the 12th is the first, not yet revisited)
    assert file_page.requested == [] and file_page.errors == []


def test_symbols_apart_stay_single(tmp_path, file_page):
    records = read_seed()[0]
    path = tmp_path / "seed.html"
    write_snapshot(path, records)
    file_page.goto(path.as_uri())
    file_page.wait_for_function(READY)
    assert file_page.locator(".incident-cluster").count() == 0
    assert file_page.locator(".incident-marker").count() == 4
