"""Gazetteer speed: index build and load, lookups in-process, and the batch CLI.

Goal (issue 3): at least 100,000 lookups/s in-process, and a 10,000-name CLI batch whose
time is mostly start-up.
"""

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geodata import index as index_module
from geodata.index import GazetteerIndex, build_index, geonames_source, shared_index
from geodata.places import _resolve, resolve_place, resolve_places

_SAMPLE_VARIANTS = ["Kharkov", "Zaporozhye", "Харків", "Kharkiv region", "Ivanivka", "Nikolayev"]


def _timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def _names(index: GazetteerIndex, count: int) -> list[str]:
    """Real names as reports write them: UA/RU settlements, some variants, some misses."""
    rng = random.Random(3)
    focus = [n for n, c in zip(index.names, index.countries, strict=True) if c in ("UA", "RU")]
    names = [rng.choice(focus) for _ in range(count)]
    for position in range(0, count, 10):
        names[position] = rng.choice(_SAMPLE_VARIANTS)
    for position in range(5, count, 50):
        names[position] = f"Nowhere {position}"
    return names


def _cli_seconds(names: list[str]) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(names))
    runner = "from dashboard.cli import main; main()"  # the `incidents` console script
    command = [sys.executable, "-c", runner, "geocode", "--file", handle.name, "--json"]
    seconds, _ = _timed(lambda: subprocess.run(command, capture_output=True, check=False))
    Path(handle.name).unlink()
    return seconds


def main() -> None:
    source = geonames_source()
    read_seconds, cities = _timed(lambda: json.loads(source.read_text(encoding="utf-8")))
    build_seconds, built = _timed(lambda: build_index(cities.values()))
    data = built.to_marshal()
    load_seconds, _ = _timed(lambda: GazetteerIndex.from_marshal(data))
    index_module.use_index(None)
    shared_seconds, index = _timed(shared_index)

    names = _names(index, 10_000)
    _resolve.cache_clear()
    single_cold, _ = _timed(lambda: [resolve_place(n) for n in names[:2000]])
    single_warm, _ = _timed(lambda: [resolve_place(n) for n in names[:2000] * 5])
    _resolve.cache_clear()
    batch_cold, results = _timed(lambda: resolve_places(names))
    batch_warm, _ = _timed(lambda: resolve_places(names))
    found = sum(r is not None for r in results)

    cli_one = _cli_seconds(["Kharkiv"])
    cli_batch = _cli_seconds(names)

    rows = [
        ("read cities500.json (GeoNames)", f"{read_seconds:.2f} s", f"{len(built):,} places kept"),
        ("index build", f"{build_seconds:.2f} s", f"{len(built.exact):,} name keys"),
        (
            "index load (marshal, in memory)",
            f"{load_seconds * 1000:.0f} ms",
            f"{len(data) / 1e6:.1f} MB",
        ),
        (
            "index load (from disk cache)",
            f"{shared_seconds * 1000:.0f} ms",
            "first use per process",
        ),
        ("single lookups, distinct names", f"{2000 / single_cold:,.0f} /s", "first time each"),
        ("single lookups, repeated names", f"{10_000 / single_warm:,.0f} /s", "result cache"),
        (
            "10,000-name batch, cold",
            f"{10_000 / batch_cold:,.0f} /s",
            f"{batch_cold * 1000:.0f} ms",
        ),
        ("10,000-name batch, warm", f"{10_000 / batch_warm:,.0f} /s", f"{found:,} found"),
        ("CLI, 1 name", f"{cli_one:.2f} s", "process start-up + index load"),
        ("CLI, 10,000 names --json", f"{cli_batch:.2f} s", f"lookups ~{batch_cold:.2f} s of it"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>14}  note")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>14}  {note}")


if __name__ == "__main__":
    main()
