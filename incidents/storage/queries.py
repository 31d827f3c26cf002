"""The questions the dashboard, the CLI and the snapshots ask the store, answered in SQL.

Every function takes a `Store` (or its engine) and an `IncidentFilter`, and returns
what a view shows: totals with "N without a figure", a per-day series, per-region
figures, one page of table rows sorted by the database, and map points aggregated per
grid cell. Nothing here reads the whole table into Python: each answer is one
aggregate (or one page) computed by SQLite or PostgreSQL alike, so memory follows
what the view shows, not the number of incidents.

Unknown is NULL, never 0: a sum over only unknown figures is None, and each total
says how many matching incidents have no figure for it.

Totals and days are read from the incidents themselves, not the per-day summary
(`incidents.storage.summary`): the summary keeps sums, not how many figures are
missing, and `ix_incidents_figures` holds every column those queries need, so they
read that index alone. Regions need sums only, so the summary answers them when it can.
"""

import dataclasses
import datetime as dt
import math

import sqlalchemy as sa

from incidents.rules.filters import FilterError, IncidentFilter
from incidents.rules.model import COUNT_FIELDS, INCIDENT_FIELDS
from incidents.storage import fulltext as search
from incidents.storage import summary as figures
from incidents.storage.reports import consolidation_per_day, consolidation_totals
from incidents.storage.schema import (
    MAP_CELL_DEGREES,
    MAP_FIGURES,
    SQLITE_CELL_INDEX,
    figures_table,
    incidents_table,
)

MAX_PAGE_ROWS = 1_000  # a table page, not an export: `Store.iter_incidents` streams those
MAX_ZOOM = 22
# From this many matching incidents the cell index beats the date index (measured at a
# million: 0.03 s for a month through the dates, 0.25 s for all through the cells).
WIDE_SCAN = 50_000
MAX_POINTS = 20_000  # drawn one by one: beyond a few thousand a map aggregates
# Cells per 256-pixel map tile edge: a cell is 32 px wide at every zoom, about the size
# of a drawn cluster marker, so neighbouring cells do not overlap on screen.
CELLS_PER_TILE = 8


class QueryError(FilterError):
    """A query option (sort column, page, zoom) that cannot be used."""


class CellsMismatchError(ValueError):
    """Cells to take away that are not part of the cells (`cells_without`): the two
    answers were not of one state of the store (an import came between them)."""


@dataclasses.dataclass(frozen=True)
class Figure:
    """One total: the sum of the known figures (None when no matching incident gives
    one) and how many matching incidents give none."""

    total: int | None
    without_figure: int


@dataclasses.dataclass(frozen=True)
class Page:
    rows: list[dict]  # model fields (INCIDENT_FIELDS) of each row, in the order asked
    total: int  # matching rows in all pages


def totals(source, record_filter: IncidentFilter | None = None) -> dict:
    """{"incidents": n, "killed": Figure, "injured": Figure, ...} for every COUNT_FIELDS name."""
    return totals_of_days(per_day(source, record_filter))


def totals_of_days(days: list[dict], date_from: str | None = None, date_to: str | None = None) -> dict:
    """`totals` of the `per_day` rows from `date_from` to `date_to` (ISO days, either
    open): how a view moving through time totals its window without asking again."""
    shown = _days_within(days, date_from, date_to)
    incidents = sum(day["incidents"] for day in shown)
    answer = {"incidents": incidents}
    for name in COUNT_FIELDS:
        known = [day[name] for day in shown if day[f"{name}_known"]]
        answer[name] = Figure(
            total=sum(known) if known else None,
            without_figure=incidents - sum(day[f"{name}_known"] for day in shown),
        )
    return answer


