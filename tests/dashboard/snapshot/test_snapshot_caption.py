"""What a snapshot says about itself, asked of the store, and the standalone page it is
built into (no browser)."""

import datetime as dt
import re

import pytest

from dashboard.snapshot import SnapshotError, format_of, make_snapshot
from dashboard.snapshot.answers import answer_records, ask_store, store_version
from dashboard.snapshot.caption import caption_html, count_sources, data_version, describe
from incidents.rules.filters import IncidentFilter
from incidents.storage.store import Store

PAYLOAD = "<img src=x onerror=alert(1)>"
NOW = dt.datetime(2025, 7, 22, 6, 30, tzinfo=dt.UTC)


@pytest.fixture
def store(db_url):
    opened = Store(db_url)
    opened.load_seed_if_empty()
    return opened


@pytest.fixture
def seed(store):
    return store.read_incidents()


def test_totals_count_unknown_figures_apart_from_zero(store):
    caption = describe(ask_store(store), IncidentFilter(), title="Briefing", now=NOW)
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


def test_caption_names_dates_filters_sources_version_and_time(store):
    chosen = IncidentFilter(date_from="2025-07-20", date_to="2025-07-20", regions=("Sumy Oblast",))
    caption = describe(ask_store(store, chosen), chosen, title="Sumy", now=NOW)
    text = "\n".join(caption.lines())
    assert "Date: 2025-07-20" in text
    assert "Filters: Region: Sumy Oblast" in text
    assert "Incidents: 1" in text
    # The footer in words; the version (a hash) is kept in the markup, not in print.
    assert "Data: 1 record from 1 source, as of 2025-07-22; figures as reported" in text
    assert "sha256" not in text
    markup = caption_html(caption)
    assert f'data-version="{store_version(store)}"' in markup and 'data-records-in-store="4"' in markup
    assert store_version(store).startswith("4 records, latest import ")


def test_the_store_answers_as_its_records_do_without_being_read(store, seed, monkeypatch):
    def read(*args, **kwargs):
        raise AssertionError("a snapshot read the table")

    monkeypatch.setattr(Store, "read_incidents", read)
    monkeypatch.setattr(Store, "iter_incidents", read)
    for chosen in (
        IncidentFilter(),
        IncidentFilter(regions=("Sumy Oblast", "Kharkiv Oblast")),
        IncidentFilter(date_from="2025-07-20"),
        IncidentFilter(regions=("Nowhere",)),
    ):
        asked = describe(ask_store(store, chosen), chosen, title="T", now=NOW)
        counted = answer_records(seed, chosen)
        counted = describe(counted, chosen, title="T", now=NOW, version=asked.data_version)
        assert asked == counted, chosen
    snapshot = make_snapshot("html", store, IncidentFilter(regions=("Sumy Oblast",)), now=NOW)
    assert snapshot.caption.incidents == 1 and snapshot.caption.records_in_store == 4


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


def test_caption_escapes_titles_and_filters_from_users(store):
    chosen = IncidentFilter(regions=(PAYLOAD,))
    caption = describe(ask_store(store, chosen), chosen, title=PAYLOAD, now=NOW)
    markup = caption_html(caption)
    assert "<img" not in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup
    assert "No incidents match these filters." in markup


def test_standalone_html_inlines_every_asset(store):
    page = make_snapshot("html", store, IncidentFilter(), title=PAYLOAD, now=NOW).data.decode()
    assert not re.search(r"<script[^>]+\bsrc=", page)
    assert not re.search(r"<link[^>]+\bhref=", page)
    assert "/app/static" not in page
    assert 'url("data:image/png;base64,' in page  # layer control icon from leaflet.css
    assert "<img src=x" not in page  # the hostile title is escaped in <title> and the caption


@pytest.mark.parametrize("name", ["map.jpg", "map", "map.png.txt"])
def test_unknown_extensions_are_refused(name):
    with pytest.raises(SnapshotError, match="use .png or .html"):
        format_of(name)


def test_png_size_and_scale_are_checked_before_any_browser_starts(store):
    with pytest.raises(SnapshotError, match="width 50 px is out of range"):
        make_snapshot("png", store, width=50, height=600)
    with pytest.raises(SnapshotError, match="scale 3 is not supported"):
        make_snapshot("png", store, width=600, height=600, scale=3)


def test_file_names_say_what_the_view_is():
    from dashboard.snapshot.caption import view_file_stem

    chosen = IncidentFilter(date_from="2025-07-20", date_to="2025-07-20", regions=("Kharkiv Oblast",))
    assert view_file_stem(chosen) == "kharkiv-oblast-2025-07-20"
    assert view_file_stem(IncidentFilter()) == "incidents-all"
    assert view_file_stem(chosen, title="Strikes on Kharkiv: 20 July") == "strikes-on-kharkiv-20-july"
    assert view_file_stem(IncidentFilter(places=("Харків",))) == "incidents"  # nothing ASCII left


def test_a_subtitle_is_shown_under_the_title(store):
    answers = ask_store(store)
    caption = describe(answers, IncidentFilter(), title="Briefing", subtitle="Drone strikes", now=NOW)
    assert caption.lines()[:2] == ["Briefing", "Drone strikes"]
    assert '<p class="snapshot-subtitle">Drone strikes</p>' in caption_html(caption)
