"""A batch's records into a table: new ids inserted, changed ones updated, the rest counted.

Runs inside the caller's write transaction, so whatever it does commits whole or not
at all. The comparison with the rows already stored is done by the database in bulk,
not row by row in Python:

- SQLite: one `INSERT ... ON CONFLICT(id) DO UPDATE ... WHERE` a stored value
  differs (compared column by column, in C); the driver counts the rows it changed,
  and the new ones among them are counted by rowid, which SQLite hands out above the
  largest one present. No content hash is computed: its repr of every float was the
  largest cost of a write. (`content_hash` is left empty on these rows.)
- PostgreSQL: the ids present are looked up in one query and their content hashes
  compared; new rows go in by COPY.

Into an empty table (the first load of a big file), the secondary indexes are built
after the rows are in: one sort each, instead of keeping them up row by row.
"""

import contextlib
import operator

import sqlalchemy as sa

from incidents.importing.batch import RecordColumns
from incidents.rules.model import SEARCH_FIELDS, content_hashes, search_texts
from incidents.storage import fulltext as search
from incidents.storage import summary as figures
from incidents.storage.schema import incidents_table

CHUNK = 5000  # rows per statement: big enough to be fast, small enough to report progress
LOOKUP_CHUNK = 500  # ids per IN (...) lookup, under every backend's parameter limit
# Into an empty table, indexes built after the load (one sort) cost less than kept up
# row by row; below this many rows the difference is not worth the DDL.
REINDEX_ROWS = 20_000


def merge(conn, table: sa.Table, fields, records: list[dict], batch_id: str, progress):
    """Store `records` in `table`: (stored, updated, unchanged). Keeps the summary in step."""
    if not records:
        return 0, 0, 0
    ids = records.column("id") if isinstance(records, RecordColumns) else [record["id"] for record in records]
    if conn.dialect.name == "sqlite" and len(set(ids)) == len(ids):
        columns, rows, literals = _rows(table, fields, records, constants_inline=True)
        merged = _merge_sqlite(conn, table, fields, columns, rows, literals, batch_id, progress)
        stored, updated, same, days = merged
    else:
        columns, rows, _ = _rows(table, fields, records)
        # PostgreSQL; and repeated ids (records handed to `Store.add`), which fail on the
        # primary key here, as they always did.
        with_hash = _with_bookkeeping(columns, rows, fields, batch_id)
        if conn.dialect.name == "postgresql" and len(rows) >= REINDEX_ROWS and _empty(conn, table):
            with _postgresql_indexes_rebuilt(conn, table):
                _copy_in_chunks(conn, table, columns, with_hash, progress)
            stored, updated, same, days = len(rows), 0, 0, {row[1] for row in rows}
        else:
            stored, updated, same, days = _merge_by_lookup(conn, table, columns, with_hash, progress)
        if table is incidents_table and (stored or updated):
            search.rebuild_if_present(conn)
    if table is incidents_table and (stored or updated):
        figures.refresh(conn, days)
    return stored, updated, same


def _rows(table: sa.Table, fields, records: list[dict], *, constants_inline: bool = False):
    """Column names and value tuples: the record's fields, then its search text (if the
    table has one). The batch id, the same for every row, is added by the statement.

    With `constants_inline`, a column holding one value in every row (a column left
    empty, a source's one precision) goes into the statement as an SQL literal instead
    of being bound on every row: returned as {column: literal}, left out of the tuples.
    """
    if isinstance(records, RecordColumns):
        return _rows_of_columns(table, fields, records, constants_inline)
    values_of = operator.itemgetter(*fields)
    if "search_text" not in table.c:
        return [*fields], list(map(values_of, records)), {}
    texts = search_texts({name: list(map(operator.itemgetter(name), records)) for name in SEARCH_FIELDS})
    rows = [(*values_of(record), text) for record, text in zip(records, texts, strict=True)]
    return [*fields, "search_text"], rows, {}


