"""The incident store on SQLAlchemy: an embedded SQLite file by default, PostgreSQL by URL.

Writes come in batches (`write_batch`), each one transaction: it commits whole or not
at all, and concurrent importers queue for the write lock instead of failing.
Reads answer a filter in SQL: full rows (`read_incidents`, `query`) or the
aggregates a dashboard needs at a million rows (`count`, `totals`, `daily`, `by_region`).
"""

import datetime as dt
import os
import uuid
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import platformdirs
import sqlalchemy as sa

from geodata.memory import gc_paused
from incidents import IncidentError
from incidents.importing.batch import Batch, BatchResult
from incidents.rules.bounds import storable
from incidents.rules.filters import IncidentFilter
from incidents.rules.model import AIR_DEFENCE_FIELDS, COUNT_FIELDS, INCIDENT_FIELDS
from incidents.storage import audit, history, reports
from incidents.storage import fulltext as search
from incidents.storage import summary as figures
from incidents.storage.engine import create_engine, write_transaction
from incidents.storage.merge import delete, merge
from incidents.storage.schema import (
    air_defence_table,
    batches_table,
    figures_table,
    incidents_table,
    rejected_table,
    reports_table,
    versions_table,
)

DB_ENV = "INCIDENTS_DB"
SEARCH_COLUMN = "search_text"  # in a frame from `Store.query`: `model.search_text` of each row
SEARCH_DTYPE = "string[pyarrow]"

Progress = Callable[[str, int, int], None]
# Formats of datasets that list each event once: their rows are never reports of each other.
DATASET_FORMATS = ("acled",)


class StoreError(IncidentError, RuntimeError):
    """The database cannot be opened or used."""


def default_db_url() -> str:
    """`INCIDENTS_DB` if set, else an SQLite file in the user's data directory
    (platformdirs: on Linux `$XDG_DATA_HOME/incidents`, else `~/.local/share/incidents`)."""
    if os.environ.get(DB_ENV):
        return os.environ[DB_ENV]
    data_dir = Path(platformdirs.user_data_dir("incidents", appauthor=False))
    return f"sqlite:///{data_dir / 'incidents.sqlite'}"


