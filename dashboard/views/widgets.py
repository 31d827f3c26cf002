"""Totals, timeline and air-defence panel: the figures beside the map."""

import datetime as dt
import functools

import pandas as pd
import streamlit as st

from dashboard.state import queries as asked
from dashboard.state import totals as figures
from incidents.rules.filters import IncidentFilter
from incidents.rules.model import COUNT_FIELDS


def _metric(column, label: str, figure: figures.Figure) -> None:
    column.metric(label, f"{figure.total:,}", help=figure.note() or "Every record reports this figure")


def totals_row(version: tuple, record_filter: IncidentFilter) -> figures.Totals:
    """The four totals, labelled exactly as DESIGN.md says, with children and gaps named."""
    t = figures.totals_of(asked.totals(version, record_filter))
    incidents, killed, injured, power = st.columns(4)
    incidents.metric("Incidents", f"{t.incidents:,}")
    _metric(killed, "Killed", t.killed)
    _metric(injured, "Injured", t.injured)
    _metric(power, "Households without power", t.households_without_power)
    if not t.incidents:
        return t
    # Incidents, not reports: each incident's figures are its most direct source's, never a sum.
    behind = figures.reports_caption(t.incidents, asked.reports_behind(version, record_filter))
    notes = [f"{behind[0].upper()}{behind[1:]}."]
    notes.append(f"Children: {t.children_killed.total:,} killed, {t.children_injured.total:,} injured.")
    for label, figure in (
        ("killed", t.killed),
        ("injured", t.injured),
        ("households without power", t.households_without_power),
    ):
        if figure.missing:
            notes.append(f"{figure.missing:,} of {t.incidents:,} records do not report {label}.")
    st.caption(" ".join(notes) + " Unreported figures are not counted as zero.")
    return t


def daily_series(version: tuple, record_filter: IncidentFilter) -> pd.DataFrame:
    """Every day of the data under the filter's other conditions (not its dates): the
    timeline's bars, and which days Play may show."""
    return asked.daily(version, record_filter)


TIMELINE_KEY = "timeline"
BRUSH = "brush"


def timeline(per_day: pd.DataFrame, chosen: tuple[dt.date, dt.date], *, on_brush=None) -> None:
    """Incidents per day as bars and casualties as a line, on a real time axis (a day
    without incidents takes its place); the chosen dates are shaded, and dragging
    across the chart (`on_brush`) chooses others."""
    if per_day.empty:
        return
    st.caption(
        "**Incidents** (bars) and **killed + injured** as reported (line) per day; "
        "drag across the chart to choose dates."
    )
    st.vega_lite_chart(
        spec=timeline_chart(per_day, chosen),
        width="stretch",
        key=TIMELINE_KEY,
        on_select=on_brush or "ignore",
        selection_mode=BRUSH if on_brush else None,
    )


def timeline_chart(per_day: pd.DataFrame, chosen: tuple[dt.date, dt.date]) -> dict:
    """The timeline's spec with its data (`days`, and the chosen dates as `chosen`)."""
    low, high = (pd.Timestamp(day) for day in chosen)
    end_of_day = pd.Timedelta(hours=23, minutes=59)
    # The axis spans the series' days and the chosen dates, given, not found from the
    # data: found, it depended on the shading too, and every move of the dates made the
    # browser place all the bars again (most of its work for the chart on a move).
    axis_from = min(pd.Timestamp(per_day["date"].min()), low)
    axis_to = max(pd.Timestamp(per_day["date"].max()), high) + end_of_day
    span = tuple(int(edge.timestamp() * 1000) for edge in (axis_from, axis_to))
    spec = timeline_spec(point=len(per_day) <= 60, span=span)
    shaded = pd.DataFrame({"start": [low], "end": [high + end_of_day]})
    return {**spec, "datasets": {"days": per_day[["date", "incidents", "casualties"]], "chosen": shaded}}


@functools.lru_cache(maxsize=64)
def timeline_spec(*, point: bool, span: tuple[int, int]) -> dict:
    """The timeline's Vega-Lite spec, written once per time axis (`span`: its ends, ms
    since 1970), its data named (`days`, `chosen`) and given apart. Built with Altair,
    the chart was made and validated again on every run: about 0.1 s a slider move,
    under a lock that every session shares."""
    axis = {"format": "%Y-%m-%d", "labelOverlap": True, "tickMinStep": 24 * 3600 * 1000}
    x = {"field": "date", "type": "temporal", "title": None, "axis": axis, "scale": {"domain": list(span)}}
    return {
        "height": 200,
        "layer": [
            {
                "data": {"name": "chosen"},
                "mark": {"type": "rect", "color": "#ffb300", "opacity": 0.18},
                "encoding": {
                    "x": {"field": "start", "type": "temporal", "scale": {"domain": list(span)}},
                    "x2": {"field": "end"},
                },
            },
            {
                "name": "days_bars",
                "data": {"name": "days"},
                "mark": {"type": "bar", "color": "#607d8b"},
                "encoding": {
                    "x": x,
                    "y": {"field": "incidents", "type": "quantitative", "title": "incidents"},
                    "tooltip": [
                        {"field": "date", "type": "temporal", "format": "%Y-%m-%d"},
                        {"field": "incidents", "type": "quantitative"},
                        {"field": "casualties", "type": "quantitative"},
                    ],
                },
            },
            {
                "data": {"name": "days"},
                "mark": {"type": "line", "color": "#d81b60", "point": point},
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "casualties",
                        "type": "quantitative",
                        "title": "killed + injured (reported)",
                    },
                },
            },
        ],
        "params": [
            {"name": BRUSH, "select": {"type": "interval", "encodings": ["x"]}, "views": ["days_bars"]}
        ],
        "resolve": {"scale": {"y": "independent"}},
    }


