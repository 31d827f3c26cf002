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

Either way, a row the store holds a newer version of (`source_version`, both known) is
left as it is and counted as outdated, and every version an update replaces goes into
the history (`incidents.storage.history`). `delete` removes the records a source withdrew.

Into an empty table (the first load of a big file), the secondary indexes are built
after the rows are in: one sort each, instead of keeping them up row by row.
"""

import contextlib
import datetime as dt
import json
import operator
from typing import NamedTuple

import sqlalchemy as sa

from incidents.importing.batch import Deletion, RecordColumns
from incidents.rules.model import SEARCH_FIELDS, content_hashes, search_texts
from incidents.storage import fulltext as search
from incidents.storage import history
from incidents.storage import summary as figures
from incidents.storage.schema import (
    SQLITE_CELL_INDEX,
    SQLITE_CELL_INDEX_DDL,
    air_defence_table,
    incidents_table,
)

CHUNK = 5000  # rows per statement: big enough to be fast, small enough to report progress
LOOKUP_CHUNK = 500  # ids per IN (...) lookup, under every backend's parameter limit
# Into an empty table, indexes built after the load (one sort) cost less than kept up
# row by row; below this many rows the difference is not worth the DDL.
REINDEX_ROWS = 20_000


class Merged(NamedTuple):
    stored: int = 0
    updated: int = 0
    duplicates: int = 0
    outdated: int = 0
    new_ids: frozenset = frozenset()  # the ids it inserted (what consolidation looks at)


def newer(stored_version, incoming_version) -> bool:
    """The rule of `source_version`: a stored version newer than the incoming one stays.
    (The SQLite upsert states it in SQL: `_NOT_OLDER`.)"""
    return stored_version is not None and incoming_version is not None and stored_version > incoming_version


_NOT_OLDER = "coalesce(excluded.source_version >= {name}.source_version, 1)"


def merge(conn, table: sa.Table, fields, records: list[dict], batch_id: str, progress, *, at: dt.datetime):
    """Store `records` in `table` as batch `batch_id` (imported `at`). Keeps the summary in step."""
    if not records:
        return Merged()
    ids = records.column("id") if isinstance(records, RecordColumns) else [record["id"] for record in records]
    outdated = 0
    if conn.dialect.name == "sqlite" and len(set(ids)) == len(ids):
        columns, rows, literals = _rows(table, fields, records, constants_inline=True)
        merged = _merge_sqlite(conn, table, fields, columns, rows, literals, batch_id, progress, at)
        stored, updated, same, days, new_ids = merged
        if same:
            outdated = _count_outdated(conn, table, ids, _column(records, "source_version"))
            same -= outdated
    else:
        columns, rows, _ = _rows(table, fields, records)
        # PostgreSQL; and repeated ids (records handed to `Store.add`), which fail on the
        # primary key here, as they always did.
        with_hash = _with_bookkeeping(columns, rows, fields, batch_id)
        if conn.dialect.name == "postgresql" and len(rows) >= REINDEX_ROWS and _empty(conn, table):
            with _postgresql_indexes_rebuilt(conn, table):
                _copy_in_chunks(conn, table, columns, with_hash, progress)
            stored, updated, same, days = len(rows), 0, 0, {row[1] for row in rows}
            new_ids = frozenset(row[0] for row in rows)
        else:
            merged = _merge_by_lookup(conn, table, columns, with_hash, progress, batch_id, at)
            stored, updated, same, outdated, days, new_ids = merged
        if table is incidents_table and (stored or updated):
            search.rebuild_if_present(conn)
    if table is incidents_table and (stored or updated):
        figures.refresh(conn, days)
    return Merged(stored, updated, same, outdated, new_ids)


def _column(records, name: str) -> list:
    return (
        records.column(name) if isinstance(records, RecordColumns) else [record[name] for record in records]
    )


def _count_outdated(conn, table: sa.Table, ids: list[str], versions: list) -> int:
    """SQLite, after the upsert: the rows left alone because the store holds a newer
    version (a row it updated now has the incoming version)."""
    pairs = [
        [identifier, version]
        for identifier, version in zip(ids, versions, strict=True)
        if version is not None
    ]
    if not pairs:
        return 0
    query = (
        f"SELECT count(*) FROM json_each(?) AS incoming JOIN {table.name} AS stored"
        " ON stored.id = json_extract(incoming.value, '$[0]')"
        " WHERE stored.source_version > json_extract(incoming.value, '$[1]')"
    )
    return conn.exec_driver_sql(query, (json.dumps(pairs),)).scalar()


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


def _merge_sqlite(conn, table, fields, bound, rows, literals, batch_id, progress, at):
    name = table.name
    # The batch id as a constant of the statement, not a value bound on every row:
    # a tenth of the insert's time. So are columns of one value (`literals`).
    literals = {**literals, "batch_id": _sql_literal(batch_id)}
    columns = [*bound, *literals]
    quoted = ", ".join(f'"{column}"' for column in columns)
    marks = ", ".join(["?"] * len(bound) + list(literals.values()))
    empty = conn.exec_driver_sql(f"SELECT NOT EXISTS (SELECT 1 FROM {name})").scalar()
    if empty and len(rows) >= REINDEX_ROWS:
        # The partial indexes (of rows being updated) stay empty through a load: kept.
        rebuilt = [index for index in table.indexes if index.dialect_options["sqlite"]["where"] is None]
        for index in rebuilt:
            conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{index.name}"')
        if table is incidents_table:  # and the map's cell index, made outside the metadata
            conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{SQLITE_CELL_INDEX}"')
        _in_chunks(conn, f"INSERT INTO {name} ({quoted}) VALUES ({marks})", rows, name, progress)
        for index in rebuilt:
            index.create(conn)
        if table is incidents_table:
            conn.exec_driver_sql(SQLITE_CELL_INDEX_DDL)
            search.keep_in_step(conn, after_rowid=0, updated=False)
        return len(rows), 0, 0, {row[1] for row in rows}, frozenset(row[0] for row in rows)
    # In id order, the primary key's B-tree of a full store is walked page after page
    # instead of at random places: a fifth less time for the insert at a million rows.
    rows.sort()
    changed_fields = [field for field in fields if field != "id"]
    assignments = ", ".join(f'"{column}" = excluded."{column}"' for column in columns[1:])
    stored_values = ", ".join(f'{name}."{field}"' for field in changed_fields)
    new_values = ", ".join(f'excluded."{field}"' for field in changed_fields)
    # An updated row notes the version it replaces (for the history) and, in incidents,
    # the day it had (`stale_date`) so the summary of that day is refreshed too. Not a
    # trigger: any trigger on the table slows SQLite's inserts (`incidents.storage.history`).
    noted = f", {history.sqlite_noted(table)}"
    if "stale_date" in table.c:
        noted += f", stale_date = {name}.date, stale_text = {name}.search_text"
    statement = (
        f"INSERT INTO {name} ({quoted}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET"
        f" {assignments}, content_hash = NULL{noted}"
        f" WHERE ({stored_values}) IS NOT ({new_values}) AND {_NOT_OLDER.format(name=name)}"
    )
    last = conn.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {name}").scalar()
    changed = _in_chunks(conn, statement, rows, name, progress)
    inserted = conn.exec_driver_sql(f"SELECT id, date FROM {name} WHERE rowid > ?", (last,)).all()
    new_days = [day for (_, day) in inserted]
    days = set(new_days)
    updated = changed > len(new_days)
    if table is incidents_table:
        search.keep_in_step(conn, after_rowid=last, updated=updated)
    if updated:
        history.copy_noted(conn, table, batch_id, at)
        marked = history.being_replaced(table)
        cleared = dict.fromkeys(history.NOTED)
        if "stale_date" in table.c:
            for before, after in conn.execute(sa.select(table.c.stale_date, table.c.date).where(marked)):
                days.update((before, after))
            cleared |= {"stale_date": None, "stale_text": None}
        conn.execute(table.update().where(marked).values(cleared))
    stored = len(new_days)
    return stored, changed - stored, len(rows) - changed, days, frozenset(row[0] for row in inserted)


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


def _merge_by_lookup(conn, table, columns, rows, progress, batch_id, at):
    known, old_day, old_version = {}, {}, {}
    ids = [row[0] for row in rows]
    for row in _stored(conn, table, ids, ("id", "content_hash", "date", "source_version")):
        identifier = row["id"]
        known[identifier], old_day[identifier] = row["content_hash"], row["date"]
        old_version[identifier] = row["source_version"]
    at_hash, at_version = columns.index("content_hash"), columns.index("source_version")
    new, changed, outdated = [], [], 0
    for row in rows:
        if row[0] not in known:
            new.append(row)
        elif newer(old_version[row[0]], row[at_version]):
            outdated += 1
        elif known[row[0]] != row[at_hash]:
            changed.append(row)
    _copy_in_chunks(conn, table, columns, new, progress)
    if changed:
        replaced = _stored(
            conn, table, [row[0] for row in changed], (*history.FIELDS[table.name], "batch_id")
        )
        values = {row[0]: dict(zip(columns, row, strict=True)) for row in changed}
        history.keep(conn, table, replaced, batch_id, at, new=values)
        statement = (
            table.update()
            .where(table.c.id == sa.bindparam("_id"))
            .values({column: sa.bindparam(column) for column in columns[1:]})
        )
        conn.execute(statement, [value | {"_id": identifier} for identifier, value in values.items()])
    days = {row[1] for row in new} | {row[1] for row in changed}
    days.update(old_day[row[0]] for row in changed)
    same = len(rows) - len(new) - len(changed) - outdated
    return len(new), len(changed), same, outdated, days, frozenset(row[0] for row in new)


def _stored(conn, table: sa.Table, ids: list[str], names: tuple[str, ...]) -> list:
    """The columns `names` of the rows among `ids` already stored, as mappings."""
    if conn.dialect.name == "postgresql":  # one array parameter, not a statement per chunk
        quoted = ", ".join(f'"{name}"' for name in names)
        query = f"SELECT {quoted} FROM {table.name} WHERE id = ANY(%(ids)s)"
        return conn.exec_driver_sql(query, {"ids": ids}).mappings().all()
    found = []
    for start in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[start : start + LOOKUP_CHUNK]
        query = sa.select(*(table.c[name] for name in names)).where(table.c.id.in_(chunk))
        found.extend(conn.execute(query).mappings())
    return found


class Deleted(NamedTuple):
    deleted: int = 0
    duplicates: int = 0
    outdated: int = 0


def delete(conn, deletions: list[Deletion], batch_id: str, *, at: dt.datetime) -> Deleted:
    """Remove the records `deletions` name from incidents and air_defence, each kept in
    the history as deleted. An id not stored (or deleted already) counts as a duplicate,
    one whose stored version is newer than the deletion as outdated."""
    ids = list(dict.fromkeys(deletion.record_id for deletion in deletions))
    found: dict[str, list] = {}  # id -> [(table, row)]
    for table in (incidents_table, air_defence_table):
        for row in _stored(conn, table, ids, (*history.FIELDS[table.name], "batch_id")):
            found.setdefault(row["id"], []).append((table, row))
    deleted, unknown, outdated = 0, 0, 0
    removed = {incidents_table: [], air_defence_table: []}
    for deletion in deletions:
        targets = found.pop(deletion.record_id, None)
        if targets is None:
            unknown += 1
        elif any(newer(row["source_version"], deletion.source_version) for _, row in targets):
            found[deletion.record_id] = targets  # a later deletion of it may be newer
            outdated += 1
        else:
            deleted += 1
            for table, row in targets:
                removed[table].append(row)
    for table, rows in removed.items():
        if not rows:
            continue
        history.keep(conn, table, rows, batch_id, at)
        gone = [row["id"] for row in rows]
        if table is incidents_table:
            search.forget(conn, gone)
        for start in range(0, len(gone), LOOKUP_CHUNK):
            conn.execute(table.delete().where(table.c.id.in_(gone[start : start + LOOKUP_CHUNK])))
        if table is incidents_table:
            figures.refresh(conn, {row["date"] for row in rows})
    return Deleted(deleted, unknown, outdated)


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