class Store:
    """A database of incidents; `Store(url)` creates (or upgrades) its tables when needed."""

    def __init__(self, url: str | None = None):
        self.url = url or default_db_url()
        self.engine = create_engine(self.url)

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ---------------------------------------------------------------------------

    def write_batch(
        self, batch: Batch, *, progress: Progress | None = None, by: str | None = None
    ) -> BatchResult:
        """Store a validated batch in one transaction: new, changed, unchanged and outdated
        rows counted, the records it deletes removed, every replaced version kept. `by`:
        who imports it, named in the records' history."""
        return self._write_batch(batch, progress=progress, by=by)

    def _write_batch(
        self,
        batch: Batch,
        *,
        progress: Progress | None = None,
        only_into_empty: bool = False,
        by: str | None = None,
    ) -> BatchResult | None:
        """`write_batch`; with `only_into_empty`, None (and nothing written) if the store has
        incidents, decided under the write lock so two processes cannot both load the seed."""
        batch_id = uuid.uuid4().hex
        result = BatchResult(
            batch_id=batch_id,
            read=batch.read,
            rejected=len(batch.rejections),
            duplicates=batch.duplicates_in_file,
            rejections=batch.rejections,
        )
        counts = ("stored", "updated", "duplicates", "outdated", "deleted", "rejected")
        try:
            with gc_paused(), write_transaction(self.engine) as conn:
                if only_into_empty and conn.execute(_exists()).scalar():
                    return None
                now = dt.datetime.now(dt.UTC)
                conn.execute(
                    batches_table.insert().values(
                        id=batch_id,
                        file_name=storable(batch.file_name),
                        file_hash=batch.file_hash,
                        format=batch.format,
                        encoding=batch.encoding,
                        imported_at=now,
                        imported_by=storable(by) if by else None,
                        read=batch.read,
                        **dict.fromkeys(counts, 0),
                    )
                )
                # Records that are reports of a consolidated incident revise those reports.
                into_empty = not conn.execute(_exists()).scalar()
                revised = reports.revise_known(conn, batch.incidents, batch_id, now)
                result.updated += revised.updated
                result.duplicates += revised.duplicates
                result.outdated += revised.outdated
                for table, fields, records in (
                    (incidents_table, INCIDENT_FIELDS, revised.records),
                    (air_defence_table, AIR_DEFENCE_FIELDS, batch.air_defence),
                ):
                    merged = merge(conn, table, fields, records, batch_id, progress, at=now)
                    result.stored += merged.stored
                    result.updated += merged.updated
                    result.duplicates += merged.duplicates
                    result.outdated += merged.outdated
                    if table is incidents_table:
                        # The new ones that describe an incident already stored attach to it.
                        found = reports.consolidate(
                            conn,
                            records,
                            merged.new_ids,
                            batch_id,
                            now,
                            into_empty=into_empty,
                            one_dataset=batch.format in DATASET_FORMATS,
                        )
                        result.stored -= found.attached
                        result.attached += found.attached
                        result.to_review += found.to_review
                        if found.days | revised.days:
                            figures.refresh(conn, found.days | revised.days)
                if batch.deletions:  # after the records: a deletion newer than them wins
                    # A withdrawn report leaves its incident to the other reports.
                    left, withdrawn, older, days = reports.withdraw(conn, batch.deletions, batch_id, now)
                    result.deleted += withdrawn
                    result.outdated += older
                    if days:
                        figures.refresh(conn, days)
                    deleted = delete(conn, left, batch_id, at=now)
                    result.deleted += deleted.deleted
                    result.duplicates += deleted.duplicates
                    result.outdated += deleted.outdated
                self._record_rejections(conn, batch, batch_id)
                conn.execute(
                    batches_table.update()
                    .where(batches_table.c.id == batch_id)
                    .values({name: getattr(result, name) for name in counts})
                )
        except (sa.exc.SQLAlchemyError, self.engine.dialect.dbapi.Error, OverflowError, UnicodeError) as exc:
            # The driver's own errors too (PostgreSQL's COPY goes to the driver directly), and
            # its refusal of a value it cannot bind: records that did not pass validation.
            raise StoreError(f"could not write to {self.url!r}: {_reason(exc)}") from exc
        return result

    def _record_rejections(self, conn, batch: Batch, batch_id: str) -> None:
        # A new import of the same file supersedes the rejections of the earlier ones:
        # rows fixed in the file are gone, rows still wrong are rejected again below.
        conn.execute(
            rejected_table.update()
            .where(rejected_table.c.resolved_at.is_(None))
            .where(
                rejected_table.c.batch_id.in_(
                    sa.select(batches_table.c.id)
                    .where(batches_table.c.file_name == storable(batch.file_name))
                    .where(batches_table.c.id != batch_id)
                )
            )
            .values(resolved_at=dt.datetime.now(dt.UTC), resolution="reimported")
        )
        if batch.rejections:
            conn.execute(
                rejected_table.insert(),
                [
                    {
                        "batch_id": batch_id,
                        "row_number": row.row,
                        "raw": row.raw,
                        "reason": row.reason,
                    }
                    for row in batch.rejections
                ],
            )

    def add(self, incidents: list[dict], air_defence: list[dict] = ()) -> BatchResult:
        """Store already-valid records (the seed, tests) as one batch named "added"."""
        return self.write_batch(Batch.of_records("added", list(incidents), list(air_defence)))

    def load_seed_if_empty(self) -> bool:
        """Load the seed report's records into an empty store; True if it did."""
        if not self.is_empty():
            return False
        from incidents.importing.seed import read_seed

        incidents, air_defence = read_seed()
        result = self._write_batch(Batch.of_records("seed", incidents, air_defence), only_into_empty=True)
        return result is not None and result.stored > 0

    # -- reports and review ------------------------------------------------------------------

    def matches(self) -> list[dict]:
        """Likely matches waiting for review: [{"incident", "candidate", "why", "found_at"}]."""
        with self.engine.connect() as conn:
            return reports.open_matches(conn)

    def merge_incidents(self, target: str, others: list[str], *, by: str) -> None:
        """The incidents `others` become reports of `target`; undone by `split`."""
        what = f"{', '.join(others)} made reports of {target}"
        self._decide("merge", what, reports.merge_incidents, target, list(others), by)

    def split(self, incident_id: str, report_ids: list[str] = (), *, by: str) -> list[str]:
        """Reports of an incident (all but its first, unless named) made incidents again."""
        what = f"{incident_id} split" + (f" ({', '.join(report_ids)} taken out)" if report_ids else "")
        return self._decide("split", what, reports.split_incident, incident_id, list(report_ids), by)

    def keep_apart(self, first: str, second: str, *, by: str) -> None:
        """Two incidents are two strikes: never proposed as one again."""
        self._decide("keep apart", f"{first} and {second} kept apart", reports.keep_apart, first, second, by)

    def _decide(self, action: str, what: str, decision, *arguments):
        """A reviewer's decision and its audit entry, in one transaction."""
        by = arguments[-1]
        try:
            with write_transaction(self.engine) as conn:
                done = decision(conn, *arguments, at=dt.datetime.now(dt.UTC))
                audit.record(self, by, action, what, conn=conn)
                return done
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"could not write to {self.url!r}: {_reason(exc)}") from exc

    def reports(self, incident_ids) -> dict[str, list[dict]]:
        """{incident id: its reports, in arrival order} for those with more than one."""
        with self.engine.connect() as conn:
            return reports.reports_of(conn, list(incident_ids))

    def incidents_by_id(self, ids) -> dict[str, dict]:
        """{id: record} of those of `ids` that are incidents (not reports)."""
        with self.engine.connect() as conn:
            found = reports.incidents_by_id(conn, list(ids))
        return {key: {name: row[name] for name in INCIDENT_FIELDS} for key, row in found.items()}

    def consolidated(self) -> dict[str, dict]:
        """{incident id: {"reports": n, "conflicts": "injured, killed" or None}} of the
        incidents that have several reports (few: read by their own partial index)."""
        c = incidents_table.c
        query = sa.select(c.id, c.report_count, c.conflicts).where(c.report_count.is_not(None))
        with self.engine.connect() as conn:
            return {
                row.id: {"reports": row.report_count, "conflicts": row.conflicts}
                for row in conn.execute(query)
            }

    def decisions(self, record_id: str) -> list[dict]:
        """The reviewers' merge / keep-apart decisions naming `record_id`, oldest first."""
        with self.engine.connect() as conn:
            return reports.decisions(conn, record_id)

    def report_totals(self, record_filter: IncidentFilter | None = None) -> dict:
        """{"incidents", "reports", "conflicting"}: how many incidents match, how many
        reports stand behind them, and how many of them have figures that reports give
        differently."""
        incidents = self.count(record_filter)
        with self.engine.connect() as conn:
            query_filter = _where(record_filter)
            narrowed = search.narrowing(conn, record_filter.needles if record_filter else ())
            if narrowed is not None:
                query_filter = sa.and_(query_filter, narrowed)
            found = reports.consolidation_totals(conn, query_filter)
        return {
            "incidents": incidents,
            "reports": incidents + found["extra_reports"],
            "conflicting": found["conflicting"],
        }

    def dismiss_rejections(self, ids: list[int]) -> int:
        """Mark rejected rows as dealt with; returns how many were open."""
        with write_transaction(self.engine) as conn:
            return conn.execute(
                rejected_table.update()
                .where(rejected_table.c.id.in_(ids))
                .where(rejected_table.c.resolved_at.is_(None))
                .values(resolved_at=dt.datetime.now(dt.UTC), resolution="dismissed")
            ).rowcount

    # -- reading ---------------------------------------------------------------------------

    def is_empty(self) -> bool:
        with self.engine.connect() as conn:
            return not conn.execute(_exists()).scalar()

    def read_incidents(
        self, record_filter: IncidentFilter | None = None, *, limit: int | None = None
    ) -> list[dict]:
        """Matching records as dicts with the DESIGN field names, by date and place."""
        query = self._select(record_filter, limit=limit)
        with self.engine.connect() as conn:
            return [
                dict(row._mapping) for row in conn.execute(self._text_narrowed(conn, query, record_filter))
            ]

    def iter_incidents(
        self, record_filter: IncidentFilter | None = None, *, chunk: int = 10_000, with_reports: bool = False
    ):
        """Matching records one at a time, fetched in chunks: for exports of any size.
        `with_reports`: as `with_reports` makes them."""
        with self.engine.connect() as conn:
            query = self._text_narrowed(conn, self._select(record_filter, limit=None), record_filter)
            result = conn.execution_options(yield_per=chunk).execute(query)
            rows = (dict(row._mapping) for row in result)
            yield from self.with_reports(rows) if with_reports else rows

    def with_reports(self, records):
        """`records` (incidents, e.g. from `iter_incidents`) one at a time, an incident of
        several reports carrying them as `reports`: what JSON and GeoJSON exports write."""
        with self.engine.connect() as conn:
            any_reports = conn.execute(sa.select(sa.exists().select_from(reports_table))).scalar()
        yield from _with_reports(self.engine, records) if any_reports else records

    def query(self, record_filter: IncidentFilter | None = None, *, limit: int | None = None) -> pd.DataFrame:
        """Matching records as a DataFrame; unknown counts are <NA> (nullable Int64), not 0."""
        names = (*INCIDENT_FIELDS, SEARCH_COLUMN)
        query = self._select(record_filter, limit=limit).add_columns(incidents_table.c.search_text)
        with gc_paused(), self.engine.connect() as conn:
            rows = conn.execute(self._text_narrowed(conn, query, record_filter)).fetchall()
        if rows:
            # Column by column: a third faster than pandas walking a million row tuples,
            # and the same inferred dtypes.
            frame = pd.DataFrame(dict(zip(names, zip(*rows, strict=True), strict=True)))
        else:
            frame = pd.DataFrame([], columns=list(names))
        # The casefolded text that text search reads, as the store keeps it.
        return frame.astype(
            {name: "Int64" for name in COUNT_FIELDS}
            | {"latitude": "float64", "longitude": "float64", SEARCH_COLUMN: SEARCH_DTYPE}
        )

    # Counts and sums come from the per-day summary when the filter allows (see
    # `incidents.storage.summary`): a tenth of the rows, so well under 200 ms at a million.

    def count(self, record_filter: IncidentFilter | None = None) -> int:
        if figures.answers(record_filter):
            query = sa.select(figures.count_column()).where(_where(record_filter, figures_table))
        else:
            query = sa.select(sa.func.count()).select_from(incidents_table)
            query = query.where(_where(record_filter))
        with self.engine.connect() as conn:
            return conn.execute(self._text_narrowed(conn, query, record_filter)).scalar_one()

    def totals(self, record_filter: IncidentFilter | None = None) -> dict:
        """{"incidents": n, "killed": sum or None when no matching record reports it, ...}."""
        if figures.answers(record_filter):
            query = sa.select(figures.count_column().label("incidents"), *figures.sum_columns()).where(
                _where(record_filter, figures_table)
            )
        else:
            query = sa.select(sa.func.count().label("incidents"), *_sums())
            query = query.where(_where(record_filter))
        with self.engine.connect() as conn:
            return dict(conn.execute(self._text_narrowed(conn, query, record_filter)).one()._mapping)

    def daily(self, record_filter: IncidentFilter | None = None) -> pd.DataFrame:
        """One row per day with incidents: date, incidents and the summed counts."""
        return self._grouped(record_filter, "date")

    def by_region(self, record_filter: IncidentFilter | None = None) -> pd.DataFrame:
        """One row per (country, admin1): incidents and the summed counts."""
        return self._grouped(record_filter, "country", "admin1")

    def read_air_defence(self, record_filter: IncidentFilter | None = None) -> list[dict]:
        """Air-defence reports; a filter applies its date range only (they have no place)."""
        c = air_defence_table.c
        query = sa.select(*(c[name] for name in AIR_DEFENCE_FIELDS)).order_by(c.date, c.id)
        if record_filter and record_filter.date_from:
            query = query.where(c.date >= record_filter.date_from.isoformat())
        if record_filter and record_filter.date_to:
            query = query.where(c.date <= record_filter.date_to.isoformat())
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def history(self, record_id: str) -> list[dict]:
        """Every version of one record, oldest first, the current one last (see
        `incidents.storage.history.versions`); [] if the store never held `record_id`."""
        with self.engine.connect() as conn:
            return history.versions(conn, record_id)

    def revised_ids(self, ids, kind: str = "incident") -> dict[str, dict]:
        """{id: its latest change ({"change", "when", "changes"})} for those of `ids` (of
        incidents, or `kind`) that an import changed: one query, for what a view shows."""
        with self.engine.connect() as conn:
            return history.latest_changes(conn, list(ids), kind)

    def change_mark(self) -> tuple:
        """What changes whenever the stored data does, in any process: how many batches
        (every write of records is one) and the latest, the latest replaced version
        (corrections, merges, deletions all keep one), and the latest audit entry (every
        change made through the product writes one, a reviewer's decision too). Nothing
        is ever taken out of those three tables, so each only grows. Reads of small
        tables and of a key's end, whatever the store holds: a dashboard asks it at
        every run (summing the incidents' count instead took 35-85 ms at a million).
        One statement, and on PostgreSQL outside a transaction (no BEGIN, no ROLLBACK):
        each is a round trip to a server process, which waits for a core when the machine
        is busy (8 sessions moving at once). On SQLite, where they cost nothing, the
        driver is left as the engine sets it (SQLAlchemy would hand the connection back
        to the pool with the driver's own transactions turned on)."""
        b, v, a = batches_table.c, versions_table.c, audit.audit_table.c
        latest_batch = sa.select(b.id).order_by(b.imported_at.desc(), b.id.desc()).limit(1)
        mark = sa.select(
            sa.select(sa.func.count(b.id)).scalar_subquery(),
            latest_batch.scalar_subquery(),
            sa.select(sa.func.max(v.id)).scalar_subquery(),
            sa.select(sa.func.max(a.id)).scalar_subquery(),
        )
        outside = {"isolation_level": "AUTOCOMMIT"} if self.engine.dialect.name == "postgresql" else {}
        with self.engine.connect().execution_options(**outside) as conn:
            return tuple(conn.execute(mark).one())

    def batches(self) -> list[dict]:
        query = sa.select(batches_table).order_by(batches_table.c.imported_at)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def rejections(self, *, batch_id: str | None = None, include_resolved: bool = False) -> list[dict]:
        """Rejected rows with their reasons, oldest first; open ones only unless asked."""
        c = rejected_table.c
        query = sa.select(rejected_table, batches_table.c.file_name).join(batches_table)
        if batch_id:
            query = query.where(c.batch_id == batch_id)
        if not include_resolved:
            query = query.where(c.resolved_at.is_(None))
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query.order_by(c.id))]

    def _select(self, record_filter, *, limit):
        c = incidents_table.c
        day = c.date
        if limit is None and self.engine.dialect.name == "sqlite":
            # Every matching row is wanted: scanning the table and sorting is twice as fast
            # as walking the date index and reading each row it points to (`+` is a no-op
            # that keeps SQLite from taking the order from an index). A page (LIMIT)
            # still walks the index and stops early.
            day = sa.literal_column('+incidents."date"')
        query = sa.select(*(c[name] for name in INCIDENT_FIELDS)).where(_where(record_filter))
        query = query.order_by(day, c.place, c.id)
        return query.limit(limit) if limit is not None else query

    def _text_narrowed(self, conn, query, record_filter: IncidentFilter | None):
        """`query` limited to the text index's candidates, where that helps (`incidents.storage.fulltext`)."""
        condition = search.narrowing(conn, record_filter.needles if record_filter else ())
        return query if condition is None else query.where(condition)

    def _grouped(self, record_filter, *names) -> pd.DataFrame:
        if figures.answers(record_filter):
            keys = [figures_table.c[name] for name in names]
            columns = [figures.count_column().label("incidents"), *figures.sum_columns()]
            table = figures_table
        else:
            keys = [incidents_table.c[name] for name in names]
            columns = [sa.func.count().label("incidents"), *_sums()]
            table = incidents_table
        grouping = keys
        if table is incidents_table and self.engine.dialect.name == "sqlite":
            grouping = _unordered(names, record_filter)
        query = sa.select(*keys, *columns).where(_where(record_filter, table))
        query = query.group_by(*grouping).order_by(*grouping)
        with self.engine.connect() as conn:
            result = conn.execute(self._text_narrowed(conn, query, record_filter))
            frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
        return frame.astype({name: "Int64" for name in COUNT_FIELDS} | {"incidents": "int64"})


