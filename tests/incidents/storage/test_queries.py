"""The query layer answers as the records say: for random filters, on SQLite and PostgreSQL,
every total, day, region, table page and map cell equals what plain Python computes from
the records the test stored."""

import dataclasses
import datetime as dt
import math
import random

import pytest

from incidents.rules.filters import IncidentFilter
from incidents.rules.model import COUNT_FIELDS, EVENT_TYPES, INCIDENT_FIELDS, search_text
from incidents.storage import queries
from incidents.storage.schema import MAP_CELL_DEGREES

RECORDS = 300
FILTERS = 30
FIRST_DAY = dt.date(2025, 3, 1)
DAYS = 40
PLACES = [  # (place, admin1, country, latitude, longitude): real towns, invented strikes
    ("Kharkiv", "Kharkiv Oblast", "UA", 49.99, 36.23),
    ("Odesa", "Odesa Oblast", "UA", 46.48, 30.72),
    ("Pavlohrad", "Dnipropetrovsk Oblast", "UA", 48.53, 35.87),
    ("Dnipro", "Dnipropetrovsk Oblast", "UA", 48.46, 35.04),
    ("Belgorod", "Belgorod Oblast", "RU", 50.60, 36.59),
    ("Kursk", "Kursk Oblast", "RU", 51.73, 36.19),
]
WORDS = ("school", "bridge", "power line", "apartment block", "warehouse")
TEXTS = ("school", "power line", "Kharkov", "Павлоград", "bridge", "nothing like this")


def _figure(rng: random.Random, high: int) -> int | None:
    return None if rng.random() < 0.3 else rng.choice([0, 0, rng.randint(0, high)])


def _records(seed: int = 18) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for n in range(RECORDS):
        place, admin1, country, latitude, longitude = rng.choice(PLACES)
        point = rng.random() > 0.1  # some have no point at all
        records.append(
            {
                "id": f"query-test-{n}",
                "date": (FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))).isoformat(),
                "date_precision": "day",
                "place": place,
                "admin1": admin1,
                "country": country,
                # Scattered within a few tens of km, and across cell edges at high zooms.
                "latitude": round(latitude + rng.uniform(-0.3, 0.3), 5) if point else None,
                "longitude": round(longitude + rng.uniform(-0.3, 0.3), 5) if point else None,
                "geo_precision": "settlement" if point else None,
                "geocoder": "source",
                "event_type": rng.choice(EVENT_TYPES),
                "attacker": "RU" if country == "UA" else "UA",
                "killed": _figure(rng, 12),
                "injured": _figure(rng, 40),
                "children_killed": _figure(rng, 2),
                "children_injured": _figure(rng, 5),
                "households_without_power": _figure(rng, 20_000),
                "description": f"TEST record: {rng.choice(WORDS)} hit" if rng.random() > 0.1 else None,
                "source_name": "query test source",  # one source: none is a report of another
            }
        )
    return records


def _random_filter(rng: random.Random) -> IncidentFilter:
    options = {}
    if rng.random() < 0.5:
        start = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        options["date_from"] = start
        options["date_to"] = start + dt.timedelta(days=rng.randrange(15))
    if rng.random() < 0.3:
        options["countries"] = (rng.choice(["UA", "RU"]),)
    if rng.random() < 0.3:
        options["regions"] = tuple(rng.sample(sorted({p[1] for p in PLACES}), rng.randint(1, 2)))
    if rng.random() < 0.3:
        options["event_types"] = tuple(rng.sample(EVENT_TYPES, rng.randint(1, 3)))
    if rng.random() < 0.3:
        options["attacker"] = rng.choice(["RU", "UA"])
    if rng.random() < 0.2:
        options["places"] = tuple(rng.sample([p[0] for p in PLACES], rng.randint(1, 2)))
    if rng.random() < 0.3:
        options["min_killed"] = rng.choice([0, 1, 3])
    if rng.random() < 0.2:
        options["min_injured"] = rng.choice([0, 5])
    if rng.random() < 0.3:
        options["text"] = rng.choice(TEXTS)
    return IncidentFilter(**options)


