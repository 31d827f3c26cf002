"""The dashboard's cached answers: a date window is summed from one series per filter."""

import datetime as dt

import pytest

from dashboard.state import queries as asked
from dashboard.state.data import forget_cached_data
from incidents.rules.filters import IncidentFilter
from incidents.rules.model import COUNT_FIELDS
from incidents.storage import queries


@pytest.fixture
def counted_per_day(monkeypatch):
    """`queries.per_day` answering a fixed series and counting its calls."""
    calls = []
    series = [
        {"date": day, "incidents": count, **{name: None for name in COUNT_FIELDS},
         **{f"{name}_known": 0 for name in COUNT_FIELDS}}
        for day, count in (("2025-07-19", 2), ("2025-07-20", 3), ("2025-07-21", 1))
    ]  # fmt: skip

    def per_day(store, record_filter):
        calls.append(record_filter)
        return series

    monkeypatch.setattr(queries, "per_day", per_day)
    monkeypatch.setattr(asked, "store", lambda: None)
    forget_cached_data()
    yield calls
    forget_cached_data()


def test_date_windows_of_one_filter_ask_the_series_once(counted_per_day):
    version = ("test", 1)
    base = IncidentFilter(regions=("Sumy Oblast",))
    windows = [
        (None, None),
        (dt.date(2025, 7, 20), dt.date(2025, 7, 21)),
        (dt.date(2025, 7, 19), dt.date(2025, 7, 19)),
    ]
    answers = [
        asked.totals(version, IncidentFilter(regions=base.regions, date_from=low, date_to=high))["incidents"]
        for low, high in windows
    ]
    assert answers == [6, 4, 2]
    # One question to the store, without the dates.
    assert counted_per_day == [asked.undated(base)]
    # Another filter is another question.
    asked.totals(version, IncidentFilter(regions=("Kharkiv Oblast",), date_from=dt.date(2025, 7, 20)))
    assert len(counted_per_day) == 2


def test_a_wide_window_s_map_is_the_one_read_directly(tmp_path, monkeypatch):
    """More than the map draws one by one, and a window that leaves out a few days: its
    cells come from the whole span's less those days, and equal the window's own."""
    from dashboard.map.stored import map_data_of
    from incidents.storage.store import Store

    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    first = dt.date(2025, 6, 1)
    records = [
        {
            "id": f"window-{n}",
            "date": (first + dt.timedelta(days=n % 30)).isoformat(),
            "place": "Kharkiv",
            "admin1": "Kharkiv Oblast",
            "country": "UA",
            "latitude": 49.5 + (n % 37) / 50,
            "longitude": 36.0 + (n % 41) / 50,
            "event_type": "drone_strike",
            "killed": n % 3 or None,
            "households_without_power": (n % 5) * 100 or None,
            "source_name": "TEST window source",
        }
        for n in range(2_600)
    ]
    store.add(records)
    monkeypatch.setattr(asked, "store", lambda: store)
    forget_cached_data()
    version = store.change_mark()
    window = IncidentFilter(date_from=first + dt.timedelta(days=2), date_to=first + dt.timedelta(days=28))
    assert asked._window_cells(version, window) is not None  # the shortcut is taken
    shown = asked.map_data(version, window, regions=False)
    direct = map_data_of(store, window, regions=False)
    assert not shown.detailed and shown.located == direct.located == 2_600 - 87 - 87 - 86  # days 0, 1 and 29
    columns = ["cell_x", "cell_y", "count", "killed", "injured", "households_without_power"]
    assert shown.cells[columns].equals(direct.cells[columns])
    for axis in ("latitude", "longitude"):
        assert (shown.cells[axis] - direct.cells[axis]).abs().max() < 1e-9
    # A narrow window reads itself.
    assert asked._window_cells(version, IncidentFilter(date_from=first, date_to=first)) is None
    # Another process imports on a day the next window leaves out, after this run read
    # the version: the whole span's cells (cached) lack it, so the window reads itself.
    late = {**records[0], "id": "window-late", "place": "Odesa", "admin1": "Odesa Oblast"}
    store.add([{**late, "latitude": 46.48, "longitude": 30.73, "description": "TEST late import"}])
    later = IncidentFilter(date_from=first + dt.timedelta(days=3), date_to=window.date_to)
    shown = asked.map_data(version, later, regions=False)
    assert shown.located == map_data_of(store, later, regions=False).located
    forget_cached_data()
    store.close()


