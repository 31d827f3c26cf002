"""What the views show, asked of the store (`incidents.storage.queries`) and cached.

Each answer is cached by the data version (`dashboard.state.data.data_version`) and the
filter it was asked under, in one cache per server process that every session shares:
a second session, or a filter set back, costs nothing, and an import (a new version)
is asked afresh. What a slider move reads again (the series, the map's data, the span's
cells, the table page) is handed out as the cached object itself (`shared_answer`), not
copied: callers only read it. No answer holds more than a view shows: totals, one row per day or
region, the map's grid cells, a page of rows, at most `POINT_LIMIT` points.

Time moves without asking: the series per day is asked under the filter without its
dates, once, and a date window's totals are summed from it (`totals_of_days`), as are
the reports behind its incidents (`reports_of_days`), so a slider move or a Play step
asks the store for the map and the table page only. A wide window's map cells are the
whole span's (asked once) less those of the few days it leaves out (`_window_cells`): a
slider moved in from an end reads a day or two of incidents, not all the rest.
"""

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.map import aggregate as mapdata
from dashboard.map.stored import map_data_of
from dashboard.state.data import revised_texts, shared_answer, store
from dashboard.state.totals import daily as per_day_frame
from incidents.rules.filters import IncidentFilter
from incidents.storage import queries

# Per process, shared by sessions: a few dozen filters' answers, each a few MB at most.
ENTRIES = 64


def undated(record_filter: IncidentFilter) -> IncidentFilter:
    """The filter without its date range: what the time axis shows."""
    return dataclasses.replace(record_filter, date_from=None, date_to=None)


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def days(version: tuple, record_filter: IncidentFilter) -> list[dict]:
    """`queries.per_day` under the filter's other conditions, every date."""
    # Cached by the undated filter: every date window of one filter shares one series.
    return _days(version, undated(record_filter))


@shared_answer(max_entries=ENTRIES)
def _days(version: tuple, undated_filter: IncidentFilter) -> list[dict]:
    return queries.per_day(store(), undated_filter)


def daily(version: tuple, record_filter: IncidentFilter) -> pd.DataFrame:
    """`dashboard.state.totals.daily` of the series: every day, under the filter's
    other conditions (not its dates)."""
    return _daily(version, undated(record_filter))


@shared_answer(max_entries=ENTRIES)
def _daily(version: tuple, undated_filter: IncidentFilter) -> pd.DataFrame:
    return per_day_frame(_days(version, undated_filter))


def totals(version: tuple, record_filter: IncidentFilter) -> dict:
    """`queries.totals` of the filter, summed from the cached series per day."""
    return queries.totals_of_days(
        days(version, record_filter), _day(record_filter.date_from), _day(record_filter.date_to)
    )


def reports_behind(version: tuple, record_filter: IncidentFilter) -> dict:
    """`queries.reports_behind` of the filter, summed from the cached series per day."""
    return queries.reports_of_days(
        _reports_days(version, undated(record_filter)),
        _day(record_filter.date_from),
        _day(record_filter.date_to),
    )


@shared_answer(max_entries=ENTRIES)
def _reports_days(version: tuple, undated_filter: IncidentFilter) -> list[dict]:
    return queries.reports_per_day(store(), undated_filter)


@shared_answer(max_entries=ENTRIES)
def map_data(version: tuple, record_filter: IncidentFilter, *, regions: bool) -> mapdata.MapData:
    """What the map draws (`dashboard.map.stored.map_data_of`); `regions`: with the
    figures per region, for the regions layer."""
    matching = totals(version, record_filter)["incidents"]
    cells_of = _window_cells(version, record_filter)
    return map_data_of(store(), record_filter, matching=matching, regions=regions, cells_of=cells_of)