def _passes(record: dict, f: IncidentFilter) -> bool:
    """The filter's rules written out here, on a record dict."""
    day = dt.date.fromisoformat(record["date"])
    if (f.date_from and day < f.date_from) or (f.date_to and day > f.date_to):
        return False
    choices = (
        (f.countries, "country"),
        (f.regions, "admin1"),
        (f.places, "place"),
        (f.event_types, "event_type"),
    )
    for values, name in choices:
        if values and record[name] not in values:
            return False
    if f.attacker and record["attacker"] != f.attacker:
        return False
    if f.min_killed is not None and (record["killed"] is None or record["killed"] < f.min_killed):
        return False
    if f.min_injured is not None and (record["injured"] is None or record["injured"] < f.min_injured):
        return False
    return not f.text or any(needle in search_text(record) for needle in f.needles)


def _known_sum(records: list[dict], name: str) -> int | None:
    known = [r[name] for r in records if r[name] is not None]
    return sum(known) if known else None


@pytest.fixture
def filled(store):
    records = _records()
    assert store.add(records).stored == RECORDS
    return store, records


def _cases():
    rng = random.Random(1818)
    return [IncidentFilter(), IncidentFilter(text="Kharkov"), *(_random_filter(rng) for _ in range(FILTERS))]


def test_random_filters_answer_as_the_records_say(filled):
    store, records = filled
    some_text, nothing = False, False
    for record_filter in _cases():
        chosen = [r for r in records if _passes(r, record_filter)]
        some_text |= bool(record_filter.text and chosen)
        nothing |= not chosen
        _check_totals(store, record_filter, chosen)
        _check_days(store, record_filter, chosen)
        _check_regions(store, record_filter, chosen)
        _check_pages(store, record_filter, chosen)
        _check_reports(store, record_filter)
        for zoom in (3, 8, 12):
            _check_cells(store, record_filter, chosen, zoom)
    assert some_text and nothing  # the random filters reached both ends


def _check_totals(store, record_filter, chosen):
    answer = queries.totals(store, record_filter)
    assert answer["incidents"] == len(chosen), record_filter
    for name in COUNT_FIELDS:
        missing = sum(r[name] is None for r in chosen)
        assert answer[name] == queries.Figure(_known_sum(chosen, name), missing), (record_filter, name)


def _check_reports(store, record_filter):
    # The series per day under the filter without its dates, summed over its window.
    undated = dataclasses.replace(record_filter, date_from=None, date_to=None)
    days = queries.reports_per_day(store, undated)
    low, high = (day.isoformat() if day else None for day in (record_filter.date_from, record_filter.date_to))
    direct = queries.reports_behind(store, record_filter)
    assert queries.reports_of_days(days, low, high) == direct, record_filter


def _check_days(store, record_filter, chosen):
    expected = []
    for day in sorted({r["date"] for r in chosen}):
        part = [r for r in chosen if r["date"] == day]
        row = {"date": day, "incidents": len(part)}
        for name in COUNT_FIELDS:
            row[name] = _known_sum(part, name)
            row[f"{name}_known"] = sum(r[name] is not None for r in part)
        row["casualties_known"] = sum(r["killed"] is not None or r["injured"] is not None for r in part)
        expected.append(row)
    days = queries.per_day(store, record_filter)
    assert days == expected, record_filter
    # A window of those days totals as the records inside it do.
    if chosen:
        dates = sorted({r["date"] for r in chosen}) * 2  # twice: a window may be one day
        low, high = sorted(random.Random(repr(record_filter)).sample(dates, 2))
        inside = [r for r in chosen if low <= r["date"] <= high]
        window = queries.totals_of_days(days, low, high)
        assert window["incidents"] == len(inside)
        for name in COUNT_FIELDS:
            missing = sum(r[name] is None for r in inside)
            assert window[name] == queries.Figure(_known_sum(inside, name), missing), (record_filter, name)
        span = queries.date_span(store, record_filter)
        assert span == (min(r["date"] for r in chosen), max(r["date"] for r in chosen))
        located = sorted((r for r in chosen if r["latitude"] is not None), key=lambda r: (r["date"], r["id"]))
        drawn = queries.points(store, record_filter, limit=5)
        assert [r["id"] for r in drawn] == [r["id"] for r in located[:6]]
    else:
        assert queries.date_span(store, record_filter) is None