def per_day(source, record_filter: IncidentFilter | None = None) -> list[dict]:
    """One row per day with matching incidents, oldest first: {"date", "incidents"} and,
    for every COUNT_FIELDS name, its sum over the day (None when no incident gives it)
    and `<name>_known`, how many incidents give it; `casualties_known` counts those that
    give killed or injured (or both), so a chart can tell 0 from not reported."""
    c = incidents_table.c
    known = sa.func.count(sa.case((sa.or_(c.killed.is_not(None), c.injured.is_not(None)), 1)))
    columns = [c.date, sa.func.count().label("incidents")]
    for name in COUNT_FIELDS:
        columns += [_sum(c[name]).label(name), sa.func.count(c[name]).label(f"{name}_known")]
    query = sa.select(*columns, known.label("casualties_known"))
    query = query.group_by(c.date).order_by(c.date)
    with _engine(source).connect() as conn:
        return [dict(row._mapping) for row in conn.execute(_filtered(conn, query, record_filter))]


def per_region(source, record_filter: IncidentFilter | None = None) -> list[dict]:
    """One row per (country, admin1) with matching incidents, by country and region:
    {"country", "admin1", "incidents", "casualties" (killed + injured known),
    "households_without_power"}; a figure no incident of the region gives is None.

    Sums alone, no count of missing figures: so the per-day summary answers when the
    filter allows (`summary.answers`), a tenth of the rows."""
    if figures.answers(record_filter):
        table, count = figures_table, figures.count_column()
    else:
        table, count = incidents_table, sa.func.count()
    c = table.c
    killed, injured = _sum(c.killed), _sum(c.injured)
    casualties = sa.case(
        (sa.and_(killed.is_(None), injured.is_(None)), sa.null()),
        else_=sa.func.coalesce(killed, 0) + sa.func.coalesce(injured, 0),
    )
    query = sa.select(
        c.country,
        c.admin1,
        count.label("incidents"),
        sa.cast(casualties, sa.BigInteger).label("casualties"),
        _sum(c.households_without_power).label("households_without_power"),
    )
    keys = _group_keys(source, table, ("country", "admin1"))
    query = query.group_by(*keys).order_by(*keys)
    with _engine(source).connect() as conn:
        return [dict(row._mapping) for row in conn.execute(_filtered(conn, query, record_filter, table))]


def table_page(
    source,
    record_filter: IncidentFilter | None = None,
    *,
    sort_by: str = "date",
    descending: bool = False,
    offset: int = 0,
    limit: int = 100,
    within: tuple[float, float, float, float] | None = None,
    total: int | None = None,
) -> Page:
    """One page of matching rows sorted by `sort_by` (unknown values last either way,
    then by id, so pages never overlap), and how many rows match in all; `within`
    (south, west, north, east) keeps the rows whose point lies inside it. `total`: how
    many rows match, when the caller knows (summed from its series per day): not
    counted again, which over a million rows costs more than the page."""
    if sort_by not in INCIDENT_FIELDS:
        raise QueryError(f"sort by {sort_by!r}: not a field; use one of {', '.join(INCIDENT_FIELDS)}")
    if not isinstance(offset, int) or offset < 0:
        raise QueryError(f"offset {offset!r} must be a whole number, 0 or more")
    if not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE_ROWS:
        raise QueryError(f"limit {limit!r} must be a whole number from 1 to {MAX_PAGE_ROWS}")
    c = incidents_table.c
    key = c[sort_by].desc() if descending else c[sort_by].asc()
    rows = sa.select(*(c[name] for name in INCIDENT_FIELDS)).order_by(key.nulls_last(), c.id)
    rows = rows.offset(offset).limit(limit)
    count = sa.select(sa.func.count())
    if within is not None:
        south, west, north, east = (float(edge) for edge in within)
        inside = sa.and_(c.latitude.between(south, north), c.longitude.between(west, east))
        rows, count = rows.where(inside), count.where(inside)
    with _engine(source).connect() as conn:
        if total is None:
            total = conn.execute(_filtered(conn, count, record_filter)).scalar_one()
        found = [dict(row._mapping) for row in conn.execute(_filtered(conn, rows, record_filter))]
    return Page(rows=found, total=total)


