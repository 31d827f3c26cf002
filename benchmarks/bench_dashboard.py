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


def synthetic_count(url: str) -> tuple[int, int] | None:
    """(all incidents, SYNTHETIC incidents) in the store at `url`, None without a store."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("incidents"):
                return None
            total = conn.execute(sa.text("select count(*) from incidents")).scalar_one()
            synthetic = conn.execute(
                sa.text("select count(*) from incidents where id like 'synthetic-%'")
            ).scalar_one()
            return total, synthetic
    except sa.exc.OperationalError:
        return None
    finally:
        engine.dispose()


def holds(url: str, count: int) -> bool:
    return synthetic_count(url) == (count, count)


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
