"""Gazetteer speed: index build and load, lookups in-process, and the batch CLI.

Goal (issue 3): at least 100,000 lookups/s in-process, and a 10,000-name CLI batch whose
time is mostly start-up.

Lookups are measured two ways, labelled in the table:
- cold: 10,000 distinct names, every cache cleared first (the result cache and the
  per-place answer cache), so each lookup does the whole job: parse, fold, rank.
- warm: the same names again, answered by the result cache.
Other jobs share this machine's CPU: cold figures are the best of several rounds, with the
median beside them, and the load average is printed.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geodata import index as index_module
from geodata import places
from geodata.cache import CACHE_ENV
from geodata.index import (
    FOCUS_COUNTRIES,
    GazetteerIndex,
    build_index,
    gc_paused,
    geonames_source,
    load_or_build,
    shared_index,
)
from geodata.places import resolve_place, resolve_places

NAMES = 10_000
ROUNDS = 5
_SAMPLE_VARIANTS = ["Kharkov", "Zaporozhye", "Харків", "Kharkiv region", "Ivanivka", "Nikolayev"]


def _timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def _names(index: GazetteerIndex, count: int) -> list[str]:
    """Distinct names as reports write them: UA/RU settlement names, their other spellings
    (Cyrillic, older romanisations), a few qualified names and some misses."""
    rng = random.Random(3)
    focus_rows = {r for r, c in enumerate(index.countries) if c in FOCUS_COUNTRIES}
    own = sorted({index.names[r] for r in focus_rows})
    other = sorted(k.title() for k, rows in index.exact.items() if focus_rows.intersection(rows))
    misses = [f"Nowhere {n}" for n in range(count // 50)]
    pool = set(_SAMPLE_VARIANTS) | set(misses)
    pool.update(rng.sample(own, min(len(own), count * 6 // 10)))
    pool.update(rng.sample(other, count - len(pool)))
    names = sorted(pool)[:count]
    rng.shuffle(names)
    return names


def _clear_caches() -> None:
    places.clear_lookup_cache()


def _cold(lookup, names: list[str]) -> list[float]:
    """Lookups per second over ROUNDS rounds, each on cleared caches."""
    rates = []
    for _ in range(ROUNDS):
        _clear_caches()
        seconds, _ = _timed(lambda: lookup(names))
        rates.append(len(names) / seconds)
    return rates


def _warm(lookup, names: list[str]) -> float:
    lookup(names)
    seconds, _ = _timed(lambda: lookup(names))
    return len(names) / seconds


def _singles(names: list[str]) -> list:
    return [resolve_place(n) for n in names]


def _first_use_seconds() -> float:
    """load_or_build with an empty cache dir: read GeoNames, build, write the cache file."""
    with tempfile.TemporaryDirectory() as empty:
        previous = os.environ.get(CACHE_ENV)
        os.environ[CACHE_ENV] = empty
        try:
            return _timed(load_or_build)[0]
        finally:
            if previous is None:
                del os.environ[CACHE_ENV]
            else:
                os.environ[CACHE_ENV] = previous


def _cli_seconds(names: list[str]) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(names))
    runner = "from dashboard.cli import main; main()"  # the `incidents` console script
    command = [sys.executable, "-c", runner, "geocode", "--file", handle.name, "--json"]
    seconds = min(
        _timed(lambda: subprocess.run(command, capture_output=True, check=False))[0] for _ in range(3)
    )
    Path(handle.name).unlink()
    return seconds


def _rate(rates: list[float]) -> str:
    return f"{max(rates):,.0f} /s"


def main() -> None:
    load_before = os.getloadavg()
    source = geonames_source()
    with gc_paused():  # as load_or_build reads it
        read_seconds, cities = _timed(lambda: json.loads(source.read_text(encoding="utf-8")))
    build_seconds, built = _timed(lambda: build_index(cities.values()))
    data = built.to_marshal()
    load_seconds, _ = _timed(lambda: GazetteerIndex.from_marshal(data))
    first_use_seconds = _first_use_seconds()
    index_module.use_index(None)
    shared_seconds, index = _timed(shared_index)

    names = _names(index, NAMES)
    single_cold = _cold(_singles, names)
    single_warm = _warm(_singles, names)
    batch_cold = _cold(resolve_places, names)
    batch_warm = _warm(resolve_places, names)
    found = sum(r is not None for r in resolve_places(names))

    cli_one = _cli_seconds(["Kharkiv"])
    cli_batch = _cli_seconds(names)
    median = statistics.median

    rows = [
        ("read cities500.json (GeoNames)", f"{read_seconds:.2f} s", f"{len(index):,} places kept"),
        ("index build", f"{build_seconds:.2f} s", f"{len(index.exact):,} name keys"),
        ("first use, no cache (read + build + write)", f"{first_use_seconds:.2f} s", "once per install"),
        ("index load (marshal, in memory)", f"{load_seconds * 1000:.0f} ms", f"{len(data) / 1e6:.1f} MB"),
        ("index load (from disk cache)", f"{shared_seconds * 1000:.0f} ms", "first use per process"),
        (
            "COLD single lookups, distinct names",
            _rate(single_cold),
            f"best of {ROUNDS}, median {median(single_cold):,.0f} /s; caches cleared",
        ),
        ("WARM single lookups, same names again", f"{single_warm:,.0f} /s", "result cache"),
        (
            f"COLD {NAMES:,}-name batch, distinct",
            _rate(batch_cold),
            f"best of {ROUNDS}, median {median(batch_cold):,.0f} /s; {found:,} found",
        ),
        (f"WARM {NAMES:,}-name batch, same names", f"{batch_warm:,.0f} /s", "result cache"),
        ("CLI, 1 name", f"{cli_one:.2f} s", "best of 3: process start-up + index load"),
        (
            f"CLI, {NAMES:,} names --json",
            f"{cli_batch:.2f} s",
            f"best of 3; cold lookups ~{NAMES / max(batch_cold):.2f} s of it",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>14}  note")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>14}  {note}")
    load_after = os.getloadavg()
    print(
        f"load average (1/5/15 min): {' '.join(f'{x:.2f}' for x in load_before)} before, "
        f"{' '.join(f'{x:.2f}' for x in load_after)} after; {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
