"""An index for the text filter: SQLite FTS5 trigrams, PostgreSQL pg_trgm.

The filter's own condition (a substring of the casefolded `search_text`) always
decides; the index only narrows the rows it is tried on, so results are the same
with or without it. A trigram index finds substrings of three characters or more;
shorter needles, and needles with LIKE's wildcards, scan as before.

SQLite: an external-content FTS5 table over `incidents.search_text`, kept in step by
every write in the write's own transaction. It exists only from TEXT_INDEX_ROWS
incidents on: below that a scan answers in a few tens of ms, and indexing costs an
import about a third of its speed. A needle common to many rows is answered faster
by the scan than by looking up each candidate, so the index is used only when a
capped probe finds few candidates.

PostgreSQL: a GIN trigram index on `search_text`, which its planner uses for LIKE by
itself; without the pg_trgm extension (not installed, no right to create it) text
filters scan as before.
"""

import sqlalchemy as sa

TABLE = "incident_search"
TEXT_INDEX_ROWS = 250_000
# Candidates beyond which a scan is cheaper than fetching each candidate row.
PROBE_LIMIT = 20_000
PG_INDEX = "ix_incidents_search_trgm"
FORGET_CHUNK = 500  # ids per statement, under SQLite's parameter limit


def ensure_postgresql(conn) -> None:
    """The trigram index, if the extension can be had; inside a savepoint, so a refusal
    leaves the caller's transaction usable."""
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            conn.exec_driver_sql(
                f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON incidents USING gin (search_text gin_trgm_ops)"
            )
    except sa.exc.DBAPIError:
        pass  # text filters scan: slower at a million rows, same answers


def has_index(conn) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return conn.exec_driver_sql(query, (TABLE,)).first() is not None


def keep_in_step(conn, *, after_rowid: int, updated: bool) -> None:
    """After an SQLite merge: index the rows above `after_rowid` (new) and the rows
    marked stale (updated: their old text is in `stale_text`). Creates the index once
    the store is big enough for it to pay."""
    if not has_index(conn):
        if (conn.exec_driver_sql("SELECT max(rowid) FROM incidents").scalar() or 0) >= TEXT_INDEX_ROWS:
            _create(conn)
        return
    if updated:
        # External content: the index forgets a row's old text only when told it.
        conn.exec_driver_sql(
            f"INSERT INTO {TABLE} ({TABLE}, rowid, search_text)"
            " SELECT 'delete', rowid, stale_text FROM incidents WHERE stale_date IS NOT NULL"
        )
        conn.exec_driver_sql(
            f"INSERT INTO {TABLE} (rowid, search_text)"
            " SELECT rowid, search_text FROM incidents WHERE stale_date IS NOT NULL"
        )
    conn.exec_driver_sql(
        f"INSERT INTO {TABLE} (rowid, search_text) SELECT rowid, search_text FROM incidents WHERE rowid > ?",
        (after_rowid,),
    )


def forget(conn, ids: list[str]) -> None:
    """Before incidents `ids` are deleted: the index forgets their text (SQLite; PostgreSQL's
    index follows the table by itself)."""
    _index_rows(conn, ids, f"{TABLE}, rowid, search_text", "'delete', rowid, search_text")


def learn(conn, ids: list[str]) -> None:
    """After incidents `ids` are inserted outside a merge (a split): the index learns their
    text (SQLite; PostgreSQL's index follows the table by itself)."""
    _index_rows(conn, ids, "rowid, search_text", "rowid, search_text")


def _index_rows(conn, ids: list[str], columns: str, values: str) -> None:
    """Feed the external-content index the rows of incidents `ids`, a chunk at a time (an
    FTS5 'delete' row takes the text as it was indexed)."""
    if conn.dialect.name != "sqlite" or not has_index(conn):
        return
    for start in range(0, len(ids), FORGET_CHUNK):
        chunk = ids[start : start + FORGET_CHUNK]
        conn.exec_driver_sql(
            f"INSERT INTO {TABLE} ({columns}) SELECT {values}"
            f" FROM incidents WHERE id IN ({', '.join('?' * len(chunk))})",
            tuple(chunk),
        )


def rebuild_if_present(conn) -> None:
    """For a write that did not note what it changed: the index anew from the table."""
    if conn.dialect.name == "sqlite" and has_index(conn):
        conn.exec_driver_sql(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('rebuild')")


def _create(conn) -> None:
    # detail=none: a third of the size of the full index, and LIKE needs no more.
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5(search_text, content='incidents',"
        " content_rowid='rowid', tokenize='trigram', detail='none')"
    )
    conn.exec_driver_sql(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('rebuild')")


def narrowing(conn, needles: tuple[str, ...]):
    """An extra condition on `incidents` that leaves only candidates for any of `needles`
    (casefolded: the filter's `needles`), or None when the index would not help."""
    if not needles or conn.dialect.name != "sqlite" or not has_index(conn):
        return None
    if any(len(needle) < 3 or "%" in needle or "_" in needle for needle in needles):
        return None
    patterns = [f"%{needle}%" for needle in needles]
    probe = f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE search_text LIKE ? LIMIT {PROBE_LIMIT})"
    if sum(conn.exec_driver_sql(probe, (pattern,)).scalar() for pattern in patterns) >= PROBE_LIMIT:
        return None
    candidates = sa.text(
        f"SELECT rowid FROM {TABLE} WHERE "
        + " OR ".join(f"search_text LIKE :search_pattern_{number}" for number in range(len(patterns)))
    )
    candidates = candidates.bindparams(
        **{f"search_pattern_{number}": pattern for number, pattern in enumerate(patterns)}
    )
    return sa.literal_column("incidents.rowid").in_(candidates)