# The seed's day: its four incidents.
SEED_DAY = IncidentFilter(date_from=dt.date(2025, 7, 20), date_to=dt.date(2025, 7, 20))


@pytest.fixture
def seeded(tmp_path, monkeypatch):
    """The dashboard's answers from a store holding the seed: (store, version)."""
    from incidents.storage.store import Store

    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    store.load_seed_if_empty()
    monkeypatch.setattr(asked, "store", lambda: store)
    forget_cached_data()
    yield store, store.change_mark()
    forget_cached_data()
    store.close()


def test_what_a_slider_move_reads_again_is_shared_not_copied_until_the_data_changes(seeded, monkeypatch):
    """Sessions and runs read one cached object (a copy per call cost every slider
    move); a change of the data in this process empties those caches too."""
    _, version = seeded
    per_day = []
    asked_per_day = queries.per_day
    monkeypatch.setattr(queries, "per_day", lambda *a: per_day.append(a) or asked_per_day(*a))
    series = asked.daily(version, SEED_DAY)
    assert asked.daily(version, IncidentFilter(date_from=dt.date(2025, 7, 1))) is series
    shown = asked.map_data(version, SEED_DAY, regions=False)
    assert asked.map_data(version, SEED_DAY, regions=False) is shown
    assert series["incidents"].sum() == 4 and len(per_day) == 1
    forget_cached_data()
    assert asked.daily(version, SEED_DAY) is not series and len(per_day) == 2


def test_asking_ahead_leaves_the_answer_in_the_cache(seeded, monkeypatch):
    """What Play's next step will show is asked on a thread; the step then asks nothing."""
    _, version = seeded
    day = SEED_DAY
    asked_points = []
    points = queries.points
    monkeypatch.setattr(queries, "points", lambda *a, **k: asked_points.append(a) or points(*a, **k))
    thread = asked.ask_ahead(version, day, regions=False)
    thread.join(timeout=30)
    assert not thread.is_alive() and len(asked_points) == 1
    shown = asked.map_data(version, day, regions=False)
    assert shown.located == 4 and len(asked_points) == 1  # from the cache


def test_a_table_page_counts_its_rows_from_the_series_unless_boxed(seeded, monkeypatch):
    store, version = seeded
    day = SEED_DAY
    counted = []
    direct = queries.table_page
    monkeypatch.setattr(queries, "table_page", lambda *a, **k: counted.append(k["total"]) or direct(*a, **k))
    page = asked.table_page(version, day, "date", True, 0, limit=2)
    assert counted == [4] and page.total == 4 and len(page.rows) == 2
    assert page == direct(store, day, sort_by="date", descending=True, limit=2)
    # Within a box of the map, the store counts what lies in it.
    boxed = asked.table_page(version, day, "date", True, 0, limit=2, within=(50.0, 33.0, 52.0, 36.0))
    assert counted[-1] is None and boxed.total == direct(store, day, within=(50.0, 33.0, 52.0, 36.0)).total


def test_what_an_import_changed_in_the_rows_shown_is_asked_once_per_version(seeded, monkeypatch):
    """The table and the map ask it of their rows at every run of every session; the
    store is asked once for those rows at a version of the data, again after a change."""
    _, version = seeded
    asked_for = []
    monkeypatch.setattr(
        asked, "revised_texts", lambda ids: asked_for.append(ids) or {ids[0]: "injured 2 → 5"}
    )
    assert asked.revised_in(version)(["a", "b"]) == {"a": "injured 2 → 5"}
    assert asked.revised_in(version)(["a", "b"]) == {"a": "injured 2 → 5"}  # another run
    asked.revised_in(version)(["b"])  # other rows
    asked.revised_in((*version, "changed"))(["a", "b"])  # the data changed
    assert asked_for == [["a", "b"], ["b"], ["a", "b"]]
