"""SYNTHETIC benchmark stores, built once and kept for the next run.

SQLite: `<BENCH_STORE_DIR>/sqlite-<count>.sqlite`. PostgreSQL: one database per size,
named after BENCH_PG_URL's database (`bench` gives `bench_100000`, `bench_1000000`),
created on that server when missing. A store is reused when it holds exactly `count`
incidents, all SYNTHETIC (ids `synthetic-N`); anything else is rebuilt.
"""

import os
import time
from pathlib import Path

import sqlalchemy as sa

from benchmarks.bench_queries import build

PG_ENV = "BENCH_PG_URL"
STORE_DIR_ENV = "BENCH_STORE_DIR"


def synthetic_count(url: str) -> tuple[int, int, int] | None:
    """(incidents, SYNTHETIC incidents, highest SYNTHETIC number + 1) in the store at
    `url`, None without a store."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("incidents"):
                return None
            total, synthetic, top = conn.execute(
                sa.text(
                    "select count(*), sum(case when id like 'synthetic-%' then 1 else 0 end),"
                    " max(case when id like 'synthetic-%' then cast(substr(id, 11) as integer) end)"
                    " from incidents"
                )
            ).one()
            return total, synthetic or 0, (top + 1) if top is not None else 0
    except sa.exc.OperationalError:
        return None
    finally:
        engine.dispose()


def holds(url: str, count: int) -> bool:
    """Whether the store is one `build(url, count)` made: SYNTHETIC incidents only, the
    last of `count` among them (the store merges a few percent as duplicates)."""
    found = synthetic_count(url)
    return bool(found) and found[0] == found[1] > 0 and 0.99 * count <= found[2] <= count


def sqlite_url(folder: Path, count: int) -> str:
    return f"sqlite:///{folder / f'sqlite-{count}.sqlite'}"


def postgres_url(base_url: str, count: int) -> str:
    """The database for `count` on BENCH_PG_URL's server, created when missing (empty)."""
    url = sa.make_url(base_url)
    name = f"{url.database or 'bench'}_{count}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(sa.text("select 1 from pg_database where datname = :n"), {"n": name}).first()
            if not exists:
                conn.execute(sa.text(f'create database "{name}"'))
    finally:
        admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def empty_store(url: str) -> None:
    """Remove what a wrong store holds, so `build` starts from nothing."""
    backend = sa.make_url(url)
    if backend.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(backend.database + suffix).unlink(missing_ok=True)
        return
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("drop schema public cascade"))
            conn.execute(sa.text("create schema public"))
    finally:
        engine.dispose()


def ready_store(url: str, count: int) -> tuple[str, float | None]:
    """`url` holding `count` SYNTHETIC incidents: ("reused", None) or ("built", seconds)."""
    if holds(url, count):
        return "reused", None
    empty_store(url)
    started = time.perf_counter()
    build(url, count)
    return "built", time.perf_counter() - started


def pg_base_url() -> str | None:
    return os.environ.get(PG_ENV) or None
