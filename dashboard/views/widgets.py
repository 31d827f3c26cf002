"""Totals, timeline and air-defence panel: the figures beside the map."""

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.state import totals as figures
from dashboard.state.data import consolidated
from dashboard.views.context import ViewContext
from incidents.rules.model import COUNT_FIELDS


def _metric(column, label: str, figure: figures.Figure) -> None:
    column.metric(label, f"{figure.total:,}", help=figure.note() or "Every record reports this figure")


def totals_row(context: ViewContext) -> None:
    """The four totals, labelled exactly as DESIGN.md says, with children and gaps named."""
    t = figures.totals(context.incidents)
    incidents, killed, injured, power = st.columns(4)
    incidents.metric("Incidents", f"{t.incidents:,}")
    _metric(killed, "Killed", t.killed)
    _metric(injured, "Injured", t.injured)
    _metric(power, "Households without power", t.households_without_power)
    # Incidents, not reports: each incident's figures are its most direct source's, never a sum.
    behind = figures.reports_caption(context.incidents, consolidated(context.version))
    notes = [f"{behind[0].upper()}{behind[1:]}."]
    notes.append(f"Children: {t.children_killed.total:,} killed, {t.children_injured.total:,} injured.")
    for label, figure in (
        ("killed", t.killed),
        ("injured", t.injured),
        ("households without power", t.households_without_power),
    ):
        if figure.missing:
            notes.append(f"{figure.missing:,} of {t.incidents:,} records do not report {label}.")
    if t.incidents:
        st.caption(" ".join(notes) + " Unreported figures are not counted as zero.")


def timeline(context: ViewContext) -> None:
    per_day = figures.daily(context.incidents)
    if per_day.empty:
        return
    long = per_day.melt("date", ["incidents", "casualties"], var_name="measure", value_name="count")
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("yearmonthdate(date):O", title=None),
            y=alt.Y("count:Q", title=None),
            color=alt.Color(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=["incidents", "casualties"], range=["#37474f", "#d81b60"]),
            ),
            xOffset="measure:N",
            tooltip=[alt.Tooltip("date:T"), "measure:N", "count:Q"],
        )
        .properties(height=180, title="Incidents and casualties (killed + injured, reported) per day")
    )
    st.altair_chart(chart, width="stretch")


def air_defence_panel(context: ViewContext) -> None:
    summary = figures.air_defence_summary(context.air_defence)
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


def no_incidents_message(context: ViewContext) -> bool:
    if context.incidents.empty:
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
