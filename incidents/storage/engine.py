"""Opening a database: SQLite tuned for one writer at a time, PostgreSQL as it is.

SQLite: WAL (readers never wait for the writer), a generous busy timeout, and write
transactions that take the write lock at BEGIN (IMMEDIATE), so concurrent importers
queue instead of failing halfway with "database is locked". PostgreSQL: importers
queue on a transaction-scoped advisory lock, so each sees the others' rows.
"""

import contextlib
import os
import warnings
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler

from incidents import IncidentError
from incidents.rules.model import AIR_DEFENCE_FIELDS, INCIDENT_FIELDS, content_hash, search_text
from incidents.storage import fulltext as search
from incidents.storage import summary as figures
from incidents.storage.schema import OBSOLETE_INDEXES, SQLITE_CELL_INDEX_DDL, figures_table, metadata

BUSY_TIMEOUT_SECONDS = 600  # a big import by another process may hold the lock that long
IMPORT_LOCK = 4_242_001  # PostgreSQL advisory lock key of this application's writers
SORT_THREADS = max(1, min(4, (os.cpu_count() or 2) - 1))

# SQLAlchemy leaves a query's table hints out on SQLite; SQLite's own is `INDEXED BY
# name` after the table's name, which a few queries need (`queries.grid_cells`).
SQLiteCompiler.get_from_hint_text = lambda self, table, text: text


class StoreOpenError(IncidentError, RuntimeError):
    """The database URL is wrong or the database cannot be reached."""


def create_engine(url: str) -> sa.Engine:
    try:
        sa_url = sa.make_url(url)
    except sa.exc.ArgumentError:
        raise StoreOpenError(
            f"not a database URL: {url!r}; use sqlite:///path/file.sqlite or"
            " postgresql+psycopg://user@host/db"
        ) from None
    sqlite = sa_url.get_backend_name() == "sqlite"
    if sqlite and sa_url.database not in (None, "", ":memory:"):
        Path(sa_url.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        if sqlite:
            engine = sa.create_engine(sa_url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
            _tune_sqlite(engine)
        else:
            engine = sa.create_engine(sa_url, pool_pre_ping=True)
        with write_transaction(engine) as conn:
            had_figures = sa.inspect(conn).has_table(figures_table.name)
            metadata.create_all(conn)
            _add_missing_columns(conn)
            if not had_figures:  # a store of an earlier release: sum up what it holds
                figures.rebuild(conn)
            if engine.dialect.name == "postgresql":
                search.ensure_postgresql(conn)
            else:
                conn.exec_driver_sql(SQLITE_CELL_INDEX_DDL)
    except sa.exc.SQLAlchemyError as exc:
        original = getattr(exc, "orig", None) or exc
        raise StoreOpenError(f"cannot open the database {url!r}: {str(original).splitlines()[0]}") from None
    except ModuleNotFoundError as exc:
        raise StoreOpenError(f"cannot open {url!r}: driver {exc.name!r} is not installed") from None
    return engine


@contextlib.contextmanager
def write_transaction(engine: sa.Engine):
    """A transaction that holds the store's write lock from its first statement."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn = conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK})
            yield conn


def _tune_sqlite(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # NORMAL under WAL: a commit appends to the WAL without waiting for the disk, and
        # the WAL is synced at each checkpoint. An application crash or kill loses nothing
        # committed and never corrupts the file (what the durability tests check); only
        # a power cut or OS crash can lose the last commits since the latest checkpoint,
        # never half a batch. FULL would sync every commit: a large share of a small import.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # 64 MB of page cache: index pages of a million-row table stay in memory on insert.
        cursor.execute("PRAGMA cache_size=-65536")
        # Helper threads for big sorts (an import's index builds): a sixth less time there.
        cursor.execute(f"PRAGMA threads={SORT_THREADS}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


def _add_missing_columns(conn) -> None:
    """Stores made by an earlier release lack some columns and indexes: add them, fill them."""
    inspector = sa.inspect(conn)
    added = set()
    for table in metadata.sorted_tables:
        present = {column["name"] for column in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present:
                kind = column.type.compile(dialect=conn.dialect)
                conn.execute(sa.text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))
                added.add(column.name)
        with warnings.catch_warnings():
            # Reflection cannot read the SQLite cell index (of expressions); it is ours.
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
            for index in table.indexes:
                index.create(conn, checkfirst=True)
    for name in OBSOLETE_INDEXES:
        conn.execute(sa.text(f"DROP INDEX IF EXISTS {name}"))
    # Only a store from before the bookkeeping columns needs them filled, row by row.
    if added & {"content_hash", "search_text"}:
        _fill_bookkeeping(conn)


def _fill_bookkeeping(conn) -> None:
    for table_name, fields in (("incidents", INCIDENT_FIELDS), ("air_defence", AIR_DEFENCE_FIELDS)):
        table = metadata.tables[table_name]
        rows = conn.execute(sa.select(table).where(table.c.content_hash.is_(None))).mappings().all()
        for row in rows:
            values = {"content_hash": content_hash(row, fields)}
            if table_name == "incidents":
                values["search_text"] = search_text(row)
            conn.execute(table.update().where(table.c.id == row["id"]).values(values))