def _window_cells(version: tuple, record_filter: IncidentFilter):
    """For a date window that leaves out fewer incidents than it keeps (a slider moved
    in from an end): its cells as the whole span's (cached) less those of the days it
    leaves out, which the date index finds quickly. None when reading the window itself
    is as quick."""
    series = [day for day in days(version, record_filter) if day["date"] is not None]
    if not series or (record_filter.date_from is None and record_filter.date_to is None):
        return None
    first, last = (dt.date.fromisoformat(str(series[i]["date"])) for i in (0, -1))
    inside = totals(version, record_filter)["incidents"]
    if sum(day["incidents"] for day in series) - inside >= inside:
        return None
    span = dataclasses.replace(record_filter, date_from=first, date_to=last)

    def cells_of(size: float) -> list[dict]:
        outside = queries.outside_window(record_filter, first, last)
        removed = [row for part in outside for row in queries.grid_cells(store(), part, size)]
        try:
            return queries.cells_without(_span_cells(version, span, size), removed)
        except queries.CellsMismatchError:
            # Another process imported since the span's cells were asked (the version
            # of this run is older than the store): the window's own cells, this once.
            return queries.grid_cells(store(), record_filter, size, matching=inside)

    return cells_of


@shared_answer(max_entries=8)
def _span_cells(version: tuple, span: IncidentFilter, size: float) -> list[dict]:
    matching = totals(version, span)["incidents"]
    return queries.grid_cells(store(), span, size, matching=matching)


def ask_ahead(version: tuple, record_filter: IncidentFilter, *, regions: bool) -> threading.Thread | None:
    """Ask, on a thread, what a view of `record_filter` will show (the map): Play knows
    its next window, so at its next step this is an answer from the cache (a run that
    asks meanwhile waits for the thread's answer rather than asking again). None when
    this session's previous question is still being answered."""
    from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

    context = get_script_run_ctx()
    session = context.session_id if context is not None else None
    with _ASKING_LOCK:
        for other, thread in list(_ASKING.items()):
            if not thread.is_alive():
                del _ASKING[other]
        if session in _ASKING:
            return None

        def ask() -> None:
            map_data(version, record_filter, regions=regions)

        thread = threading.Thread(target=ask, name="incidents-ask-ahead", daemon=True)
        if context is not None:  # the cache's own warnings need to know the session
            add_script_run_ctx(thread, context)
        _ASKING[session] = thread
        thread.start()
    return thread


# Each session's thread asking ahead, while it runs: one at a time per session.
_ASKING: dict[str | None, threading.Thread] = {}
_ASKING_LOCK = threading.Lock()


@shared_answer(max_entries=ENTRIES)
def table_page(
    version: tuple,
    record_filter: IncidentFilter,
    sort_by: str,
    descending: bool,
    offset: int,
    *,
    limit: int,
    within: tuple[float, float, float, float] | None = None,
) -> queries.Page:
    # Without a box, as many rows match as the totals above the table say.
    known = None if within is not None else totals(version, record_filter)["incidents"]
    return queries.table_page(
        store(),
        record_filter,
        sort_by=sort_by,
        descending=descending,
        offset=offset,
        limit=limit,
        within=within,
        total=known,
    )


def revised_in(version: tuple) -> Callable[[list[str]], dict[str, str]]:
    """`revised_texts` at this version of the data, for the table and the map to ask
    of the rows they show (`ids -> {id: latest change in words}`)."""
    return lambda ids: _revised(version, tuple(ids))


@shared_answer(max_entries=ENTRIES)
def _revised(version: tuple, ids: tuple[str, ...]) -> dict[str, str]:
    # Asked at every run of every session showing these rows: on PostgreSQL a round
    # trip each, which waits for a core when the machine is busy.
    return revised_texts(list(ids))


@st.cache_data(show_spinner=False, max_entries=4)
def point_bounds(version: tuple):
    """Around every stored point: where the map opens when nothing else says."""
    return queries.point_bounds(store())


@st.cache_data(show_spinner=False, max_entries=4)
def places(version: tuple) -> pd.DataFrame:
    """Every country, region and place with incidents: what the filter lists offer."""
    rows = queries.places(store())
    return pd.DataFrame.from_records(rows, columns=["country", "admin1", "place", "incidents"])


@st.cache_data(show_spinner=False, max_entries=4)
def date_span(version: tuple) -> tuple[str, str] | None:
    return queries.date_span(store())


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def air_defence(version: tuple, date_from: dt.date | None, date_to: dt.date | None) -> list[dict]:
    """Air-defence reports of the date range (they have no place to filter on)."""
    return store().read_air_defence(IncidentFilter(date_from=date_from, date_to=date_to))
