"""Text search through the trigram index gives exactly the substring answers of `matches`."""

import pandas as pd
import pytest

from incidents.rules.filters import IncidentFilter
from incidents.rules.model import INCIDENT_FIELDS, incident_id
from incidents.storage import fulltext as search

TEXTS = [
    ("Kharkiv", "Residential BUILDING", "Дрон влучив у будинок"),
    ("Суми", None, "Обстріл: ЛЕП пошкоджено"),
    ("Zelenograd", "power line hit", "Drone debris fell on a ROAD"),
    ("Kryvyi Rih", "school's roof", "Ukraine's forces; 100% of power cut_off"),
    ("Dnipro", "STRAßE", "ОБЛЕНЕРГО: без світла 2500 родин"),
    ("Odesa", "", "port 'Chornomorsk' damaged"),
    ("Kyiv", "İstanbul street", "ﬁre in a depot"),
]
NEEDLES = [
    "дрон",
    "ДРОН",
    "лeп",  # a Latin e among Cyrillic: matches nothing
    "леп",
    "power",
    "power line",
    "POWER LINE HIT",
    "school's",
    "'s",
    "s r",
    "100%",
    "cut_off",
    "_",
    "%",
    "o",
    "ro",
    "road",
    "strasse",
    "straße",
    "fire",
    "istanbul",
    "i̇stanbul",
    "chornomorsk'",
    "без світла",
    "2500",
    "kharkiv residential",
    "not there at all",
    "Kharkov",  # another spelling of a place: found as the gazetteer names it
    "Харків",
    "Odessa",
]


def _records() -> list[dict]:
    records = []
    for n, (place, damage, description) in enumerate(TEXTS * 3):
        record = dict.fromkeys(INCIDENT_FIELDS) | {
            "date": f"2025-07-{10 + n:02d}",
            "place": place,
            "admin1": "Kharkiv Oblast",
            "country": "UA",
            "event_type": "drone_strike",
            "damage": damage,
            "description": description,
            "source_name": f"source {n}",
        }
        records.append(record | {"id": incident_id(record)})
    return records


@pytest.fixture
def indexed(monkeypatch):
    # The index from the first row on, and used for every needle it can take.
    monkeypatch.setattr(search, "TEXT_INDEX_ROWS", 0)
    monkeypatch.setattr(search, "PROBE_LIMIT", 10**9)


def test_text_answers_agree_with_matches(indexed, store):
    records = _records()
    store.add(records[:7])
    store.add(records[7:])  # a second write: its rows indexed in step
    # A re-import that changes text: the index must forget the old words.
    changed = [records[2] | {"damage": "substation hit", "description": "новий текст"}]
    store.add(changed)
    now = [changed[0] if record["id"] == changed[0]["id"] else record for record in records]
    for needle in NEEDLES:
        record_filter = IncidentFilter(text=needle)
        expected = sorted(record["id"] for record in now if record_filter.matches(record))
        assert sorted(r["id"] for r in store.read_incidents(record_filter)) == expected, needle
        assert store.count(record_filter) == len(expected), needle
        assert store.totals(record_filter)["incidents"] == len(expected), needle
        assert int(store.daily(record_filter)["incidents"].sum()) == len(expected), needle
    assert IncidentFilter(text="substation").matches(now[2])
    assert store.count(IncidentFilter(text="power line hit")) == 2  # the third copy was changed


def test_a_place_in_another_spelling_or_script_finds_it_as_stored(store):
    pavlohrad = dict.fromkeys(INCIDENT_FIELDS) | {
        "date": "2025-03-02",
        "place": "Pavlohrad",
        "admin1": "Dnipropetrovsk Oblast",
        "country": "UA",
        "event_type": "drone_strike",
        "source_name": "s",
    }
    store.add([pavlohrad | {"id": incident_id(pavlohrad)}, *_records()[:1]])
    for text in ("Павлоград", "Pavlograd", "pavlohrad", "Павлогра"[:8] + "д"):
        assert [r["place"] for r in store.read_incidents(IncidentFilter(text=text))] == ["Pavlohrad"], text
    for text in ("Kharkov", "Харків", "Харьков"):
        assert [r["place"] for r in store.read_incidents(IncidentFilter(text=text))] == ["Kharkiv"], text
    assert store.read_incidents(IncidentFilter(text="Павлоградка")) == []  # another place, or none


def test_the_sqlite_index_narrows_selective_needles(indexed, sqlite_url):
    from incidents.storage.store import Store

    store = Store(sqlite_url)
    store.add(_records())
    with store.engine.connect() as conn:
        assert search.has_index(conn)
        assert search.narrowing(conn, ("power line",)) is not None
        assert search.narrowing(conn, ("ro",)) is None  # under three characters: a scan
        assert search.narrowing(conn, ("cut_off",)) is None  # LIKE's wildcards: a scan
    store.close()


def test_a_small_store_has_no_index(sqlite_url):
    from incidents.storage.store import Store

    store = Store(sqlite_url)
    store.add(_records())
    with store.engine.connect() as conn:
        assert not search.has_index(conn)
    assert store.count(IncidentFilter(text="power")) == 6
    store.close()


def test_query_carries_the_casefolded_text(store):
    store.add(_records()[:2])
    frame = store.query()
    assert str(frame["search_text"].dtype) == "string"
    assert frame["search_text"].tolist() == [
        "kharkiv residential building дрон влучив у будинок",
        "суми  обстріл: леп пошкоджено",
    ]
    assert isinstance(frame.loc[0, "killed"], type(pd.NA))
