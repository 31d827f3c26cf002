"""Tables of the store: incidents, their reports, air-defence reports, import batches,
rejected rows, the versions that changes replaced, and the matches waiting for review.

Dates are ISO strings (`YYYY-MM-DD`): they sort and compare the same in SQLite,
PostgreSQL and Python, so one filter gives one answer everywhere.
"""

import sqlalchemy as sa

from incidents.rules.model import (
    AIR_DEFENCE_COUNT_FIELDS,
    AIR_DEFENCE_FIELDS,
    COUNT_FIELDS,
    INCIDENT_FIELDS,
)

# What the dashboard's figures are grouped by (after the day), and what they add up.
GROUP_COLUMNS = ("country", "admin1", "event_type", "attacker")
FIGURE_COLUMNS = (*GROUP_COLUMNS, *COUNT_FIELDS)
# Indexes of earlier releases that a newer one covers: dropped on upgrade.
OBSOLETE_INDEXES = ("ix_incidents_date", "ix_incidents_date_point", "ix_incidents_place")
# What the map sums per point and cell (children are within killed and injured).
MAP_FIGURES = ("killed", "injured", "households_without_power")
# The map's grid of `MAP_CELL_DEGREES` cells, (column, row) counted from (-180, -90), as
# SQL. On SQLite an index of these expressions (`SQLITE_CELL_INDEX`) holds every point
# in cell order, so the cells of a date range of a million incidents are summed in one
# pass, with no sort; a query must spell them exactly so for SQLite to use it.
MAP_CELL_DEGREES = 0.1
CELL_SQL = {
    "cell_x": f"CAST((longitude + 180.0) / {MAP_CELL_DEGREES} AS INTEGER)",
    "cell_y": f"CAST((latitude + 90.0) / {MAP_CELL_DEGREES} AS INTEGER)",
}
SQLITE_CELL_INDEX = "ix_incidents_map_cell"
SQLITE_CELL_INDEX_DDL = (
    f"CREATE INDEX IF NOT EXISTS {SQLITE_CELL_INDEX} ON incidents"
    f" ({CELL_SQL['cell_x']}, {CELL_SQL['cell_y']}, date, latitude, longitude, {', '.join(MAP_FIGURES)})"
)

TEXT_FIELDS = (
    "place",
    "admin1",
    "damage",
    "description",
    "source_name",
    "source_url",
    "reported_by",
    "area",
    "source_details",
)


def _noted_columns() -> list[sa.Column]:
    # What an SQLite upsert noted of the version it replaced (`incidents.storage.history`)
    # until it is copied into `record_versions`, in the same transaction.
    return [
        sa.Column("replaced", sa.Text),
        sa.Column("replaced_changes", sa.Text),
        sa.Column("replaced_batch", sa.String(32)),
    ]


def _column(name: str, counts: tuple[str, ...]) -> sa.Column:
    if name == "id":
        return sa.Column(name, sa.String(200), primary_key=True)
    if name in counts:
        return sa.Column(name, sa.Integer)
    if name == "source_version":
        return sa.Column(name, sa.BigInteger)
    if name in ("latitude", "longitude"):
        return sa.Column(name, sa.Float)
    if name in TEXT_FIELDS:
        return sa.Column(name, sa.Text)
    return sa.Column(name, sa.String(32))


metadata = sa.MetaData()

incidents_table = sa.Table(
    "incidents",
    metadata,
    *(_column(name, COUNT_FIELDS) for name in INCIDENT_FIELDS),
    # Bookkeeping, not part of the record: what text search sees, which batch wrote the row,
    # and (PostgreSQL only; SQLite compares the columns themselves) what changed on re-import.
    sa.Column("content_hash", sa.String(40)),
    sa.Column("search_text", sa.Text),
    sa.Column("batch_id", sa.String(32)),
    # The day an updated row had before, until the summary of that day is refreshed (in
    # the same transaction): set only on updated rows, so its index stays nearly empty.
    sa.Column("stale_date", sa.String(32)),
    # And its text before, which the text index (`incidents.storage.fulltext`) must be told to forget.
    sa.Column("stale_text", sa.Text),
    *_noted_columns(),
    # The dashboard's figures (count, totals, per day, per region) under any filter on
    # date, country, region, type, attacker or casualties read this index alone, in date
    # order, never the wide rows: a million rows of it is a few tens of MB. It also
    # serves date ranges. Region and place get narrow indexes of their own.
    # Consolidation (`incidents.storage.reports`): how many reports an incident has and
    # which of its figures they give differently; NULL on an incident of one report (most),
    # so the partial index of the consolidated ones stays small.
    sa.Column("report_count", sa.Integer),
    sa.Column("conflicts", sa.Text),
    sa.Index("ix_incidents_figures", "date", *FIGURE_COLUMNS),
    # Matching an arriving record (the incidents of a day near a point) and the map's
    # points and cells of a date range (`queries.point_columns`), read from the index alone.
    sa.Index("ix_incidents_date_map", "date", "latitude", "longitude", *MAP_FIGURES),
    sa.Index("ix_incidents_admin1_date", "admin1", "date"),
    # The place filter, and the filter lists' places of each region (`queries.places`).
    sa.Index("ix_incidents_place_region", "place", "country", "admin1"),
)
_stale = incidents_table.c.stale_date.is_not(None)
# Column objects, not names: an index of names alone is bound to no table (and was never made).
sa.Index(
    "ix_incidents_stale_date", incidents_table.c.stale_date, sqlite_where=_stale, postgresql_where=_stale
)
_consolidated = incidents_table.c.report_count.is_not(None)
sa.Index(
    "ix_incidents_report_count",
    incidents_table.c.report_count,
    sqlite_where=_consolidated,
    postgresql_where=_consolidated,
)