def _check_regions(store, record_filter, chosen):
    expected = []
    for country, admin1 in sorted({(r["country"], r["admin1"]) for r in chosen}):
        part = [r for r in chosen if (r["country"], r["admin1"]) == (country, admin1)]
        people = [r[name] for r in part for name in ("killed", "injured") if r[name] is not None]
        expected.append(
            {
                "country": country,
                "admin1": admin1,
                "incidents": len(part),
                "casualties": sum(people) if people else None,
                "households_without_power": _known_sum(part, "households_without_power"),
            }
        )
    assert queries.per_region(store, record_filter) == expected, record_filter


def _sorted_rows(chosen, sort_by, descending):
    known = sorted((r for r in chosen if r[sort_by] is not None), key=lambda r: r["id"])
    known.sort(key=lambda r: r[sort_by], reverse=descending)  # stable: ties stay in id order
    return known + sorted((r for r in chosen if r[sort_by] is None), key=lambda r: r["id"])


def _check_pages(store, record_filter, chosen):
    rng = random.Random(repr(record_filter))
    for sort_by in ("date", "killed", "place", "households_without_power"):
        descending = rng.random() < 0.5
        expected = [r["id"] for r in _sorted_rows(chosen, sort_by, descending)]
        limit = rng.choice([1, 7, 50])
        offset = rng.choice([0, limit, len(chosen) // 2, len(chosen) + 3])
        page = queries.table_page(
            store, record_filter, sort_by=sort_by, descending=descending, offset=offset, limit=limit
        )
        assert page.total == len(chosen)
        assert [row["id"] for row in page.rows] == expected[offset : offset + limit], (record_filter, sort_by)
        by_id = {r["id"]: r for r in chosen}
        for row in page.rows:
            assert set(row) == set(INCIDENT_FIELDS)
            assert all(row[name] == by_id[row["id"]].get(name) for name in ("date", "place", *COUNT_FIELDS))


def _check_cells(store, record_filter, chosen, zoom):
    cells: dict[tuple[int, int], list[dict]] = {}
    for r in chosen:
        if r["latitude"] is not None:
            cells.setdefault(queries.cell_of(r["latitude"], r["longitude"], zoom), []).append(r)
    answer = queries.map_cells(store, record_filter, zoom=zoom)
    assert [(row["cell_x"], row["cell_y"]) for row in answer] == sorted(cells), (record_filter, zoom)
    for row in answer:
        part = cells[row["cell_x"], row["cell_y"]]
        assert row["incidents"] == len(part)
        for name in ("killed", "injured", "households_without_power"):
            assert row[name] == _known_sum(part, name)
        assert math.isclose(row["latitude"], sum(r["latitude"] for r in part) / len(part), abs_tol=1e-9)
        assert math.isclose(row["longitude"], sum(r["longitude"] for r in part) / len(part), abs_tol=1e-9)


def test_a_cell_is_smaller_at_each_zoom_and_points_fall_in_their_own_cell():
    assert queries.cell_degrees(0) == 45.0
    assert queries.cell_degrees(1) == queries.cell_degrees(0) / 2
    size = queries.cell_degrees(10)
    column, row = queries.cell_of(-33.9, -18.4, 10)
    assert column * size - 180 <= -18.4 < (column + 1) * size - 180
    assert row * size - 90 <= -33.9 < (row + 1) * size - 90


def test_bad_options_are_refused_by_name(store):
    with pytest.raises(queries.QueryError, match="'colour'"):
        queries.table_page(store, sort_by="colour")
    with pytest.raises(queries.QueryError, match="limit 0"):
        queries.table_page(store, limit=0)
    with pytest.raises(queries.QueryError, match="offset -1"):
        queries.table_page(store, offset=-1)
    with pytest.raises(queries.QueryError, match="zoom 23"):
        queries.map_cells(store, zoom=23)


def test_an_empty_store_answers_zero_incidents_and_unknown_figures(store):
    answer = queries.totals(store)
    assert answer["incidents"] == 0
    assert answer["killed"] == queries.Figure(None, 0)
    assert queries.per_day(store) == queries.per_region(store) == queries.map_cells(store, zoom=5) == []
    assert queries.table_page(store) == queries.Page(rows=[], total=0)


SOURCES = [  # (source_name, source_url): one source written several ways, and none at all
    ("Reuters", "https://news.example/strike-1"),
    (" reuters", "https://news.example/strike-1 "),
    ("REUTERS", None),
    ("Reuters", ""),
    ("Kyiv Independent", None),
    ("Суспільне", "https://suspilne.example/a"),
    ("Суспільне", None),
    ("", None),
    (None, "  "),
]


def test_sources_are_counted_as_the_records_name_them(store):
    rng = random.Random(1819)
    records = []
    for record in _records(seed=19):
        name, url = rng.choice(SOURCES)
        records.append({**record, "source_name": name, "source_url": url})
    store.add(records)
    stored = store.read_incidents()  # what the table holds, reports of one strike merged or not
    assert {r["source_name"] for r in stored} >= {"Reuters", "Суспільне", "", None}
    for record_filter in _cases():
        chosen = [r for r in stored if _passes(r, record_filter)]
        named = set()
        for r in chosen:
            url, name = ((r[field] or "").strip() for field in ("source_url", "source_name"))
            if url or name:
                named.add((url or name).lower())
        assert queries.source_count(store, record_filter) == len(named), record_filter
    assert queries.source_count(store, IncidentFilter(regions=("Nowhere",))) == 0


def test_the_cells_of_many_incidents_read_through_the_cell_index_are_the_same(filled):
    store, _ = filled
    for record_filter in _cases()[:8]:
        plain = queries.grid_cells(store, record_filter, MAP_CELL_DEGREES)
        wide = queries.grid_cells(store, record_filter, MAP_CELL_DEGREES, matching=queries.WIDE_SCAN)
        assert wide == plain, record_filter


def test_a_window_s_cells_are_the_span_s_cells_less_the_days_outside_it(filled):
    store, _ = filled
    first, last = FIRST_DAY, FIRST_DAY + dt.timedelta(days=DAYS - 1)
    rng = random.Random(7)
    windows = [(first, last), (first + dt.timedelta(days=1), last), (None, last - dt.timedelta(days=3))]
    windows += [(first + dt.timedelta(days=d), first + dt.timedelta(days=d + 20)) for d in (0, 5, 19)]
    windows.append((last + dt.timedelta(days=5), None))  # after every record
    for low, high in windows:
        for size in (MAP_CELL_DEGREES, 0.02):
            other = _random_filter(rng)
            window = dataclasses.replace(other, date_from=low, date_to=high)
            span = dataclasses.replace(other, date_from=first, date_to=last)
            outside = queries.outside_window(window, first, last)
            answer = queries.cells_without(
                queries.grid_cells(store, span, size),
                [row for f in outside for row in queries.grid_cells(store, f, size)],
            )
            direct = queries.grid_cells(store, window, size)
            assert [_exact(row) for row in answer] == [_exact(row) for row in direct], (window, size)
            for mine, theirs in zip(answer, direct, strict=True):
                for axis in ("latitude", "longitude"):
                    assert math.isclose(mine[axis], theirs[axis], abs_tol=1e-9), (window, axis)


def _exact(row: dict) -> dict:
    return {key: value for key, value in row.items() if key not in ("latitude", "longitude")}


def test_the_days_outside_a_window_are_named_and_a_bad_removal_is_refused():
    first, last = dt.date(2025, 1, 1), dt.date(2025, 1, 31)
    inside = IncidentFilter(
        regions=("Sumy Oblast",), date_from=dt.date(2025, 1, 10), date_to=dt.date(2025, 1, 20)
    )
    spans = [(f.date_from, f.date_to, f.regions) for f in queries.outside_window(inside, first, last)]
    assert spans == [
        (first, dt.date(2025, 1, 9), ("Sumy Oblast",)),
        (dt.date(2025, 1, 21), last, ("Sumy Oblast",)),
    ]
    assert queries.outside_window(IncidentFilter(date_to=last), first, last) == []
    cell = {"cell_x": 1, "cell_y": 2, "incidents": 1, "latitude": 1.0, "longitude": 2.0}
    cell |= {name: None for name in queries.MAP_FIGURES} | {f"{n}_known": 0 for n in queries.MAP_FIGURES}
    with pytest.raises(queries.CellsMismatchError, match="not among the cells"):
        queries.cells_without([], [cell])
    with pytest.raises(queries.CellsMismatchError, match="more incidents than it has"):
        queries.cells_without([cell], [cell | {"incidents": 2}])