def cell_degrees(zoom: int) -> float:
    """The edge of a map grid cell at `zoom`, in degrees of longitude and latitude alike."""
    if not isinstance(zoom, int) or not 0 <= zoom <= MAX_ZOOM:
        raise QueryError(f"zoom {zoom!r} must be a whole number from 0 to {MAX_ZOOM}")
    return 360.0 / (2**zoom * CELLS_PER_TILE)


def cell_of(latitude: float, longitude: float, zoom: int) -> tuple[int, int]:
    """(column, row) of the grid cell of a point: what `map_cells` groups by, in Python."""
    size = cell_degrees(zoom)
    return math.floor((longitude + 180.0) / size), math.floor((latitude + 90.0) / size)


def map_cells(source, record_filter: IncidentFilter | None = None, *, zoom: int) -> list[dict]:
    """Matching incidents with a point, aggregated per grid cell of `zoom` (`cell_degrees`):
    as `grid_cells`, with each cell's column and row as counted from (-180, -90)."""
    return grid_cells(source, record_filter, cell_degrees(zoom))


def grid_cells(
    source, record_filter: IncidentFilter | None, size: float, *, matching: int | None = None
) -> list[dict]:
    """Matching incidents with a point, aggregated per square cell `size` degrees wide:
    {"cell_x", "cell_y", "incidents", "killed", "injured", "households_without_power",
    "latitude", "longitude"} with the cell's mean point, so a marker sits where its
    incidents are, not at the cell's corner, and `<figure>_known`, how many of them
    give each figure (what `cells_without` needs). Cells by column then row. The cell of a
    point is `cell_of`: (floor((lon + 180) / size), floor((lat + 90) / size)).

    `matching`, how many incidents the filter keeps when the caller knows: with many, on
    SQLite, the map's own cells are read from the cell index in cell order (see
    `schema.CELL_SQL`) rather than through the dates, a fraction of the time."""
    if not size > 0:
        raise QueryError(f"cell size {size!r} must be more than 0 degrees")
    c = incidents_table.c
    engine = _engine(source)
    if engine.dialect.name == "sqlite":
        # Spelt as the cell index spells them; positive, so truncation is floor.
        x, y = (
            sa.literal_column(f"CAST(({column} + {shift}) / {size!r} AS INTEGER)")
            for column, shift in (("longitude", "180.0"), ("latitude", "90.0"))
        )
    else:  # PostgreSQL rounds a cast: floor first
        x = sa.cast(sa.func.floor((c.longitude + 180.0) / size), sa.BigInteger)
        y = sa.cast(sa.func.floor((c.latitude + 90.0) / size), sa.BigInteger)
    query = sa.select(
        x.label("cell_x"),
        y.label("cell_y"),
        sa.func.count().label("incidents"),
        *(_sum(c[name]).label(name) for name in MAP_FIGURES),
        *(sa.func.count(c[name]).label(f"{name}_known") for name in MAP_FIGURES),
        sa.func.avg(c.latitude).label("latitude"),
        sa.func.avg(c.longitude).label("longitude"),
    )
    query = query.where(c.latitude.is_not(None), c.longitude.is_not(None))
    query = query.group_by(x, y).order_by(x, y)
    if size == MAP_CELL_DEGREES and (matching or 0) >= WIDE_SCAN:
        query = query.with_hint(incidents_table, f"INDEXED BY {SQLITE_CELL_INDEX}", "sqlite")
    with engine.connect() as conn:
        rows = conn.execute(_filtered(conn, query, record_filter))
        return [
            dict(row._mapping) | {"latitude": float(row.latitude), "longitude": float(row.longitude)}
            for row in rows
        ]


