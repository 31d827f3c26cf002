"""Matching benchmark: new records looked up against a million stored incidents (issue 17).

The data is SYNTHETIC (random dates, points, figures); it says nothing about the war.
A store of INCIDENTS_BENCH_ROWS incidents (default 1,000,000, one archive source) takes
INCIDENTS_BENCH_MATCH_ROWS new records (default 10,000) from a wire service: a third of
them are its accounts of stored strikes (same day or the night before, the same point),
the rest new strikes. Goal: the matching of the batch (finding each record's incidents
near in date and space, judging them, attaching the sure matches, queueing the likely
ones) under 10 s; the whole write (merge + matching) is shown beside it.
Set INCIDENTS_BENCH_PG_URL to also measure a PostgreSQL server (its database is emptied).
"""

import os
import random
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from benchmarks.bench_store import STORED_ROWS, print_table, synthetic_record
from incidents.importing.batch import Batch
from incidents.rules.model import INCIDENT_FIELDS, incident_id
from incidents.storage import reports
from incidents.storage.schema import metadata
from incidents.storage.store import Store

MATCH_ROWS = int(os.environ.get("INCIDENTS_BENCH_MATCH_ROWS", 10_000))
PG_URL = os.environ.get("INCIDENTS_BENCH_PG_URL")
GOAL_SECONDS = 10.0
FILL_CHUNK = 100_000
ACCOUNTS_SHARE = 3  # one in this many new records is an account of a stored strike


def fill(url: str) -> tuple[Store, str]:
    store = Store(url)
    rng = random.Random(17)
    started = time.perf_counter()
    for start in range(store.count(), STORED_ROWS, FILL_CHUNK):
        records = []
        for n in range(start, min(start + FILL_CHUNK, STORED_ROWS)):
            # One archive as the source (its own ids kept): nothing in it is matched with
            # itself, so the store holds exactly the incidents asked for.
            records.append(synthetic_record(rng, n) | {"source_name": "Synthetic archive"})
        store.write_batch(Batch.of_records(f"archive {start}", records, []))
    seconds = time.perf_counter() - started
    return store, f"{store.count():,} incidents (written in {seconds:.0f} s)"


def new_records(store: Store) -> list[dict]:
    """Accounts of stored strikes (a sample of them, told by the wire) and new strikes."""
    rng = random.Random(23)
    accounts = MATCH_ROWS // ACCOUNTS_SHARE
    with store.engine.connect() as conn:
        top = conn.execute(sa.text("SELECT max(rowid) FROM incidents")).scalar() if _sqlite(store) else None
        if top:
            rowids = rng.sample(range(1, top + 1), accounts)
            query = sa.text("SELECT * FROM incidents WHERE rowid IN (SELECT value FROM json_each(:ids))")
            sampled = conn.execute(query, {"ids": str(rowids)}).mappings().all()
        else:
            query = sa.text(f"SELECT * FROM incidents TABLESAMPLE SYSTEM (1) LIMIT {accounts}")
            sampled = conn.execute(query).mappings().all()
    records = []
    for row in sampled:
        record = {name: row[name] for name in INCIDENT_FIELDS}
        record |= {"source_name": "Synthetic wire", "time": "12:00", "injured": rng.choice((None, 1, 4))}
        records.append(record)
    for n in range(MATCH_ROWS - len(records)):
        records.append(synthetic_record(rng, 50_000_000 + n) | {"source_name": "Synthetic wire"})
    unique = {}
    for record in records:
        record["id"] = incident_id(record)
        unique.setdefault(record["id"], record)  # a synthetic repeat of date, place and type
    return list(unique.values())


def _sqlite(store: Store) -> bool:
    return store.engine.dialect.name == "sqlite"


def bench(url: str, label: str) -> None:
    print(f"-- {label}: SYNTHETIC data --", flush=True)
    store, filled = fill(url)
    print(f"store: {filled}\n", flush=True)
    records = new_records(store)
    timed = {"seconds": 0.0}
    consolidate = reports.consolidate

    def timed_consolidate(*args, **kwargs):
        started = time.perf_counter()
        try:
            return consolidate(*args, **kwargs)
        finally:
            timed["seconds"] += time.perf_counter() - started

    reports.consolidate = timed_consolidate
    try:
        started = time.perf_counter()
        result = store.write_batch(Batch.of_records("wire", records, []))
        whole = time.perf_counter() - started
        again_started = time.perf_counter()
        again = store.write_batch(Batch.of_records("wire", records, []))
        again_seconds = time.perf_counter() - again_started
    finally:
        reports.consolidate = consolidate
    assert result.balanced and again.duplicates == len(records), (result.summary(), again.summary())
    matching = timed["seconds"]
    met = "met" if matching < GOAL_SECONDS else "NOT MET"
    rows = [
        (
            f"match {len(records):,} new records against {filled.split(' (')[0]}",
            f"{matching:.2f} s",
            f"< {GOAL_SECONDS:.0f} s",
            met,
        ),
        ("  the whole write (merge + matching, one transaction)", f"{whole:.2f} s", "", ""),
        ("  the same records again (all duplicates)", f"{again_seconds:.2f} s", "", ""),
    ]
    print_table(("matching (issue 17)", "time", "goal", ""), rows)
    print(
        f"   outcome: {result.stored:,} new incidents, {result.attached:,} attached as reports,"
        f" {result.to_review:,} waiting for review\n",
        flush=True,
    )
    store.close()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="incidents-bench-matching-") as tmp:
        bench(f"sqlite:///{Path(tmp) / 'bench.sqlite'}", "SQLite")
    if PG_URL:
        engine = sa.create_engine(PG_URL)
        metadata.drop_all(engine)
        engine.dispose()
        bench(PG_URL, "PostgreSQL")


if __name__ == "__main__":
    main()
