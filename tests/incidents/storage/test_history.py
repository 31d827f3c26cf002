"""Every changed record keeps the version it replaced; older versions never overwrite newer
ones; deletions remove a record and keep it in the history. On a real SQLite file and a
real PostgreSQL database (each test runs on both)."""

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from incidents.importing.batch import Batch, Deletion
from incidents.importing.importer import import_file
from incidents.importing.seed import read_seed
from incidents.rules.filters import IncidentFilter
from incidents.storage import fulltext as search
from incidents.storage.history import revised_text
from incidents.storage.store import Store, StoreError
from tests.incidents.helpers import balanced, csv_file

TODAY = dt.date(2025, 8, 1)
HEADER = "id,date,place,admin1,country,latitude,longitude,event_type,attacker,killed,injured,source_version"
FIRST = (
    "k-1,2025-07-20,Kharkiv,Kharkiv Oblast,UA,49.98,36.25,drone,RU,0,2,1721500000",
    "k-2,2025-07-20,Sumy,Sumy Oblast,UA,50.91,34.8,missile,RU,1,1,1721500000",
    "k-3,2025-07-21,Zelenograd,Moscow,RU,55.98,37.18,drone,UA,,,1721500000",
)
# ACLED's next revision of k-1: two more killed, a newer stamp.
SECOND = (FIRST[0].replace(",0,2,1721500000", ",2,2,1721600000"), *FIRST[1:])


def _import(store, path, *rows, header=HEADER):
    return import_file(store, csv_file(path, *rows, header=header), today=TODAY)


def _by_id(store, identifier):
    return next(r for r in store.read_incidents() if r["id"] == identifier)


def test_a_newer_version_updates_and_both_versions_are_kept(store, tmp_path):
    first = _import(store, tmp_path / "first.csv", *FIRST)
    second = _import(store, tmp_path / "second.csv", *SECOND)
    assert (second.stored, second.updated, second.duplicates, second.outdated) == (0, 1, 2, 0)
    assert second.balanced and balanced(second.summary())
    assert _by_id(store, "k-1")["killed"] == 2 and store.totals()["killed"] == 3

    versions = store.history("k-1")
    assert [v["change"] for v in versions] == ["stored", "updated"]
    assert [v["version"] for v in versions] == [1, 2]
    assert [v["batch_id"] for v in versions] == [first.batch_id, second.batch_id]
    assert versions[0]["file_name"].endswith("first.csv") and versions[1]["file_name"].endswith("second.csv")
    assert versions[0]["record"]["killed"] == 0 and versions[1]["record"] == _by_id(store, "k-1")
    assert versions[0]["record"]["latitude"] == 49.98  # every field, floats exactly
    assert versions[1]["changes"] == [
        {"field": "killed", "before": 0, "after": 2},
        {"field": "source_version", "before": 1721500000, "after": 1721600000},
    ]
    assert versions[0]["when"] <= versions[1]["when"] and versions[1]["when"].tzinfo is not None
    assert store.history("k-2")[0]["change"] == "stored" and len(store.history("k-2")) == 1
    assert store.history("no-such-id") == []


def test_an_older_version_changes_nothing(store, tmp_path):
    _import(store, tmp_path / "first.csv", *FIRST)
    _import(store, tmp_path / "second.csv", *SECOND)
    again = _import(store, tmp_path / "first.csv", *FIRST)
    assert (again.stored, again.updated, again.duplicates, again.outdated) == (0, 0, 2, 1)
    assert again.balanced and again.summary()["outdated"] == 1
    assert _by_id(store, "k-1")["killed"] == 2 and _by_id(store, "k-1")["source_version"] == 1721600000
    assert len(store.history("k-1")) == 2
    assert store.batches()[-1]["outdated"] == 1


def test_the_same_version_with_other_content_is_a_correction(store, tmp_path):
    _import(store, tmp_path / "first.csv", *FIRST)
    corrected = _import(store, tmp_path / "fixed.csv", FIRST[0].replace(",0,2,", ",0,3,"), *FIRST[1:])
    assert (corrected.updated, corrected.duplicates, corrected.outdated) == (1, 2, 0)
    assert store.history("k-1")[-1]["changes"] == [{"field": "injured", "before": 2, "after": 3}]