# The figures of `incidents` summed per day, place in the map and kind of strike: what
# the dashboard's totals, timeline and region table need, a tenth of the rows or less.
# Kept up to date by every write (`incidents.storage.summary`); sums are NULL where no record
# of the group reports the figure, exactly as SUM over the incidents themselves.
figures_table = sa.Table(
    "incident_figures",
    metadata,
    sa.Column("date", sa.String(32), nullable=False),
    *(sa.Column(name, sa.Text if name in TEXT_FIELDS else sa.String(32)) for name in GROUP_COLUMNS),
    sa.Column("incidents", sa.BigInteger, nullable=False),
    *(sa.Column(name, sa.BigInteger) for name in COUNT_FIELDS),
    sa.Index("ix_incident_figures_date", "date"),
)

air_defence_table = sa.Table(
    "air_defence",
    metadata,
    *(_column(name, AIR_DEFENCE_COUNT_FIELDS) for name in AIR_DEFENCE_FIELDS),
    sa.Column("content_hash", sa.String(40)),
    sa.Column("batch_id", sa.String(32)),
    *_noted_columns(),
    sa.Index("ix_air_defence_date", "date"),
)

batches_table = sa.Table(
    "import_batches",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("file_hash", sa.String(64), nullable=False),  # sha256 of the bytes imported
    sa.Column("format", sa.String(16), nullable=False),
    sa.Column("encoding", sa.String(16)),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("read", sa.Integer, nullable=False),
    sa.Column("stored", sa.Integer, nullable=False),
    sa.Column("updated", sa.Integer, nullable=False),
    sa.Column("duplicates", sa.Integer, nullable=False),
    # NULL in batches of releases before these counts.
    sa.Column("outdated", sa.Integer, nullable=False),
    sa.Column("deleted", sa.Integer, nullable=False),
    sa.Column("rejected", sa.Integer, nullable=False),
    # Who imported it (the signed-in user, or the OS user of `incidents import`); NULL in
    # batches of releases before accounts, and for the seed.
    sa.Column("imported_by", sa.Text),
)

rejected_table = sa.Table(
    "rejected_rows",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("batch_id", sa.String(32), sa.ForeignKey("import_batches.id"), nullable=False, index=True),
    sa.Column("row_number", sa.Integer, nullable=False),
    sa.Column("raw", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    # Set when the user dismisses the row or a later import of the same file supersedes it.
    sa.Column("resolved_at", sa.DateTime(timezone=True)),
    sa.Column("resolution", sa.String(16)),
)

# Every version of a record that an import replaced or deleted, as it was, and what
# replaced it: the current version is the row in its own table.
versions_table = sa.Table(
    "record_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),  # also the order of changes
    sa.Column("record_id", sa.String(200), nullable=False),
    sa.Column("record_kind", sa.String(16), nullable=False),  # RECORD_KINDS
    sa.Column("record", sa.Text, nullable=False),  # JSON object of every model field
    sa.Column("written_by", sa.String(32)),  # the batch that had stored this version
    sa.Column("replaced_by", sa.String(32), sa.ForeignKey("import_batches.id"), nullable=False),
    sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("change", sa.String(16), nullable=False),  # "updated" or "deleted"
    sa.Column("changes", sa.Text),  # updates: JSON list of {"field", "before", "after"}
    # Why, in words ("report from Suspilne attached", "merged by anna"), and who: the
    # source whose report changed it, or the reviewer. NULL on plain re-imports.
    sa.Column("reason", sa.Text),
    sa.Column("changed_by", sa.Text),
    sa.Index("ix_record_versions_record_id", "record_id"),
)

# The sources' accounts of incidents that have more than one: each report as its
# source gave it (its own id, figures, time and source), under the incident it
# describes. An incident of one report has none here: its row is its report.
reports_table = sa.Table(
    "incident_reports",
    metadata,
    *(_column(name, COUNT_FIELDS) for name in INCIDENT_FIELDS),
    sa.Column("incident_id", sa.String(200), nullable=False),
    sa.Column("arrival", sa.Integer, nullable=False),  # order of reports within an incident
    sa.Column("batch_id", sa.String(32)),  # the batch that wrote this version of the report
    sa.Column("attached_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_incident_reports_incident_id", "incident_id"),
)

# Pairs of incidents that may be one, found on arrival, and what a reviewer decided:
# status "open" (waiting), "merged", "kept_apart"; a pair kept apart is never proposed again.
matches_table = sa.Table(
    "incident_matches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.String(200), nullable=False),
    sa.Column("candidate_id", sa.String(200), nullable=False),
    sa.Column("why", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("decided_by", sa.Text),
    sa.Column("decided_at", sa.DateTime(timezone=True)),
    sa.Index("ix_incident_matches_incident_id", "incident_id"),
    sa.Index("ix_incident_matches_candidate_id", "candidate_id"),
)
RECORD_KINDS = {"incidents": "incident", "air_defence": "air_defence", "incident_reports": "report"}

# The team's accounts and the audit trail keep their tables in their own modules; importing
# them here puts those tables in `metadata`, so every store creates them.
from incidents.storage import audit, users  # noqa: E402, F401
