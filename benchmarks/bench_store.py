"""Store benchmark: import throughput and filter latency on a million synthetic incidents.

The data is SYNTHETIC (random dates, places, counts); it says nothing about the war.
Sizes: INCIDENTS_BENCH_ROWS (stored incidents, default 1,000,000) and
INCIDENTS_BENCH_IMPORT_ROWS (rows per import file, default 100,000). Set
INCIDENTS_BENCH_PG_URL to also measure a PostgreSQL server (its database is emptied).
"""

import csv
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from incidents.batch import Batch
from incidents.filters import IncidentFilter
from incidents.importer import import_file
from incidents.model import EVENT_TYPES, INCIDENT_FIELDS, incident_id
from incidents.schema import metadata
from incidents.store import Store

STORED_ROWS = int(os.environ.get("INCIDENTS_BENCH_ROWS", 1_000_000))
IMPORT_ROWS = int(os.environ.get("INCIDENTS_BENCH_IMPORT_ROWS", 100_000))
PG_URL = os.environ.get("INCIDENTS_BENCH_PG_URL")
REPEATS = 3

# Places the gazetteer (even the seed stub) resolves, so "with geocoding" really geocodes.
GAZETTEER_PLACES = ("Kharkiv", "Sumy", "Zaporizhzhia", "Zelenograd")
REGIONS = [(f"Synthetic Oblast {n:02d}", "UA" if n < 25 else "RU") for n in range(50)]
FIRST_DAY = 738_000  # an ordinal day in 2021; the synthetic span is about three years
DAYS = 1_100


def synthetic_record(rng: random.Random, n: int) -> dict:
    admin1, country = REGIONS[n % len(REGIONS)]
    day = _iso(FIRST_DAY + rng.randrange(DAYS))
    record = {
        "date": day,
        "time": None,
        "date_precision": "day",
        "place": f"Synthetic place {n % 5000}",
        "admin1": admin1,
        "country": country,
        "latitude": 44 + rng.random() * 12,
        "longitude": 22 + rng.random() * 18,
        "geo_precision": "settlement",
        "geocoder": "source",
        "event_type": EVENT_TYPES[n % len(EVENT_TYPES)],
        "attacker": "RU" if country == "UA" else "UA",
        "killed": rng.choice((None, 0, 0, 1, 2, 5)),
        "injured": rng.choice((None, 0, 1, 3, 10)),
        "children_killed": None,
        "children_injured": None,
        "households_without_power": rng.choice((None, None, 100, 2500)),
        "damage": rng.choice((None, "residential building damaged", "power line hit")),
        "description": f"Synthetic benchmark incident {n}.",
        "source_name": f"synthetic source {n}",
        "source_url": None,
        "source_published": None,
    }
    record["id"] = incident_id(record)
    return record


def write_csv(path: Path, rows: int, *, geocoded: bool, seed: int) -> None:
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=INCIDENT_FIELDS)
        writer.writeheader()
        for n in range(rows):
            record = synthetic_record(rng, n + seed * 10_000_000)
            record["id"] = None
            if geocoded:
                record.update(
                    place=GAZETTEER_PLACES[n % 4],
                    admin1=None,
                    country=None,
                    latitude=None,
                    longitude=None,
                    geo_precision=None,
                    geocoder=None,
                )
            writer.writerow(record)


def bench_import(url: str, directory: Path) -> list[tuple[str, str]]:
    rows = []
    for label, geocoded, seed in (
        ("import, rows with coordinates", False, 1),
        ("import, rows geocoded from place", True, 2),
    ):
        path = directory / f"import-{seed}.csv"
        write_csv(path, IMPORT_ROWS, geocoded=geocoded, seed=seed)
        store = Store(url)
        started = time.perf_counter()
        result = import_file(store, path)
        seconds = time.perf_counter() - started
        assert result.balanced and result.stored == IMPORT_ROWS, result.summary()
        rows.append(
            (label, f"{IMPORT_ROWS / seconds:,.0f} rows/s ({IMPORT_ROWS:,} rows, {seconds:.1f} s)")
        )
        started = time.perf_counter()
        again = import_file(store, path)
        seconds = time.perf_counter() - started
        assert again.duplicates == IMPORT_ROWS
        rows.append(
            (
                label.replace("import", "re-import (all duplicates)"),
                f"{IMPORT_ROWS / seconds:,.0f} rows/s",
            )
        )
        store.close()
    return rows


def fill(url: str) -> tuple[Store, str]:
    store = Store(url)
    have = store.count()
    rng = random.Random(7)
    started = time.perf_counter()
    chunk = 100_000
    for start in range(have, STORED_ROWS, chunk):
        records = [synthetic_record(rng, n) for n in range(start, min(start + chunk, STORED_ROWS))]
        store.write_batch(Batch.of_records(f"synthetic {start}", records, []))
    seconds = time.perf_counter() - started
    return store, f"{store.count():,} rows ({STORED_ROWS - have:,} written in {seconds:.0f} s)"


FILTERS = {
    "no filter": IncidentFilter(),
    "one week": IncidentFilter(date_from="2022-06-01", date_to="2022-06-07"),
    "one region, one month": IncidentFilter(
        date_from="2022-06-01", date_to="2022-06-30", regions=("Synthetic Oblast 07",)
    ),
    "country + type + min killed": IncidentFilter(
        countries=("UA",), event_types=("drone_strike",), min_killed=2
    ),
    "text 'power line', one month": IncidentFilter(
        date_from="2022-06-01", date_to="2022-06-30", text="power line"
    ),
    "text 'incident 4242' (full scan)": IncidentFilter(text="incident 4242"),
}


def bench_filters(store: Store) -> list[tuple[str, ...]]:
    table = []
    for label, record_filter in FILTERS.items():
        matched = store.count(record_filter)
        cells = [label, f"{matched:,}"]
        for answer in (store.count, store.totals, store.daily, store.query):
            if answer is store.query and matched > 100_000:
                cells.append("(skipped: too many rows)")
                continue
            timings = []
            for _ in range(REPEATS):
                started = time.perf_counter()
                answer(record_filter)
                timings.append(time.perf_counter() - started)
            cells.append(f"{statistics.median(timings) * 1000:,.0f} ms")
        table.append(tuple(cells))
    return table


def print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(flush=True)


def run(url: str, label: str, directory: Path) -> None:
    print(f"-- {label}: SYNTHETIC data, {os.cpu_count()} CPUs --\n", flush=True)
    print_table(
        ("import (full path: read, validate, geocode, store)", "throughput"),
        bench_import(url, directory),
    )
    store, filled = fill(url)
    print(f"store: {filled}\n")
    print_table(
        ("filter", "matching", "count", "totals", "per day", "full rows (DataFrame)"),
        bench_filters(store),
    )
    store.close()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-store-") as directory:
        directory = Path(directory)
        run(f"sqlite:///{directory / 'bench.sqlite'}", "SQLite file", directory)
        if PG_URL:
            engine = sa.create_engine(PG_URL)
            metadata.drop_all(engine)
            engine.dispose()
            run(PG_URL, "PostgreSQL", directory)


def _iso(ordinal: int) -> str:
    import datetime as dt

    return dt.date.fromordinal(ordinal).isoformat()


if __name__ == "__main__":
    main()