def outside_window(record_filter: IncidentFilter, first: dt.date, last: dt.date) -> list[IncidentFilter]:
    """The filter's other conditions on the days from `first` to `last` that its own
    dates leave out (none, one or two spans)."""
    low = max(record_filter.date_from or first, first)
    high = min(record_filter.date_to or last, last)
    if low > high:  # the window misses the span: all of it is outside
        return [dataclasses.replace(record_filter, date_from=first, date_to=last)]
    spans = []
    if low > first:
        spans.append((first, low - dt.timedelta(days=1)))
    if high < last:
        spans.append((high + dt.timedelta(days=1), last))
    return [dataclasses.replace(record_filter, date_from=a, date_to=b) for a, b in spans]


def cells_without(cells: list[dict], removed: list[dict]) -> list[dict]:
    """`grid_cells` rows less the `grid_cells` rows (same size, from one or more
    queries) of some of their incidents: how a wide date window's cells come from the
    whole span's, reading only the few days it leaves out. A cell left with no incident
    goes; a figure left with no incident giving it is None again; the mean point is what
    the rest average to."""
    taken: dict[tuple, dict] = {}
    for row in removed:
        key = (row["cell_x"], row["cell_y"])
        taken[key] = _cell_sum(taken[key], row, 1) if key in taken else row
    kept = []
    for row in cells:
        gone = taken.pop((row["cell_x"], row["cell_y"]), None)
        if gone is None:
            kept.append(row)
            continue
        if gone["incidents"] > row["incidents"]:
            where = (row["cell_x"], row["cell_y"])
            raise CellsMismatchError(f"cell {where} loses more incidents than it has")
        if gone["incidents"] < row["incidents"]:
            kept.append(_cell_sum(row, gone, -1))
    if taken:
        example = next(iter(taken))
        raise CellsMismatchError(f"{len(taken)} removed cell(s) are not among the cells, e.g. {example}")
    return kept


def _cell_sum(row: dict, other: dict, sign: int) -> dict:
    """One cell's row plus (`sign` 1) or minus (-1) another's of the same cell."""
    count = row["incidents"] + sign * other["incidents"]
    total = {"cell_x": row["cell_x"], "cell_y": row["cell_y"], "incidents": count}
    for name in MAP_FIGURES:
        known = row[f"{name}_known"] + sign * other[f"{name}_known"]
        total[name] = (row[name] or 0) + sign * (other[name] or 0) if known else None
        total[f"{name}_known"] = known
    for axis in ("latitude", "longitude"):
        total[axis] = (row[axis] * row["incidents"] + sign * other[axis] * other["incidents"]) / count
    return total


def points(source, record_filter: IncidentFilter | None = None, *, limit: int) -> list[dict]:
    """Up to `limit` + 1 matching incidents that have a point (model fields), by date
    and id: one more than asked tells the caller there are more than it would draw."""
    if not isinstance(limit, int) or not 1 <= limit <= MAX_POINTS:
        raise QueryError(f"limit {limit!r} must be a whole number from 1 to {MAX_POINTS}")
    c = incidents_table.c
    query = sa.select(*(c[name] for name in INCIDENT_FIELDS)).where(
        c.latitude.is_not(None), c.longitude.is_not(None)
    )
    query = query.order_by(c.date, c.id).limit(limit + 1)
    with _engine(source).connect() as conn:
        return [dict(row._mapping) for row in conn.execute(_filtered(conn, query, record_filter))]


def point_bounds(source, record_filter: IncidentFilter | None = None):
    """[(south, west), (north, east)] around the matching incidents' points, None when
    none has a point."""
    c = incidents_table.c
    edges = sa.select(
        sa.func.min(c.latitude), sa.func.min(c.longitude), sa.func.max(c.latitude), sa.func.max(c.longitude)
    )
    with _engine(source).connect() as conn:
        south, west, north, east = conn.execute(_filtered(conn, edges, record_filter)).one()
    return None if south is None else [(float(south), float(west)), (float(north), float(east))]


def date_span(source, record_filter: IncidentFilter | None = None) -> tuple[str, str] | None:
    """The first and last date of the matching incidents, None when none match."""
    c = incidents_table.c
    with _engine(source).connect() as conn:
        first, last = conn.execute(
            _filtered(conn, sa.select(sa.func.min(c.date), sa.func.max(c.date)), record_filter)
        ).one()
    return None if first is None else (first, last)