def _rows_of_columns(table: sa.Table, fields, records: RecordColumns, constants_inline: bool):
    # The same tuples as above, put together column by column in C.
    columns = {name: records.column(name) for name in fields}
    if "search_text" in table.c:
        texts = records.search_texts
        if texts is None:
            texts = search_texts({name: records.column(name) for name in SEARCH_FIELDS})
        columns["search_text"] = texts
    literals = {}
    for name, column in columns.items() if constants_inline else ():
        # id and date stay bound: the merge reads them from the tuples.
        one = column[0]
        if name not in ("id", "date") and one == column[-1] and column.count(one) == len(column):
            literal = _sql_literal(column[0])
            if literal is not None:
                literals[name] = literal
    bound = [name for name in columns if name not in literals]
    return bound, list(zip(*(columns[name] for name in bound), strict=True)), literals


def _sql_literal(value) -> str | None:
    """`value` as SQLite reads it back exactly, or None (floats: SQLite's own reading of
    a decimal may differ from Python's in the last bit)."""
    if value is None:
        return "NULL"
    if type(value) is int:
        return str(value)
    if type(value) is str and "\x00" not in value:
        return "'" + value.replace("'", "''") + "'"
    return None


def _with_bookkeeping(columns: list[str], rows: list[tuple], fields, batch_id: str) -> list[tuple]:
    columns.extend(("batch_id", "content_hash"))
    digests = content_hashes(rows, fields)
    return [(*row, batch_id, digest) for row, digest in zip(rows, digests, strict=True)]


def _merge_sqlite(conn, table, fields, bound, rows, literals, batch_id, progress):
    name = table.name
    # The batch id as a constant of the statement, not a value bound on every row:
    # a tenth of the insert's time. So are columns of one value (`literals`).
    literals = {**literals, "batch_id": _sql_literal(batch_id)}
    columns = [*bound, *literals]
    quoted = ", ".join(f'"{column}"' for column in columns)
    marks = ", ".join(["?"] * len(bound) + list(literals.values()))
    empty = conn.exec_driver_sql(f"SELECT NOT EXISTS (SELECT 1 FROM {name})").scalar()
    if empty and len(rows) >= REINDEX_ROWS:
        for index in table.indexes:
            conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{index.name}"')
        _in_chunks(conn, f"INSERT INTO {name} ({quoted}) VALUES ({marks})", rows, name, progress)
        for index in table.indexes:
            index.create(conn)
        if table is incidents_table:
            search.keep_in_step(conn, after_rowid=0, updated=False)
        return len(rows), 0, 0, {row[1] for row in rows}
    # In id order, the primary key's B-tree of a full store is walked page after page
    # instead of at random places: a fifth less time for the insert at a million rows.
    rows.sort()
    fields = [field for field in fields if field != "id"]
    assignments = ", ".join(f'"{column}" = excluded."{column}"' for column in columns[1:])
    stored_values = ", ".join(f'{name}."{field}"' for field in fields)
    new_values = ", ".join(f'excluded."{field}"' for field in fields)
    # An updated row notes the day it had (`stale_date`) so the summary of that day is
    # refreshed too. Not a trigger: any trigger on the table halves SQLite's insert speed.
    noted = f", stale_date = {name}.date, stale_text = {name}.search_text" if "stale_date" in table.c else ""
    statement = (
        f"INSERT INTO {name} ({quoted}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET"
        f" {assignments}, content_hash = NULL{noted}"
        f" WHERE ({stored_values}) IS NOT ({new_values})"
    )
    last = conn.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {name}").scalar()
    changed = _in_chunks(conn, statement, rows, name, progress)
    inserted = conn.exec_driver_sql(f"SELECT date FROM {name} WHERE rowid > ?", (last,))
    new_days = [day for (day,) in inserted]
    days = set(new_days)
    updated = changed > len(new_days) and "stale_date" in table.c
    if table is incidents_table:
        search.keep_in_step(conn, after_rowid=last, updated=updated)
    if updated:
        moved = f"SELECT stale_date, date FROM {name} WHERE stale_date IS NOT NULL"
        for before, after in conn.exec_driver_sql(moved):
            days.update((before, after))
        conn.exec_driver_sql(
            f"UPDATE {name} SET stale_date = NULL, stale_text = NULL WHERE stale_date IS NOT NULL"
        )
    stored = len(new_days)
    return stored, changed - stored, len(rows) - changed, days


