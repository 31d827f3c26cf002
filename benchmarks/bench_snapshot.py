"""Snapshot benchmark: time to export the map as PNG and as standalone HTML.

Two data sets: the four seed incidents, and 100,000 SYNTHETIC incidents
(benchmarks.synthetic: real settlements, invented dates, types and figures; they say
nothing about the war). Each export is timed end to end as a user waits for it: map
built, page written, and for the PNG a fresh headless Chromium started, the map drawn
and screenshotted. Goals (issue 7): seed PNG under 3 s, 100,000 under 8 s.
"""

import os
import resource
import statistics
import time

from benchmarks.synthetic import synthetic_frame
from dashboard.snapshot import as_records, make_snapshot
from incidents.importing.seed import read_seed
from incidents.rules.filters import IncidentFilter

SYNTHETIC_ROWS = 100_000
REPEATS = 3
GOALS = {("seed", "png"): 3.0, ("synthetic", "png"): 8.0}


def synthetic_incidents(count: int) -> list[dict]:
    """SYNTHETIC records (benchmarks.synthetic: real settlements, invented facts) as dicts."""
    return as_records(synthetic_frame(count))


def seed_incidents() -> list[dict]:
    incidents, _ = read_seed()
    return [{**record, "id": f"seed-{n}"} for n, record in enumerate(incidents)]


def cpu_seconds() -> float:
    # This process and its finished children (Playwright's driver, Chromium and its
    # renderers): CPU time says what an export costs even on a busy machine.
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_export(fmt: str, records: list[dict], **options) -> tuple[float, float, float, int]:
    """(median wall s, best wall s, median CPU s, bytes) over REPEATS exports."""
    times, cpu, size = [], [], 0
    for _ in range(REPEATS):
        start, start_cpu = time.perf_counter(), cpu_seconds()
        snapshot = make_snapshot(fmt, records, IncidentFilter(), **options)
        times.append(time.perf_counter() - start)
        cpu.append(cpu_seconds() - start_cpu)
        size = len(snapshot.data)
    return statistics.median(times), min(times), statistics.median(cpu), size


def main() -> None:
    data = {"seed": seed_incidents(), "synthetic": synthetic_incidents(SYNTHETIC_ROWS)}
    cases = [
        ("png", "slide 1920x1080 @1x", {"width": 1920, "height": 1080, "scale": 1}),
        ("png", "slide 1920x1080 @2x", {"width": 1920, "height": 1080, "scale": 2}),
        ("html", "standalone", {}),
    ]
    print(
        f"Export time, median of {REPEATS} (fresh Chromium per PNG). "
        f"'synthetic' = {SYNTHETIC_ROWS:,} SYNTHETIC incidents."
    )
    # Wall time on a shared machine is mostly waiting for a core; say how busy it was.
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    print(
        f"{'data':<30} {'format':<6} {'size':<22} {'median s':>9} {'best s':>8} {'CPU s':>7} "
        f"{'bytes':>12}  goal (median)"
    )
    for name, records in data.items():
        label = f"{name} ({len(records):,} incidents)"
        for fmt, size_label, options in cases:
            try:
                median, best, cpu, size = time_export(fmt, records, **options)
            except Exception as exc:  # one broken case must not hide the others' figures
                print(f"{label:<30} {fmt:<6} {size_label:<22} failed: {type(exc).__name__}: {exc}")
                continue
            goal = GOALS.get((name, fmt))
            verdict = "" if goal is None else f"< {goal:g} s {'met' if median < goal else 'MISSED'}"
            print(
                f"{label:<30} {fmt:<6} {size_label:<22} {median:>9.2f} {best:>8.2f} {cpu:>7.2f} "
                f"{size:>12,}  {verdict}",
                flush=True,
            )
    print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