def places(source) -> list[dict]:
    """Every (country, admin1, place) that has incidents, with how many: what the
    filter lists offer."""
    c = incidents_table.c
    # Grouped in the order of `ix_incidents_place_region`, so it is read alone, in order.
    query = (
        sa.select(c.country, c.admin1, c.place, sa.func.count().label("incidents"))
        .group_by(c.place, c.country, c.admin1)
        .order_by(c.country, c.admin1, c.place)
    )
    with _engine(source).connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def reports_behind(source, record_filter: IncidentFilter | None = None) -> dict:
    """{"extra_reports", "conflicting"} of the matching incidents: the reports beyond
    one per incident, and how many incidents' reports give conflicting figures."""
    with _engine(source).connect() as conn:
        return consolidation_totals(conn, (record_filter or IncidentFilter()).where(incidents_table))


def reports_per_day(source, record_filter: IncidentFilter | None = None) -> list[dict]:
    """`reports_behind` per date (`consolidation_per_day`), for `reports_of_days`."""
    with _engine(source).connect() as conn:
        return consolidation_per_day(conn, (record_filter or IncidentFilter()).where(incidents_table))


def reports_of_days(days: list[dict], date_from: str | None = None, date_to: str | None = None) -> dict:
    """`reports_behind` of the `reports_per_day` rows from `date_from` to `date_to` (ISO
    days, either open), as `totals_of_days` totals a window."""
    shown = _days_within(days, date_from, date_to)
    return {name: sum(day[name] for day in shown) for name in ("extra_reports", "conflicting")}


def _days_within(days: list[dict], date_from: str | None, date_to: str | None) -> list[dict]:
    """The rows of a series per day from `date_from` to `date_to` (ISO days, either open)."""
    low, high = date_from or "", date_to or "\uffff"
    return [day for day in days if low <= str(day["date"]) <= high]


def _engine(source) -> sa.Engine:
    return getattr(source, "engine", source)


def _filtered(conn, query, record_filter: IncidentFilter | None, table: sa.Table = incidents_table):
    """`query` on `table` under the filter, narrowed by the text index where that helps."""
    record_filter = record_filter or IncidentFilter()
    query = query.select_from(table).where(record_filter.where(table))
    if table is not incidents_table:
        return query
    narrowed = search.narrowing(conn, record_filter.needles)
    return query if narrowed is None else query.where(narrowed)


def _sum(column):
    # SUM over only unknown values is NULL: "not reported" stays None. PostgreSQL sums an
    # integer to a bigint and a bigint to a numeric: cast, so both give a whole number.
    return sa.cast(sa.func.sum(column), sa.BigInteger)


def _group_keys(source, table: sa.Table, names: tuple[str, ...]) -> list:
    """Group keys; on SQLite as `+column`, so the planner scans and sorts instead of
    walking a region index and reading every row it points to (seconds at a million)."""
    c = table.c
    if _engine(source).dialect.name != "sqlite":
        return [c[name] for name in names]
    return [sa.literal_column(f'+{table.name}."{name}"') for name in names]


def source_count(source, record_filter: IncidentFilter | None = None) -> int:
    """How many distinct sources the matching incidents name: each incident by its URL
    when it gives one, else by its source's name; spaces around and letter case aside
    (ASCII letters on SQLite, whose lower() knows no other); an incident naming neither
    counts none. What a snapshot's footer says ("from N sources")."""
    c = incidents_table.c
    url, name = (sa.func.nullif(sa.func.trim(column), "") for column in (c.source_url, c.source_name))
    query = sa.select(sa.func.count(sa.distinct(sa.func.lower(sa.func.coalesce(url, name)))))
    with _engine(source).connect() as conn:
        return conn.execute(_filtered(conn, query, record_filter)).scalar_one()
