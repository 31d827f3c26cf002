"""Store benchmark: import throughput and filter latency on a million synthetic incidents.

The data is SYNTHETIC (random dates, places, counts); it says nothing about the war.
Sizes: INCIDENTS_BENCH_ROWS (stored incidents, default 1,000,000) and
INCIDENTS_BENCH_IMPORT_ROWS (rows per import file, default 100,000). Set
INCIDENTS_BENCH_PG_URL to also measure a PostgreSQL server (its database is emptied).

Prints each figure next to its goal (issue 4): import >= 50,000 rows/s for rows with
coordinates (into an empty store: the median of three; into a store of a million: once,
for scale); filter answers (count, totals, per day, per region) < 200 ms at a million
rows, in SQL (the dashboard's own path, through `incidents.storage.queries`, is measured
by bench_queries and, in a browser, by bench_dashboard).
A default run takes about five minutes on two cores.
"""

import csv
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from incidents.importing.batch import Batch
from incidents.importing.importer import import_file
from incidents.rules.filters import IncidentFilter
from incidents.rules.model import EVENT_TYPES, INCIDENT_FIELDS, incident_id
from incidents.storage.schema import metadata
from incidents.storage.store import Store

STORED_ROWS = int(os.environ.get("INCIDENTS_BENCH_ROWS", 1_000_000))
IMPORT_ROWS = int(os.environ.get("INCIDENTS_BENCH_IMPORT_ROWS", 100_000))
PG_URL = os.environ.get("INCIDENTS_BENCH_PG_URL")
REPEATS = 3  # per filter answer
IMPORT_REPEATS = 3  # imports per figure: a shared machine's disk and CPU vary from run to run

# Places the gazetteer (even the seed stub) resolves, so "with geocoding" really geocodes.
GAZETTEER_PLACES = ("Kharkiv", "Sumy", "Zaporizhzhia", "Zelenograd")
REGIONS = [(f"Synthetic Oblast {n:02d}", "UA" if n < 25 else "RU") for n in range(50)]
FIRST_DAY = 738_000  # an ordinal day in 2021; the synthetic span is about three years
DAYS = 1_100


def synthetic_record(rng: random.Random, n: int, days: range = range(FIRST_DAY, FIRST_DAY + DAYS)) -> dict:
    admin1, country = REGIONS[n % len(REGIONS)]
    day = _iso(rng.choice(days))
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


def write_csv(path: Path, rows: int, *, geocoded: bool, seed: int, last_days: int = DAYS) -> None:
    """A CSV of synthetic incidents dated within the last `last_days` of the span."""
    rng = random.Random(seed)
    days = range(FIRST_DAY + DAYS - last_days, FIRST_DAY + DAYS)
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=INCIDENT_FIELDS)
        writer.writeheader()
        for n in range(rows):
            record = synthetic_record(rng, n + seed * 10_000_000, days)
            record["id"] = None
            if geocoded:
                # One source's export with its own ids (as ACLED's): 100,000 strikes on four
                # towns from as many sources would be matched as reports of each other.
                record.update(id=f"synthetic-{seed}-{n}", source_name=f"synthetic export {seed}")
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


IMPORT_GOAL = 50_000  # rows per second, rows with coordinates (issue 4)
LATENCY_GOAL = 0.200  # seconds per filter answer at a million rows (issue 4)


def _rate(rows: int, seconds: float) -> str:
    return f"{rows / seconds:,.0f} rows/s ({rows:,} rows, {seconds:.1f} s)"


def _verdict(met: bool) -> str:
    return "met" if met else "NOT MET"


def _timed_import(url: str, path: Path, *, expect: str) -> float:
    store = Store(url)
    started = time.perf_counter()
    result = import_file(store, path)
    seconds = time.perf_counter() - started
    store.close()
    # Rows that describe a stored incident attach to it as reports (issue 17): stored.
    attached = result.attached if expect == "stored" else 0
    assert result.balanced and getattr(result, expect) + attached == IMPORT_ROWS, result.summary()
    return seconds


def _median_rate(runs: list[float]) -> str:
    median = statistics.median(runs)
    return (
        f"{IMPORT_ROWS / median:,.0f} rows/s ({IMPORT_ROWS:,} rows; median of {len(runs)}:"
        f" {median:.2f} s, runs {min(runs):.2f}-{max(runs):.2f} s)"
    )


def _warm_up(url: str, directory: Path) -> None:
    # Modules, the gazetteer's index and the first database pages load once per process:
    # not part of the rate at which rows go in.
    path = directory / "warm-up.csv"
    write_csv(path, 1_000, geocoded=True, seed=9)
    store = Store(url)
    import_file(store, path)
    store.close()


