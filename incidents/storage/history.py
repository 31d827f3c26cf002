"""The versions of a record that imports replaced or deleted (`record_versions`).

Written by the import that replaces them, in its own transaction (`incidents.storage.merge`):

- SQLite's upsert: its DO UPDATE SET, which sees the stored row and the new one, notes
  the version it overwrites in the row (`sqlite_noted`), and `copy_noted` moves the notes
  into the history in one statement. Not a trigger: even a temporary one on updates
  only slowed the new rows of a merge into a full store by a sixth.
- Elsewhere (PostgreSQL, and deletions) the merge has the stored rows in hand: `keep`.

A version is a JSON object of every model field, as stored; an update also keeps which
fields changed (`[{"field", "before", "after"}]`). Read back as a record's `versions`
(oldest first, the current one last) and as the latest change of records in view
(`latest_changes`), which `revised_text` puts in a few words for the dashboard.
"""

import datetime as dt
import json
from collections.abc import Iterable, Mapping

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from incidents.rules.model import AIR_DEFENCE_FIELDS, INCIDENT_FIELDS
from incidents.storage.schema import (
    RECORD_KINDS,
    air_defence_table,
    batches_table,
    incidents_table,
    reports_table,
    versions_table,
)

FIELDS = {
    "incidents": INCIDENT_FIELDS,
    "air_defence": AIR_DEFENCE_FIELDS,
    "incident_reports": INCIDENT_FIELDS,
}
STORED, UPDATED, DELETED = "stored", "updated", "deleted"  # how a version came to be
# A source's revision stamp is not news by itself: a short text names it only alone.
STAMP_FIELDS = ("source_version",)
SHORT_VALUE_CHARS = 40
UNKNOWN = "not reported"


# -- writing -------------------------------------------------------------------------------


NOTED = ("replaced", "replaced_changes", "replaced_batch")  # bookkeeping columns of both tables


def sqlite_noted(table: sa.Table) -> str:
    """SQL for an SQLite upsert's DO UPDATE SET on `table`: the stored row notes the
    version it had, the fields that differ from `excluded`, and its batch (`NOTED`)."""
    name = table.name
    fields = FIELDS[name]

    def value(row: str, field: str) -> str:
        column = f'{row}."{field}"'
        if isinstance(table.c[field].type, sa.Float):
            # SQLite's JSON writes a real to 15 digits; 17 read back as the same double.
            return (
                f"CASE typeof({column}) WHEN 'real' THEN json(printf('%!.17g', {column})) ELSE {column} END"
            )
        return column

    record = ", ".join(f"'{field}', {value(name, field)}" for field in fields)
    # Only the fields that differ, each as `,{...}`: joined, the first comma cut off.
    changes = " || ".join(
        f"""CASE WHEN {name}."{field}" IS NOT excluded."{field}" THEN ','"""
        f" || json_object('field', '{field}', 'before', {value(name, field)},"
        f" 'after', {value('excluded', field)}) ELSE '' END"
        for field in fields
        if field != "id"
    )
    return (
        f"replaced = json_object({record}), replaced_changes = '[' || substr({changes}, 2) || ']',"
        f" replaced_batch = {name}.batch_id"
    )


def being_replaced(table: sa.Table):
    """The rows an SQLite upsert has just updated: in incidents, by the partial index of
    `stale_date` (set with `replaced`); the few air-defence rows, by a scan."""
    return table.c.stale_date.is_not(None) if "stale_date" in table.c else table.c.replaced.is_not(None)


def copy_noted(conn, table: sa.Table, batch_id: str, at: dt.datetime) -> None:
    """After an SQLite upsert: the versions its rows noted into the history (the caller
    clears the notes)."""
    c = table.c
    rows = sa.select(
        c.id,
        sa.literal(RECORD_KINDS[table.name]),
        c.replaced,
        c.replaced_batch,
        sa.literal(batch_id),
        sa.literal(at, versions_table.c.replaced_at.type),
        sa.literal(UPDATED),
        c.replaced_changes,
    ).where(being_replaced(table))
    names = [
        "record_id",
        "record_kind",
        "record",
        "written_by",
        "replaced_by",
        "replaced_at",
        "change",
        "changes",
    ]
    conn.execute(versions_table.insert().from_select(names, rows))