def brushed_range(value) -> tuple[dt.date, dt.date] | None:
    """The days a brush on the timeline spans (Vega-Lite gives its ends on a time axis
    as milliseconds since 1970, or dates), or None when there is no brush."""
    try:
        ends = value["selection"][BRUSH]["date"]
        low, high = (
            pd.Timestamp(end, unit="ms") if isinstance(end, (int, float)) else pd.Timestamp(end)
            for end in ends
        )
    except (KeyError, TypeError, ValueError):
        return None
    first, last = sorted((low, high))
    return first.date(), last.date()


def air_defence_panel(reports: list[dict]) -> None:
    summary = figures.air_defence_summary(reports)
    st.subheader("Air defence claims")
    if summary.empty:
        st.caption("No air-defence reports in this date range.")
        return
    st.caption("Figures as claimed by each reporting side; neither side's claims are verified here.")
    shown = summary.rename(
        columns={
            "reported_by": "Reported by",
            "area": "Area",
            "reports": "Reports",
            "launched": "Launched",
            "shot_down": "Shot down",
            "lost": "Lost (e.g. from radar)",
            "interception_rate": "Interception rate",
        }
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "Interception rate": st.column_config.ProgressColumn(
                format="percent",
                min_value=0.0,
                max_value=1.0,
                help="Shot down / launched, over reports that give both",
            )
        },
    )


def no_incidents_message(incidents: int) -> bool:
    if not incidents:
        st.info("No incidents match these filters. Widen the date range or clear a filter.")
        return True
    return False


def table_frame(frame: pd.DataFrame, *, revised=None) -> pd.DataFrame:
    """The columns a table shows; with `revised` (as `dashboard.state.data.revised_texts`),
    a `revised` column: what an import last changed in each record, if anything."""
    if revised is not None and "id" in frame:
        changes = revised(frame["id"].tolist()) if len(frame) else {}
        frame = frame.assign(revised=frame["id"].map(changes))
    columns = [
        "date",
        "place",
        "admin1",
        "country",
        "event_type",
        "attacker",
        *COUNT_FIELDS,
        "damage",
        "source_name",
        "source_url",
        "revised",
    ]
    return frame[[c for c in columns if c in frame]]


REVISED_COLUMN = st.column_config.TextColumn("revised", help="The latest change an import made to the record")


SORTABLE = {
    "date": "date",
    "place": "place",
    "region": "admin1",
    "type": "event_type",
    "killed": "killed",
    "injured": "injured",
    "households without power": "households_without_power",
}
TABLE_COLUMNS = {
    "source_url": st.column_config.LinkColumn("source link", validate=r"^https?://"),
    "event_type": st.column_config.TextColumn("type"),
    "admin1": st.column_config.TextColumn("region"),
    "households_without_power": st.column_config.NumberColumn("households without power"),
    "revised": REVISED_COLUMN,
}


def paged_table(
    version: tuple,
    record_filter: IncidentFilter,
    *,
    key: str,
    rows: int,
    within: tuple[float, float, float, float] | None = None,
    selectable: bool = False,
    controls=None,
):
    """One page of the matching rows, sorted and cut by the store (the table costs what
    it shows, however many rows match), with its sort and page controls (in `controls`,
    three columns, when given). Returns the rows shown and the table's selection event."""
    sort, order, number = (
        controls if controls is not None else st.columns([2, 1, 1], vertical_alignment="bottom")
    )
    sort_by = SORTABLE[sort.selectbox("Sort by", list(SORTABLE), key=f"{key}_sort")]
    descending = order.toggle("Newest / largest first", key=f"{key}_descending", value=True)
    page_number = int(number.number_input("Page", min_value=1, step=1, key=f"{key}_page"))
    ask = functools.partial(
        asked.table_page, version, record_filter, sort_by, descending, limit=rows, within=within
    )
    page = ask((page_number - 1) * rows)
    pages = max(1, -(-page.total // rows))
    if page_number > pages:  # fewer rows match than when the page was chosen: the last one
        page_number = pages
        page = ask((page_number - 1) * rows)
    offset = (page_number - 1) * rows
    shown = pd.DataFrame.from_records(page.rows)
    if not page.total:
        st.caption("No rows.")
        return shown, None
    last = offset + len(page.rows)
    st.caption(f"Rows {offset + 1:,}–{last:,} of {page.total:,} (page {page_number:,} of {pages:,}).")
    event = st.dataframe(
        table_frame(shown, revised=asked.revised_in(version)),
        hide_index=True,
        width="stretch",
        key=key,
        column_config=TABLE_COLUMNS,
        **({"on_select": "rerun", "selection_mode": "single-row"} if selectable else {}),
    )
    return shown, event
