"""The per-day summary answers exactly as the incidents do, after every kind of write."""

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from incidents.importing.importer import import_file
from incidents.rules.filters import IncidentFilter
from incidents.rules.model import COUNT_FIELDS, INCIDENT_FIELDS
from incidents.storage import merge
from tests.incidents.helpers import csv_file, synthetic_csv

TODAY = dt.date(2025, 8, 1)
FILTERS = [
    IncidentFilter(),
    IncidentFilter(date_from="2025-07-03", date_to="2025-07-09"),
    IncidentFilter(countries=("UA",), event_types=("drone_strike",)),
    IncidentFilter(regions=("Region 3", "Kharkiv Oblast"), attacker="RU"),
    IncidentFilter(countries=("RU",)),  # nothing matches
]


def _expected(store, record_filter: IncidentFilter) -> tuple:
    """Counts and sums computed in pandas from the stored rows themselves."""
    kept = [record for record in store.read_incidents() if record_filter.matches(record)]
    frame = pd.DataFrame(kept, columns=list(INCIDENT_FIELDS))

    def sums(part: pd.DataFrame) -> dict:
        # A sum over only unknown values is unknown (None), never 0.
        return {
            name: None if part[name].isna().all() else int(part[name].dropna().sum()) for name in COUNT_FIELDS
        }

    totals = {"incidents": len(frame), **sums(frame)}
    daily = {day: {"incidents": len(part), **sums(part)} for day, part in frame.groupby("date")}
    regions = {
        key: {"incidents": len(part), **sums(part)} for key, part in frame.groupby(["country", "admin1"])
    }
    return totals, daily, regions


def _answered(store, record_filter: IncidentFilter) -> tuple:
    def rows(frame: pd.DataFrame, keys: list[str]) -> dict:
        out = {}
        for record in frame.to_dict("records"):
            key = tuple(record[k] for k in keys) if len(keys) > 1 else record[keys[0]]
            out[key] = {
                "incidents": record["incidents"],
                **{name: None if pd.isna(record[name]) else int(record[name]) for name in COUNT_FIELDS},
            }
        return out

    totals = store.totals(record_filter)
    assert store.count(record_filter) == totals["incidents"]
    return (
        totals,
        rows(store.daily(record_filter), ["date"]),
        rows(store.by_region(record_filter), ["country", "admin1"]),
    )


def _check(store) -> None:
    for record_filter in FILTERS:
        assert _answered(store, record_filter) == _expected(store, record_filter), record_filter


def test_summary_follows_inserts_updates_moved_days_and_duplicates(store, tmp_path, monkeypatch):
    monkeypatch.setattr(merge, "REINDEX_ROWS", 100)  # the bulk load into an empty table too
    import_file(store, synthetic_csv(tmp_path / "a.csv", 300, prefix="a"), today=TODAY)
    _check(store)
    rows = (
        "k-1,2025-07-20,Kharkiv,Kharkiv Oblast,UA,49.98,36.25,drone,RU,,,,only unknown figures",
        "a-5,2025-07-01,Place 5,Region 5,UA,45.05,30.05,drone,RU,7,,,moved to another day",
        "a-6,2025-07-07,Place 6,Region 6,UA,45.06,30.06,drone strike,RU,0,1,,a figure changed",
    )
    summary = import_file(store, csv_file(tmp_path / "b.csv", *rows), today=TODAY).summary()
    assert (summary["stored"], summary["updated"]) == (1, 2)
    _check(store)
    again = import_file(store, synthetic_csv(tmp_path / "a.csv", 300, prefix="a"), today=TODAY)
    assert again.updated == 2 and again.stored == 0  # a-5 and a-6 back as they were
    _check(store)
    only_unknown = store.totals(IncidentFilter(regions=("Kharkiv Oblast",)))
    assert only_unknown["incidents"] == 1 and only_unknown["killed"] is None


def test_summary_is_rebuilt_for_a_store_made_before_it(store_url, tmp_path):
    from incidents.storage.store import Store

    store = Store(store_url)
    import_file(store, synthetic_csv(tmp_path / "a.csv", 50, prefix="a"), today=TODAY)
    store.close()
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE incident_figures"))
    engine.dispose()
    store = Store(store_url)
    _check(store)
    store.close()


def test_a_bulk_load_into_an_empty_store_keeps_every_index(sqlite_url, tmp_path, monkeypatch):
    from incidents.storage.schema import SQLITE_CELL_INDEX, incidents_table
    from incidents.storage.store import Store

    monkeypatch.setattr(merge, "REINDEX_ROWS", 100)
    store = Store(sqlite_url)
    assert import_file(store, synthetic_csv(tmp_path / "a.csv", 500, prefix="a")).stored == 500
    with store.engine.connect() as conn:
        # Every index, the map's cell index (of expressions, which reflection skips) too.
        listed = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents'"
        present = set(conn.exec_driver_sql(listed).scalars())
    assert {index.name for index in incidents_table.indexes} | {SQLITE_CELL_INDEX} <= present
    _check(store)
    store.close()
