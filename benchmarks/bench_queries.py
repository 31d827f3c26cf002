"""The query layer (`incidents.storage.queries`) on SQLite at 100,000 and 1,000,000
SYNTHETIC incidents: the median time of each question a view asks, per filter.

The million is built only when the hundred thousand built fast enough to promise it
within `MAX_BUILD_SECONDS`: it is written in batches of `CHUNK`, as an import would.
"""

import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import synthetic_frame
from dashboard.snapshot import as_records
from incidents.rules.filters import IncidentFilter
from incidents.storage import queries
from incidents.storage.store import Store

SIZES = (100_000, 1_000_000)
CHUNK = 100_000
MAX_BUILD_SECONDS = 900
REPEATS = 5

FILTERS = {
    "no filter": IncidentFilter(),
    "one month": IncidentFilter(date_from="2024-06-01", date_to="2024-06-30"),
    "one region, one month": IncidentFilter(
        date_from="2024-06-01", date_to="2024-06-30", regions=("Synthetic region 07",)
    ),
    "UA, drone strikes, killed >= 1": IncidentFilter(
        countries=("UA",), event_types=("drone_strike",), min_killed=1
    ),
    "text 'kharkiv'": IncidentFilter(text="kharkiv"),
}

QUESTIONS = {
    "totals": lambda store, f: queries.totals(store, f),
    "per_day": lambda store, f: queries.per_day(store, f),
    "per_region": lambda store, f: queries.per_region(store, f),
    "page 1 by date": lambda store, f: queries.table_page(store, f, limit=50),
    "page 100 by killed desc": lambda store, f: queries.table_page(
        store, f, sort_by="killed", descending=True, offset=99 * 50, limit=50
    ),
    "map_cells zoom 5": lambda store, f: queries.map_cells(store, f, zoom=5),
    "map_cells zoom 9": lambda store, f: queries.map_cells(store, f, zoom=9),
}


def build(url: str, count: int) -> float:
    """`count` SYNTHETIC incidents written in batches; seconds taken."""
    store = Store(url)
    started = time.perf_counter()
    frame = synthetic_frame(count)
    for start in range(0, count, CHUNK):
        store.add(as_records(frame.iloc[start : start + CHUNK]))
    store.close()
    return time.perf_counter() - started


def median_ms(answer) -> float:
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        answer()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(flush=True)


def run(url: str, count: int) -> None:
    store = Store(url)
    stored = queries.totals(store)["incidents"]
    one, five, _ = os.getloadavg()
    print(
        f"-- SYNTHETIC data: {stored:,} incidents on SQLite; median of {REPEATS} runs, ms;"
        f" load average {one:.1f} / {five:.1f} on {os.cpu_count()} CPUs --"
    )
    rows = []
    for question, answer in QUESTIONS.items():
        rows.append(
            (
                question,
                *(f"{median_ms(lambda f=f, a=answer: a(store, f)):,.0f}" for f in FILTERS.values()),
            )
        )
    matched = ("(rows matched)", *(f"{queries.totals(store, f)['incidents']:,}" for f in FILTERS.values()))
    print_table(("question (SYNTHETIC)", *FILTERS), [*rows, matched])
    store.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        estimate = None
        for count in SIZES:
            if estimate is not None and estimate * count > MAX_BUILD_SECONDS:
                print(
                    f"-- {count:,} SYNTHETIC incidents skipped: building would take about"
                    f" {estimate * count:,.0f} s (limit {MAX_BUILD_SECONDS} s) --"
                )
                continue
            url = f"sqlite:///{Path(folder) / f'queries-{count}.sqlite'}"
            seconds = build(url, count)
            estimate = seconds / count
            print(f"SYNTHETIC store of {count:,} incidents built in {seconds:.0f} s", flush=True)
            run(url, count)


if __name__ == "__main__":
    main()