def keep(
    conn,
    table: sa.Table,
    stored: Iterable[Mapping],
    batch_id: str,
    at: dt.datetime,
    *,
    new: Mapping[str, Mapping] | None = None,
    why: Mapping[str, tuple[str, str | None]] | None = None,
) -> None:
    """Stored rows of `table` (every field and `batch_id`) into the history: updated, with
    what changed, when `new` gives each id's new values; else deleted. `why`: per id, the
    reason in words and who made the change (a source, a reviewer)."""
    fields = FIELDS[table.name]
    rows = []
    for row in stored:
        after = new[row["id"]] if new is not None else None
        changes = None
        if after is not None:
            # As SQLite's `IS NOT` in `sqlite_replaced`: None equals None, 1 equals 1.0.
            changes = _json(
                [
                    {"field": field, "before": row[field], "after": after[field]}
                    for field in fields
                    if field != "id" and row[field] != after[field]
                ]
            )
        rows.append(
            {
                "record_id": row["id"],
                "record_kind": RECORD_KINDS[table.name],
                "record": _json({field: row[field] for field in fields}),
                "written_by": row["batch_id"],
                "replaced_by": batch_id,
                "replaced_at": at,
                "change": UPDATED if after is not None else DELETED,
                "changes": changes,
                "reason": (why or {}).get(row["id"], (None, None))[0],
                "changed_by": (why or {}).get(row["id"], (None, None))[1],
            }
        )
    if rows:
        conn.execute(versions_table.insert(), rows)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# -- reading -------------------------------------------------------------------------------


def versions(conn, record_id: str) -> list[dict]:
    """Every version of the record `record_id`, oldest first: `version` (1, 2, ...), `kind`
    (incident / air_defence), `change` (stored / updated / deleted), `when` (UTC), the
    `batch_id` and `file_name` of the import that made it, `changes` ([{field, before,
    after}] of an update) and `record` (as it was; for a deletion, as it was deleted).
    The last one is the current record unless it is a deletion. [] for an unknown id."""
    v = versions_table.c
    written, replacing = batches_table.alias("written"), batches_table.alias("replacing")
    query = (
        sa.select(
            v.record_kind,
            v.record,
            v.written_by,
            written.c.file_name.label("written_file"),
            written.c.imported_at.label("written_at"),
            written.c.imported_by.label("written_user"),
            v.replaced_by,
            replacing.c.file_name.label("replacing_file"),
            replacing.c.imported_by.label("replacing_user"),
            v.replaced_at,
            v.change,
            v.changes,
            v.reason,
            v.changed_by,
        )
        .outerjoin(written, written.c.id == v.written_by)
        .outerjoin(replacing, replacing.c.id == v.replaced_by)
        .where(v.record_id == record_id)
        .order_by(v.id)
    )
    replaced = conn.execute(query).mappings().all()
    result = []
    for table in (incidents_table, reports_table, air_defence_table):
        kind = RECORD_KINDS[table.name]
        fields = FIELDS[table.name]
        current = conn.execute(
            sa.select(
                *(table.c[name] for name in fields),
                table.c.batch_id,
                batches_table.c.file_name,
                batches_table.c.imported_at,
                batches_table.c.imported_by,
            )
            .outerjoin(batches_table, batches_table.c.id == table.c.batch_id)
            .where(table.c.id == record_id)
        ).first()
        result.extend(
            _versions(kind, [row for row in replaced if row["record_kind"] == kind], current, fields)
        )
    for number, version in enumerate(result, start=1):
        version["version"] = number
    return result