def test_a_csv_correction_without_versions_keeps_the_replaced_one(store, tmp_path):
    header = HEADER.removesuffix(",source_version")
    rows = [row.removesuffix(",1721500000") for row in FIRST]
    _import(store, tmp_path / "a.csv", *rows, header=header)
    fixed = _import(
        store, tmp_path / "a.csv", rows[0], rows[1].replace(",1,1", ",4,1"), rows[2], header=header
    )
    assert (fixed.updated, fixed.duplicates) == (1, 2) and fixed.balanced
    old, new = store.history("k-2")
    assert old["record"]["killed"] == 1 and new["record"]["killed"] == 4
    assert new["changes"] == [{"field": "killed", "before": 1, "after": 4}]


def test_many_updates_at_once_each_keep_their_version(store, tmp_path):
    # Enough rows for the column-wise import, and a change in every one of them.
    rows = [
        f"m-{n},2025-07-{1 + n % 20:02d},Kharkiv,Kharkiv Oblast,UA,{49 + n / 1000},36.25,drone,RU,{n % 4},,7"
        for n in range(300)
    ]
    _import(store, tmp_path / "m.csv", *rows)
    changed = [row.replace("Kharkiv,Kharkiv Oblast", "Kharkiv city,Kharkiv Oblast") for row in rows]
    result = _import(store, tmp_path / "m.csv", *changed)
    assert result.updated == 300
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM record_versions")).scalar() == 300
    old, new = store.history("m-123")
    assert old["record"]["latitude"] == 49 + 123 / 1000 and old["record"]["place"] == "Kharkiv"
    assert new["changes"] == [{"field": "place", "before": "Kharkiv", "after": "Kharkiv city"}]
    assert store.count(IncidentFilter(places=("Kharkiv city",))) == 300


def test_a_deletion_removes_the_record_and_keeps_it_in_history(store, tmp_path):
    _import(store, tmp_path / "first.csv", *FIRST)
    before = store.totals()
    batch = Batch("deleted.csv", "h", "acled", None, 1, [], [], deletions=[Deletion(2, "k-2", 1721700000)])
    result = store.write_batch(batch)
    assert (result.deleted, result.duplicates, result.outdated, result.stored) == (1, 0, 0, 0)
    assert result.balanced and result.summary()["deleted"] == 1
    assert [r["id"] for r in store.read_incidents()] == ["k-1", "k-3"]
    totals = store.totals()
    assert totals["incidents"] == before["incidents"] - 1 == store.count() == 2
    assert totals["killed"] == before["killed"] - 1 and totals["injured"] == before["injured"] - 1
    assert "Sumy Oblast" not in set(store.by_region()["admin1"])
    assert int(store.daily()["incidents"].sum()) == 2
    assert store.count(IncidentFilter(regions=("Sumy Oblast",))) == 0
    versions = store.history("k-2")
    assert [v["change"] for v in versions] == ["stored", "deleted"]
    assert versions[1]["batch_id"] == result.batch_id and versions[1]["file_name"] == "deleted.csv"
    assert versions[1]["record"]["place"] == "Sumy"
    assert store.batches()[-1]["deleted"] == 1
    # Deleting it again, or an id never stored: nothing to do, recognised.
    again = Batch("deleted.csv", "h", "acled", None, 2, [], [])
    again.deletions = [Deletion(2, "k-2", 1721700000), Deletion(3, "never-stored", None)]
    repeated = store.write_batch(again)
    assert (repeated.deleted, repeated.duplicates) == (0, 2) and repeated.balanced
    assert len(store.history("k-2")) == 2


def test_a_deletion_older_than_the_stored_version_is_outdated(store, tmp_path):
    _import(store, tmp_path / "first.csv", *FIRST)
    _import(store, tmp_path / "second.csv", *SECOND)
    batch = Batch("old-deletions.csv", "h", "acled", None, 2, [], [])
    batch.deletions = [Deletion(2, "k-1", 1721550000), Deletion(3, "k-3", None)]
    result = store.write_batch(batch)
    assert (result.deleted, result.outdated, result.duplicates) == (1, 1, 0) and result.balanced
    assert [r["id"] for r in store.read_incidents()] == ["k-1", "k-2"]


def test_records_and_deletions_in_one_batch_balance(store, tmp_path):
    _import(store, tmp_path / "first.csv", *FIRST)
    records = [_by_id(store, "k-1") | {"killed": 9, "source_version": 1721600000}]
    batch = Batch.of_records("mixed", records, [])
    batch.read += 1
    batch.deletions = [Deletion(5, "k-3", 1721600000)]
    result = store.write_batch(batch)
    assert (result.updated, result.deleted) == (1, 1) and result.balanced
    assert store.totals()["killed"] == 10


