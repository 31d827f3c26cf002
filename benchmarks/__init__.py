"""Benchmarks: `make bench` runs every `benchmarks/bench_*.py` module's `main()`.

Each prints a table; numbers describing speed live here, not in timed tests.
"""
