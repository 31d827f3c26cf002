"""The store on a real SQLite file and a real PostgreSQL database (each test runs on both)."""

import datetime as dt

import pytest
import sqlalchemy as sa

from incidents.importing.importer import import_file
from incidents.importing.seed import read_seed
from incidents.storage.store import Store, StoreError
from tests.incidents.helpers import balanced, csv_file

TODAY = dt.date(2025, 8, 1)
ROWS = (
    "k-1,2025-07-20,Kharkiv,Kharkiv Oblast,UA,49.98,36.25,drone,RU,0,2,,first",
    "k-2,2025-07-20,Sumy,,UA,,,missile,RU,,1,100,second",
    "k-3,2025-07-21,Zelenograd,,RU,,,drone,UA,,,,third",
)


def test_seed_loads_once_and_reads_back(store):
    assert store.load_seed_if_empty() is True
    assert store.load_seed_if_empty() is False
    incidents = store.read_incidents()
    assert {r["place"] for r in incidents} == {"Zaporizhzhia", "Kharkiv", "Sumy", "Zelenograd"}
    zelenograd = next(r for r in incidents if r["place"] == "Zelenograd")
    assert zelenograd["killed"] == 0 and next(r for r in incidents if r["place"] == "Sumy")["killed"] is None
    assert len(store.read_air_defence()) == 3


def test_reimport_is_idempotent_and_changes_are_updates(store, tmp_path):
    path = csv_file(tmp_path / "a.csv", *ROWS)
    first = import_file(store, path, today=TODAY).summary()
    assert (first["stored"], first["rejected"]) == (3, 0) and balanced(first)
    again = import_file(store, path, today=TODAY).summary()
    assert (again["stored"], again["updated"], again["duplicates"]) == (0, 0, 3)
    csv_file(path, ROWS[0].replace(",0,2,", ",1,2,"), *ROWS[1:])
    changed = import_file(store, path, today=TODAY).summary()
    assert (changed["stored"], changed["updated"], changed["duplicates"]) == (0, 1, 2)
    assert store.count() == 3
    assert next(r for r in store.read_incidents() if r["id"] == "k-1")["killed"] == 1


def test_batches_and_rejected_rows_are_kept(store, tmp_path):
    path = csv_file(tmp_path / "b.csv", *ROWS, "k-4,2025-07-22,Xyzzyville,,UA,,,drone,RU,,,,bad")
    result = import_file(store, path, today=TODAY)
    (batch,) = store.batches()
    assert (batch["read"], batch["stored"], batch["rejected"]) == (4, 3, 1)
    assert batch["file_name"].endswith("b.csv") and len(batch["file_hash"]) == 64
    (rejected,) = store.rejections()
    assert rejected["row_number"] == 5 and "Xyzzyville" in rejected["raw"]
    assert rejected["reason"] == result.rejections[0].reason
    # Fixing the file and importing it again settles the earlier rejection.
    csv_file(path, *ROWS, "k-4,2025-07-22,Sumy,,UA,,,drone,RU,,,,fixed")
    assert import_file(store, path, today=TODAY).rejected == 0
    assert store.rejections() == []
    assert store.rejections(include_resolved=True)[0]["resolution"] == "reimported"


def test_dismissing_a_rejection(store, tmp_path):
    import_file(
        store,
        csv_file(tmp_path / "c.csv", "x,2025-07-22,Xyzzyville,,UA,,,drone,RU,,,,"),
        today=TODAY,
    )
    (rejected,) = store.rejections()
    assert store.dismiss_rejections([rejected["id"]]) == 1
    assert store.rejections() == []


def test_a_record_the_database_cannot_hold_is_a_store_error_not_a_crash(store):
    # Validation keeps such values out of every import; a program's own records
    # (`Store.add`) are not validated, and the driver's refusal still becomes a message.
    record = {**read_seed()[0][0], "id": "too-many", "killed": 10**20}
    with pytest.raises(StoreError, match="could not write to"):
        store.add([record])
    assert store.count() == 0 and store.batches() == []


def test_totals_keep_unknown_apart_from_zero(store, tmp_path):
    import_file(store, csv_file(tmp_path / "d.csv", *ROWS), today=TODAY)
    from incidents.rules.filters import IncidentFilter

    assert store.totals() == {
        "incidents": 3,
        "killed": 0,
        "injured": 3,
        "children_killed": None,
        "children_injured": None,
        "households_without_power": 100,
    }
    assert store.totals(IncidentFilter(countries=("RU",)))["injured"] is None
    daily = store.daily()
    assert list(daily["date"]) == ["2025-07-20", "2025-07-21"] and list(daily["incidents"]) == [
        2,
        1,
    ]
    regions = store.by_region()
    assert set(regions["admin1"]) == {"Kharkiv Oblast", "Sumy Oblast", "Moscow"}
    frame = store.query(IncidentFilter(date_from="2025-07-20", date_to="2025-07-20"))
    assert list(frame["id"]) == ["k-1", "k-2"] and str(frame["killed"].dtype) == "Int64"


def test_a_store_of_the_first_release_is_upgraded(store_url):
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "CREATE TABLE incidents (id VARCHAR(64) PRIMARY KEY, date VARCHAR(64),"
                " place TEXT, damage TEXT, description TEXT, killed INTEGER)"
            )
        )
        conn.execute(
            sa.text(
                "INSERT INTO incidents (id, date, place, description) VALUES"
                " ('old-1', '2025-07-20', 'Kharkiv', 'Old row')"
            )
        )
        conn.execute(sa.text("CREATE TABLE air_defence (id VARCHAR(64) PRIMARY KEY, date VARCHAR(64))"))
    engine.dispose()
    store = Store(store_url)
    from incidents.rules.filters import IncidentFilter

    assert store.count(IncidentFilter(text="old row")) == 1
    store.close()


def test_sqlite_store_uses_wal(sqlite_url):
    store = Store(sqlite_url)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.close()