def test_air_defence_reports_keep_their_versions_and_can_be_deleted(store):
    _, reports = read_seed()
    store.add([], reports)
    changed = reports[0] | {"shot_down": (reports[0]["shot_down"] or 0) + 10}
    assert store.add([], [changed]).updated == 1
    old, new = store.history(reports[0]["id"])
    assert old["kind"] == "air_defence" and old["record"]["shot_down"] == reports[0]["shot_down"]
    assert new["changes"] == [
        {"field": "shot_down", "before": reports[0]["shot_down"], "after": changed["shot_down"]}
    ]
    batch = Batch("deletions", "h", "acled", None, 1, [], [], deletions=[Deletion(2, reports[1]["id"], None)])
    assert store.write_batch(batch).deleted == 1
    assert reports[1]["id"] not in {r["id"] for r in store.read_air_defence()}
    assert store.history(reports[1]["id"])[-1]["change"] == "deleted"


def test_the_latest_change_of_the_records_in_view(store, tmp_path):
    _import(store, tmp_path / "first.csv", *FIRST)
    _import(store, tmp_path / "second.csv", *SECOND)
    revised = store.revised_ids(["k-1", "k-2", "not-stored"])
    assert set(revised) == {"k-1"}
    assert revised["k-1"]["change"] == "updated"
    day = revised["k-1"]["when"].date().isoformat()
    # A revision stamp is named only when nothing else changed.
    assert revised_text(revised["k-1"]) == f"killed 0 → 2 ({day})"
    assert store.revised_ids([]) == {}
    assert store.revised_ids(f"id-{n}" for n in range(40_000)) == {}  # one query, any number of ids


def test_a_deletion_keeps_the_text_index_in_step(monkeypatch, sqlite_url, tmp_path):
    monkeypatch.setattr(search, "TEXT_INDEX_ROWS", 0)
    monkeypatch.setattr(search, "PROBE_LIMIT", 10**9)
    store = Store(sqlite_url)
    header = HEADER + ",description"
    _import(
        store, tmp_path / "a.csv", *(f"{row},burnt granary {n}" for n, row in enumerate(FIRST)), header=header
    )
    with store.engine.connect() as conn:
        assert search.has_index(conn)
    batch = Batch("deletions", "h", "acled", None, 1, [], [], deletions=[Deletion(2, "k-2", None)])
    store.write_batch(batch)
    assert store.count(IncidentFilter(text="burnt granary")) == 2
    with store.engine.connect() as conn:
        # The index agrees with the table: an integrity check fails on a forgotten row.
        conn.exec_driver_sql(
            f"INSERT INTO {search.TABLE} ({search.TABLE}, rank) VALUES ('integrity-check', 1)"
        )
    store.close()


def test_an_older_store_gets_the_history_on_open(store_url):
    store = Store(store_url)
    store.close()
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:  # as a release before the history left it
        conn.execute(sa.text("DROP TABLE record_versions"))
        conn.execute(sa.text("ALTER TABLE import_batches DROP COLUMN outdated"))
    engine.dispose()
    store = Store(store_url)
    record = read_seed()[0][0]
    store.add([record])
    assert store.add([record | {"killed": 7}]).updated == 1
    assert [v["change"] for v in store.history(record["id"])] == ["stored", "updated"]
    store.close()


def test_history_json_holds_plain_values(store):
    record = read_seed()[0][0] | {"source_details": json.dumps({"tags": "<b>"})}
    store.add([record])
    store.add([record | {"damage": 'roof "hit"'}])
    old, new = store.history(record["id"])
    assert old["record"]["source_details"] == record["source_details"]
    assert new["changes"] == [{"field": "damage", "before": record["damage"], "after": 'roof "hit"'}]


def test_a_failed_write_keeps_no_version_and_the_next_one_does(store):
    record = read_seed()[0][0]
    store.add([record])
    with pytest.raises(StoreError):
        store.add([record | {"killed": 10**20}])  # the driver refuses it halfway
    assert store.add([record | {"killed": 3}]).updated == 1
    assert [v["record"]["killed"] for v in store.history(record["id"])] == [record["killed"], 3]