def _versions(kind: str, replaced: list, current, fields) -> list[dict]:
    """One kind's versions from its history rows (oldest first) and its current row."""
    out = []
    previous = None  # the history row before: its changes are those of the next version

    def made(change, when, batch_id, file_name, changes, record, reason=None, by=None):
        return {
            "kind": kind,
            "change": change,
            "when": _utc(when),
            "batch_id": batch_id,
            "file_name": file_name,
            "changes": changes,
            "record": record,
            "reason": reason,
            "by": by,
        }

    def arrived(when, batch_id, file_name, record, importer):
        # Who: the reviewer or source that changed it, else whoever imported the batch.
        if previous is None or previous["change"] == DELETED:
            return made(STORED, when, batch_id, file_name, [], record, by=importer)
        changes = json.loads(previous["changes"] or "[]")
        # The change that replaced the version before is this one's: when, why, by whom.
        if previous["reason"] is not None:
            when, batch_id, file_name = (
                previous["replaced_at"],
                previous["replaced_by"],
                previous["replacing_file"],
            )
        by = previous["changed_by"] or importer
        return made(UPDATED, when, batch_id, file_name, changes, record, previous["reason"], by)

    for row in replaced:
        record = json.loads(row["record"])
        out.append(
            arrived(row["written_at"], row["written_by"], row["written_file"], record, row["written_user"])
        )
        if row["change"] == DELETED:
            out.append(
                made(
                    DELETED,
                    *(row["replaced_at"], row["replaced_by"], row["replacing_file"], [], record),
                    *(row["reason"], row["changed_by"] or row["replacing_user"]),
                )
            )
        previous = row
    if current is not None:
        record = {name: current._mapping[name] for name in fields}
        out.append(
            arrived(current.imported_at, current.batch_id, current.file_name, record, current.imported_by)
        )
    return out


def latest_changes(conn, ids: list[str], kind: str = "incident") -> dict[str, dict]:
    """{id: {"change", "when", "changes"}} of the latest history entry of each of `ids`
    that has one: one query, whatever the number of ids."""
    if not ids:
        return {}
    v = versions_table.c
    if conn.dialect.name == "postgresql":
        among = v.record_id == sa.any_(sa.bindparam("ids", list(ids), type_=postgresql.ARRAY(sa.String)))
    else:  # one parameter, not one per id (SQLite allows 32,766)
        among = sa.text("record_versions.record_id IN (SELECT value FROM json_each(:ids))").bindparams(
            ids=json.dumps(list(ids))
        )
    query = (
        sa.select(v.record_id, v.change, v.replaced_at, v.changes, v.changed_by)
        .where(v.record_kind == kind)
        .where(among)
        .order_by(v.id)
    )
    latest = {}
    for record_id, change, when, changes, by in conn.execute(query):
        latest[record_id] = {
            "change": change,
            "when": _utc(when),
            "changes": json.loads(changes or "[]"),
            "by": by,
        }
    return latest


def _utc(when: dt.datetime | None) -> dt.datetime | None:
    # SQLite gives back the UTC time it was given, without its zone.
    if when is None or when.tzinfo is not None:
        return when
    return when.replace(tzinfo=dt.UTC)


# -- in words ------------------------------------------------------------------------------


def value_text(value, *, width: int | None = SHORT_VALUE_CHARS) -> str:
    """A field's value as a change shows it: unknown as "not reported", text quoted."""
    if value is None:
        return UNKNOWN
    if isinstance(value, str):
        if width is not None and len(value) > width:
            value = value[: width - 1].rstrip() + "…"
        return f'"{value}"'
    return str(value)


def change_text(change: Mapping, *, width: int | None = SHORT_VALUE_CHARS) -> str:
    """One changed field: `injured 2 → 5`."""
    before, after = (value_text(change[side], width=width) for side in ("before", "after"))
    return f"{change['field']} {before} → {after}"


def changes_text(changes: list[Mapping], *, most: int = 3) -> str:
    """What an update changed, in a few words: `injured 2 → 5, killed 0 → 1`."""
    shown = [change for change in changes if change["field"] not in STAMP_FIELDS] or list(changes)
    if not shown:
        return "new version"
    text = ", ".join(change_text(change) for change in shown[:most])
    return text + (f" and {len(shown) - most} more" if len(shown) > most else "")


def revised_text(latest: Mapping) -> str:
    """A record's latest change for the map and table: `injured 2 → 5 (2025-07-21)`, and
    `by Suspilne` when a source's report (or a reviewer) made it."""
    day = f" ({latest['when']:%Y-%m-%d})" if latest.get("when") else ""
    if latest.get("by"):
        day = f" by {latest['by']}{day}"
    if latest["change"] == DELETED:
        return f"deleted, then stored again{day}"
    return changes_text(latest["changes"]) + day
