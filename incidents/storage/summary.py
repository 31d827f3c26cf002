"""The per-day summary of incidents (`incident_figures`): kept up to date, and read when it can.

A write recomputes the summary for every day it touched, from the incidents of those
days (the same GROUP BY a query would run), inside the write's own transaction: so
the summary is never out of step and a rolled-back batch leaves it as it was. The
days touched are the days of the batch's records and, for a record whose date was
corrected, its old day (which the caller collects before the row is overwritten).

A filter on dates, countries, regions, types and attacker only is answered from the
summary; one on places, casualties or text needs the incidents themselves.
"""

import sqlalchemy as sa

from incidents.rules.filters import IncidentFilter
from incidents.rules.model import COUNT_FIELDS
from incidents.storage.schema import GROUP_COLUMNS, figures_table, incidents_table

DAYS_PER_STATEMENT = 500  # under every backend's parameter limit


def refresh(conn, days: set[str]) -> None:
    """Recompute the summary rows of `days` from the incidents of those days."""
    f, i = figures_table.c, incidents_table.c
    keys = [i.date, *(i[name] for name in GROUP_COLUMNS)]
    columns = ["date", *GROUP_COLUMNS, "incidents", *COUNT_FIELDS]
    ordered = sorted(day for day in days if day is not None)
    for start in range(0, len(ordered), DAYS_PER_STATEMENT):
        chunk = ordered[start : start + DAYS_PER_STATEMENT]
        conn.execute(figures_table.delete().where(f.date.in_(chunk)))
        summed = (
            sa.select(*keys, sa.func.count(), *(sa.func.sum(i[name]) for name in COUNT_FIELDS))
            .where(i.date.in_(chunk))
            .group_by(*keys)
        )
        conn.execute(figures_table.insert().from_select(columns, summed))


def rebuild(conn) -> None:
    """The whole summary anew: for a store made before the summary existed."""
    conn.execute(figures_table.delete())
    days = conn.execute(sa.select(incidents_table.c.date).distinct()).scalars().all()
    refresh(conn, set(days))


def answers(record_filter: IncidentFilter | None) -> bool:
    """True when the summary alone answers counts and sums under this filter."""
    f = record_filter or IncidentFilter()
    return not (f.places or f.text or f.min_killed is not None or f.min_injured is not None)


def count_column():
    # SUM(incidents) is NULL over no rows, where COUNT(*) is 0.
    return sa.func.coalesce(_total(figures_table.c.incidents), 0)


def sum_columns():
    """The summed figures, labelled as the incidents' own SUMs (NULL where none reported)."""
    return [_total(figures_table.c[name]).label(name) for name in COUNT_FIELDS]


def _total(column):
    # PostgreSQL sums a bigint to a numeric: back to a whole number, as SUM(integer) gives.
    return sa.cast(sa.func.sum(column), sa.BigInteger)