def _in_chunks(conn, statement: str, rows: list[tuple], name: str, progress) -> int:
    """Executes `statement` for every row; the number of rows it changed."""
    changed = 0
    for start in range(0, len(rows), CHUNK):
        changed += conn.exec_driver_sql(statement, rows[start : start + CHUNK]).rowcount
        if progress:
            progress(name, min(start + CHUNK, len(rows)), len(rows))
    return changed


def _empty(conn, table: sa.Table) -> bool:
    return conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first() is None


@contextlib.contextmanager
def _postgresql_indexes_rebuilt(conn, table: sa.Table):
    """The table's secondary indexes (the text index too) dropped for a load and built
    again after it, in the same transaction: readers wait for it, and see it whole."""
    query = (
        "SELECT i.indexname, i.indexdef FROM pg_indexes i"
        " WHERE i.schemaname = current_schema() AND i.tablename = %(table)s"
        " AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %(table)s::regclass)"
    )
    indexes = conn.exec_driver_sql(query, {"table": table.name}).all()
    for name, _definition in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, definition in indexes:
        conn.exec_driver_sql(definition)


def _copy_in_chunks(conn, table, columns, rows, progress) -> None:
    for start in range(0, len(rows), CHUNK):
        _insert(conn, table, columns, rows[start : start + CHUNK])
        if progress:
            progress(table.name, min(start + CHUNK, len(rows)), len(rows))


def _merge_by_lookup(conn, table, columns, rows, progress):
    known, old_day = {}, {}
    ids = [row[0] for row in rows]
    for identifier, digest, day in _stored(conn, table, ids):
        known[identifier], old_day[identifier] = digest, day
    at_hash = columns.index("content_hash")
    new = [row for row in rows if row[0] not in known]
    changed = [row for row in rows if row[0] in known and known[row[0]] != row[at_hash]]
    _copy_in_chunks(conn, table, columns, new, progress)
    if changed:
        statement = (
            table.update()
            .where(table.c.id == sa.bindparam("_id"))
            .values({column: sa.bindparam(column) for column in columns[1:]})
        )
        conn.execute(
            statement,
            [dict(zip(columns, row, strict=True)) | {"_id": row[0]} for row in changed],
        )
    days = {row[1] for row in new} | {row[1] for row in changed}
    days.update(old_day[row[0]] for row in changed)
    return len(new), len(changed), len(rows) - len(new) - len(changed), days


def _stored(conn, table: sa.Table, ids: list[str]):
    """(id, content hash, date) of the rows among `ids` already stored."""
    if conn.dialect.name == "postgresql":  # one array parameter, not a statement per chunk
        query = f"SELECT id, content_hash, date FROM {table.name} WHERE id = ANY(%(ids)s)"
        yield from conn.exec_driver_sql(query, {"ids": ids})
        return
    for start in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[start : start + LOOKUP_CHUNK]
        yield from conn.execute(
            sa.select(table.c.id, table.c.content_hash, table.c.date).where(table.c.id.in_(chunk))
        )


def _insert(conn, table: sa.Table, columns: list[str], rows: list[tuple]) -> None:
    """COPY on PostgreSQL; elsewhere a plain executemany of tuples, without Core's per-row work."""
    names = ", ".join(f'"{column}"' for column in columns)
    if conn.dialect.name == "postgresql":
        cursor = conn.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" if conn.dialect.paramstyle == "qmark" else "%s" for _ in columns)
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", rows)