def _with_reports(engine: sa.Engine, rows, *, chunk: int = reports.LOOKUP_CHUNK):
    """`rows` with the reports of those that have several, looked up a chunk at a time
    (a separate connection: the caller's is busy streaming)."""
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == chunk:
            yield from _attach_reports(engine, batch)
            batch = []
    yield from _attach_reports(engine, batch)


def _attach_reports(engine: sa.Engine, batch: list[dict]) -> list[dict]:
    if not batch:
        return batch
    with engine.connect() as conn:
        found = reports.reports_of(conn, [row["id"] for row in batch])
    for row in batch:
        if row["id"] in found:
            row["reports"] = found[row["id"]]
    return batch


def _unordered(names, record_filter: IncidentFilter | None) -> list:
    """Group keys SQLite cannot take from an index's order (`+column`), except the day
    when the figures index holds all the query needs.

    Otherwise its planner walks an index in key order and reads every row that index
    points to: seconds at a million rows, where a scan and a sort take a tenth of that.
    """
    text = bool(record_filter and record_filter.text)
    c = incidents_table.c
    return [
        c[name] if name == "date" and not text else sa.literal_column(f'+incidents."{name}"')
        for name in names
    ]


def _exists():
    # EXISTS stops at the first row; count(*) would read a million.
    return sa.select(sa.exists().select_from(incidents_table))


def _where(record_filter: IncidentFilter | None, table: sa.Table = incidents_table):
    return (record_filter or IncidentFilter()).where(table)


def _sums():
    # SUM over only-unknown values is NULL: "not reported" stays None, never becomes 0.
    return [sa.func.sum(incidents_table.c[name]).label(name) for name in COUNT_FIELDS]


def _reason(exc: sa.exc.SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None) or exc
    return f"{original.__class__.__name__}: {str(original).splitlines()[0]}"
