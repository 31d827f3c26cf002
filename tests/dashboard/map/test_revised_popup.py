"""A record an import changed says so in its map popup: "revised: ...", escaped."""

from html import escape

from dashboard.map.build import build_map
from dashboard.map.popups import incident_popup_html
from incidents.storage.history import revised_text
from tests.dashboard.conftest import PAYLOAD, revised_lookup

REVISED_LINE = 'class=\\"incident-revised\\"'  # as the map's JSON holds it


def test_the_popup_names_the_latest_change_escaped(revised_store):
    store, kharkiv = revised_store
    html = build_map(store.query(), revised=revised_lookup(store)).get_root().render()
    assert "<img src=x" not in html
    # In the map's data (JSON in a script): one popup with the line, its markup escaped.
    assert html.count(REVISED_LINE) == 1
    assert f"{REVISED_LINE}\\u003erevised: injured {kharkiv['injured']} → 5, damage" in html
    popup = incident_popup_html(
        kharkiv, revised=revised_text(store.revised_ids([kharkiv["id"]])[kharkiv["id"]])
    )
    assert '<div class="incident-revised">revised: injured ' in popup
    assert escape(PAYLOAD) in popup and "<img" not in popup


def test_an_unchanged_record_has_no_revised_line(revised_store):
    store, kharkiv = revised_store
    others = store.query()
    others = others[others["id"] != kharkiv["id"]]
    assert REVISED_LINE not in build_map(others, revised=revised_lookup(store)).get_root().render()
