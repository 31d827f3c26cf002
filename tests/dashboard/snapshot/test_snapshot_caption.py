"""What a snapshot says about itself, and the standalone page it is built into (no browser)."""

import datetime as dt
import re

import pytest

from dashboard.snapshot import SnapshotError, format_of, make_snapshot
from dashboard.snapshot.caption import caption_html, count_sources, data_version, describe
from incidents.rules.filters import IncidentFilter
from incidents.storage.store import Store

PAYLOAD = "<img src=x onerror=alert(1)>"
NOW = dt.datetime(2025, 7, 22, 6, 30, tzinfo=dt.UTC)


@pytest.fixture
def seed(db_url):
    store = Store(db_url)
    store.load_seed_if_empty()
    return store.read_incidents()


def test_totals_count_unknown_figures_apart_from_zero(seed):
    caption = describe(seed, seed, IncidentFilter(), title="Briefing", now=NOW)
    totals = {t.label: t for t in caption.totals}
    assert caption.incidents == 4
    # Zelenograd reported 0 killed; the three Ukrainian strikes reported no figure.
    assert (totals["Killed"].value, totals["Killed"].missing) == (0, 3)
    assert totals["Killed"].text() == "0 (3 without a figure)"
    assert (totals["Injured"].value, totals["Injured"].missing) == (6, 0)
    assert (
        totals["Households without power"].value,
        totals["Households without power"].missing,
    ) == (100, 3)


def test_caption_names_dates_filters_sources_version_and_time(seed):
    chosen = IncidentFilter(date_from="2025-07-20", date_to="2025-07-20", regions=("Sumy Oblast",))
    caption = describe(seed, chosen.apply(seed), chosen, title="Sumy", now=NOW)
    text = "\n".join(caption.lines())
    assert "Date: 2025-07-20" in text
    assert "Filters: Region: Sumy Oblast" in text
    assert "Incidents: 1" in text
    # The footer in words; the version (a hash) is kept in the markup, not in print.
    assert "Data: 1 record from 1 source, as of 2025-07-22; figures as reported" in text
    assert "sha256" not in text
    markup = caption_html(caption)
    assert f'data-version="{data_version(seed)}"' in markup and 'data-records-in-store="4"' in markup


def test_data_version_follows_the_content_not_the_order(seed):
    assert data_version(seed) == data_version(list(reversed(seed)))
    changed = [{**seed[0], "injured": 3}, *seed[1:]]
    assert data_version(changed) != data_version(seed)


def test_sources_are_counted_once_each():
    records = [
        {"source_name": "Reuters", "source_url": "https://r.example/1"},
        {"source_name": "Reuters", "source_url": "https://r.example/1"},
        {"source_name": "Kyiv Independent", "source_url": None},
        {"source_name": ["TASS", "RIA"], "source_url": None},
        {"source_name": None, "source_url": None},
    ]
    assert count_sources(records) == 4


def test_caption_escapes_titles_and_filters_from_users(seed):
    chosen = IncidentFilter(regions=(PAYLOAD,))
    caption = describe(seed, chosen.apply(seed), chosen, title=PAYLOAD, now=NOW)
    markup = caption_html(caption)
    assert "<img" not in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup
    assert "No incidents match these filters." in markup


def test_standalone_html_inlines_every_asset(seed):
    page = make_snapshot("html", seed, IncidentFilter(), title=PAYLOAD, now=NOW).data.decode()
    assert not re.search(r"<script[^>]+\bsrc=", page)
    assert not re.search(r"<link[^>]+\bhref=", page)
    assert "/app/static" not in page
    assert 'url("data:image/png;base64,' in page  # layer control icon from leaflet.css
    assert "<img src=x" not in page  # the hostile title is escaped in <title> and the caption


@pytest.mark.parametrize("name", ["map.jpg", "map", "map.png.txt"])
def test_unknown_extensions_are_refused(name):
    with pytest.raises(SnapshotError, match="use .png or .html"):
        format_of(name)


def test_png_size_and_scale_are_checked_before_any_browser_starts(seed):
    with pytest.raises(SnapshotError, match="width 50 px is out of range"):
        make_snapshot("png", seed, width=50, height=600)
    with pytest.raises(SnapshotError, match="scale 3 is not supported"):
        make_snapshot("png", seed, width=600, height=600, scale=3)


def test_file_names_say_what_the_view_is():
    from dashboard.snapshot.caption import view_file_stem

    chosen = IncidentFilter(date_from="2025-07-20", date_to="2025-07-20", regions=("Kharkiv Oblast",))
    assert view_file_stem(chosen) == "kharkiv-oblast-2025-07-20"
    assert view_file_stem(IncidentFilter()) == "incidents-all"
    assert view_file_stem(chosen, title="Strikes on Kharkiv: 20 July") == "strikes-on-kharkiv-20-july"
    assert view_file_stem(IncidentFilter(places=("Харків",))) == "incidents"  # nothing ASCII left


def test_a_subtitle_is_shown_under_the_title(seed):
    caption = describe(seed, seed, IncidentFilter(), title="Briefing", subtitle="Drone strikes", now=NOW)
    assert caption.lines()[:2] == ["Briefing", "Drone strikes"]
    assert '<p class="snapshot-subtitle">Drone strikes</p>' in caption_html(caption)
