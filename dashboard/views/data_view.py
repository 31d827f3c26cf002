"""The Data view: the filtered rows, and downloads of exactly those rows."""

import io

import pandas as pd
import streamlit as st

from dashboard.snapshot import as_records
from dashboard.snapshot.caption import view_file_stem
from dashboard.snapshot.downloads import snapshot_downloads
from dashboard.state.data import revised_texts
from dashboard.views import widgets as figures
from dashboard.views.context import ViewContext
from incidents.formats.export import write_records
from incidents.rules.precision import (
    HUNDREDTH,
    SETTLEMENT,
    TENTH,
    coarsen_records,
    gazetteer_point,
    precision_note,
)

DOWNLOADS = (
    ("csv", "CSV", "text/csv"),
    ("geojson", "GeoJSON", "application/geo+json"),
    ("json", "JSON", "application/json"),
)


# The Locations choice: as stored, or coarsened for publishing (incidents.rules.precision).
LOCATIONS = {
    "As stored": None,
    "Settlement centre": SETTLEMENT,
    "Rounded to 0.1° (~11 km)": TENTH,
    "Rounded to 0.01° (~1 km)": HUNDREDTH,
}


@st.cache_data(show_spinner=False, max_entries=6)
def exported(frame: pd.DataFrame, format: str, precision: str | None = None) -> bytes:
    out = io.StringIO()
    records = coarsen_records(as_records(frame), precision, locate=gazetteer_point)
    write_records(records, out, format, precision_note=precision_note(precision) if precision else None)
    return out.getvalue().encode("utf-8")


def file_stem(context: ViewContext) -> str:
    return view_file_stem(context.view.record_filter)


def render(context: ViewContext) -> None:
    st.header("Data")
    figures.totals_row(context)
    if figures.no_incidents_message(context):
        return
    st.dataframe(
        figures.table_frame(context.incidents, revised=revised_texts),
        hide_index=True,
        width="stretch",
        column_config={
            "source_url": st.column_config.LinkColumn("source link", validate=r"^https?://"),
            "revised": figures.REVISED_COLUMN,
        },
    )
    st.caption(
        "Downloads hold exactly the rows above. In CSV, cells that a spreadsheet would run "
        "as a formula start with an apostrophe."
    )
    chosen = st.selectbox(
        "Locations in downloads",
        list(LOCATIONS),
        key="download_precision",
        help="Exact strike coordinates can expose people and positions: coarsen them before "
        "publishing. Snapshots say so in their footer, GeoJSON in its 'locations' member.",
    )
    precision = LOCATIONS[chosen]
    if precision:
        st.caption(precision_note(precision))
    columns = st.columns(len(DOWNLOADS) + 2)
    for column, (format, label, mime) in zip(columns, DOWNLOADS, strict=False):
        column.download_button(
            f"Download {label}",
            exported(context.incidents, format, precision),
            file_name=f"{file_stem(context)}.{format}",
            mime=mime,
            key=f"download_{format}",
        )
    snapshot_buttons(context, columns[len(DOWNLOADS) :], precision)


def snapshot_buttons(context: ViewContext, columns, precision: str | None = None) -> None:
    """PNG and standalone HTML of the current view (made only when clicked)."""
    snapshot_downloads(
        context.all_incidents,
        context.view.record_filter,
        layers=context.view.layers,
        tiles=context.view.tiles,
        columns=columns,
        data_version=f"{context.version[1]:,} records, latest import {context.version[2]}",
        precision=precision,
    )