def bench_import(fresh_store: Callable[[], str], directory: Path) -> list[tuple[str, ...]]:
    """Into an empty store (median of a few, each into a new store), then the same file
    again (all duplicates); with and without geocoding."""
    rows = []
    _warm_up(fresh_store(), directory)
    for label, geocoded, seed in (
        ("rows with coordinates, into an empty store", False, 1),
        ("rows geocoded from place, into an empty store", True, 2),
    ):
        path = directory / f"import-{seed}.csv"
        write_csv(path, IMPORT_ROWS, geocoded=geocoded, seed=seed)
        runs = []
        for _ in range(IMPORT_REPEATS):
            url = fresh_store()
            runs.append(_timed_import(url, path, expect="stored"))
        goal = "" if geocoded else f">= {IMPORT_GOAL:,} rows/s"
        met = "" if geocoded else _verdict(IMPORT_ROWS / statistics.median(runs) >= IMPORT_GOAL)
        rows.append((label, _median_rate(runs), goal, met))
        seconds = _timed_import(url, path, expect="duplicates")
        rows.append(("  same file again (all duplicates)", _rate(IMPORT_ROWS, seconds), "", ""))
    return rows


def bench_import_into_full(url: str, directory: Path) -> list[tuple[str, ...]]:
    """A new file into a store that already holds a million: every index is then kept up
    row by row. Dates over the whole span are the worst case for the date-ordered
    indexes and the summary; a file of recent incidents touches a corner of each."""
    rows = []
    for label, seed, last_days in (
        (f"rows with coordinates, into a store of {STORED_ROWS:,}", 3, DAYS),
        ("  the same, dated within the last 30 days", 4, 30),
    ):
        path = directory / f"import-{seed}.csv"
        write_csv(path, IMPORT_ROWS, geocoded=False, seed=seed, last_days=last_days)
        seconds = _timed_import(url, path, expect="stored")
        met = _verdict(IMPORT_ROWS / seconds >= IMPORT_GOAL)
        rows.append((label, _rate(IMPORT_ROWS, seconds), f">= {IMPORT_GOAL:,} rows/s", met))
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
    "one place": IncidentFilter(places=("Synthetic place 4242",)),
    "country + type + min killed": IncidentFilter(
        countries=("UA",), event_types=("drone_strike",), min_killed=2
    ),
    "text 'power line', one month": IncidentFilter(
        date_from="2022-06-01", date_to="2022-06-30", text="power line"
    ),
    "text 'incident 4242' (full scan)": IncidentFilter(text="incident 4242"),
}


def _median_seconds(answer, *args) -> float:
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        answer(*args)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" + ("" if seconds < LATENCY_GOAL else " (over)")


def bench_filters(store: Store) -> tuple[list[tuple[str, ...]], int, int]:
    """SQL answers per filter; (table, answers within the goal, answers measured)."""
    table, met, measured = [], 0, 0
    for label, record_filter in FILTERS.items():
        matched = store.count(record_filter)
        cells = [label, f"{matched:,}"]
        for answer in (store.count, store.totals, store.daily, store.by_region):
            seconds = _median_seconds(answer, record_filter)
            measured += 1
            met += seconds < LATENCY_GOAL
            cells.append(_ms(seconds))
        # Full rows are an export or a table page, not a figure: no goal, shown for scale.
        if matched > 100_000:
            cells.append("(skipped: too many rows)")
        else:
            cells.append(f"{_median_seconds(store.query, record_filter) * 1000:,.0f} ms")
        table.append(tuple(cells))
    return table, met, measured


def print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(flush=True)


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def run(url: str, label: str, directory: Path, fresh_store: Callable[[], str]) -> None:
    print(f"-- {label}: SYNTHETIC data; {_load()} --", flush=True)
    print("   (other work on the machine slows every figure below; compare with the load)\n")
    imports = bench_import(fresh_store, directory)
    store, filled = fill(url)
    print(f"store: {filled}\n", flush=True)
    sql, sql_met, sql_measured = bench_filters(store)
    store.close()
    imports.extend(bench_import_into_full(url, directory))
    print_table(
        ("import (read, validate, geocode, store; one transaction)", "throughput", "goal", ""),
        imports,
    )
    print(
        "   Into an empty store the indexes are built once, after the rows are in; into a full\n"
        "   one every row also goes into three B-tree indexes and the trigram text index (the\n"
        "   filter goal needs them) at scattered places, and the summary of each day touched\n"
        "   is summed again.\n"
    )
    goal = f"goal < {LATENCY_GOAL * 1000:.0f} ms per answer"
    print(f"filter answers in SQL at {STORED_ROWS:,} rows ({goal}; '(over)' misses it):")
    print_table(
        ("filter", "matching", "count", "totals", "per day", "per region", "rows (DataFrame)"),
        sql,
    )
    print(
        f"summary: SQL answers within {LATENCY_GOAL * 1000:.0f} ms: {sql_met} of {sql_measured}; {_load()}\n",
        flush=True,
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-store-") as directory:
        directory = Path(directory)
        stores = iter(range(1_000_000))
        run(
            f"sqlite:///{directory / 'bench.sqlite'}",
            "SQLite file",
            directory,
            lambda: f"sqlite:///{directory / f'import-{next(stores)}.sqlite'}",
        )
        if PG_URL:
            _empty_postgresql()
            run(PG_URL, "PostgreSQL", directory, _empty_postgresql)


def _empty_postgresql() -> str:
    engine = sa.create_engine(PG_URL)
    metadata.drop_all(engine)
    engine.dispose()
    return PG_URL


def _iso(ordinal: int) -> str:
    import datetime as dt

    return dt.date.fromordinal(ordinal).isoformat()


if __name__ == "__main__":
    main()
