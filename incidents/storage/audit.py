"""The audit trail: who changed the data, when, and what (one row per change).

Every change made through the product writes one entry: an import batch, a correction,
a dismissal, a deletion, a merge, a user change. `record(store, who, action, what)` is
the one way in; `entries(store, since=DATE)` reads them back, oldest first.
"""

import datetime as dt

import sqlalchemy as sa

from incidents import IncidentError
from incidents.storage.schema import metadata

# The kinds of change; free text would make `incidents audit` hard to filter.
ACTIONS = (
    "import",
    "correction",
    "dismissal",
    "deletion",
    "merge",
    "split",
    "keep apart",
    "user added",
    "user removed",
    "role changed",
)

audit_table = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("what", sa.Text, nullable=False),
    sa.Index("ix_audit_log_at", "at"),
)


class AuditError(IncidentError, ValueError):
    """An entry the trail cannot take (no one named, an unknown action)."""


def record(store, who: str, action: str, what: str, *, conn=None, at: dt.datetime | None = None) -> None:
    """Add one entry: `who` (a user name) did `action` (one of ACTIONS) to `what` (words:
    "batch 3f2c… of strikes.csv: 12 stored, 1 rejected"). With `conn`, inside that
    transaction, so the entry commits with the change or not at all."""
    if not (who or "").strip():
        raise AuditError("an audit entry needs the name of who made the change")
    if action not in ACTIONS:
        raise AuditError(f"unknown audit action {action!r}: use one of {', '.join(ACTIONS)}")
    values = {"at": at or dt.datetime.now(dt.UTC), "who": who.strip(), "action": action, "what": what}
    if conn is not None:
        conn.execute(audit_table.insert().values(values))
        return
    from incidents.storage.engine import write_transaction

    with write_transaction(store.engine) as own:
        own.execute(audit_table.insert().values(values))


def entries(store, *, since: dt.date | None = None) -> list[dict]:
    """[{"at" (ISO, UTC), "who", "action", "what"}] from the start of day `since` (UTC) on."""
    query = sa.select(audit_table).order_by(audit_table.c.at, audit_table.c.id)
    if since is not None:
        query = query.where(audit_table.c.at >= dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC))
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        {"at": as_utc(row["at"]).isoformat(), "who": row["who"], "action": row["action"], "what": row["what"]}
        for row in rows
    ]


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back the naive UTC time it was given; PostgreSQL an aware one."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


IMPORT_COUNTS = ("read", "stored", "attached", "updated", "duplicates", "outdated", "deleted", "rejected")


def record_import(store, who: str, name: str, result) -> None:
    """The entry of one import batch (a `BatchResult`): the file, the batch id and its counts.

    Written right after the batch commits (`Store.write_batch` has no hook inside its
    transaction), so a crash between the two could leave a batch without its entry;
    `import_batches` still has the batch itself."""
    summary = result.summary()
    counts = ", ".join(f"{key} {summary[key]}" for key in IMPORT_COUNTS if key in summary)
    record(store, who, "import", f"{name} (batch {result.batch_id}): {counts}")
