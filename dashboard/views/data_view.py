"""The Data view: the filtered rows, and downloads of exactly those rows."""

import io

import pandas as pd
import streamlit as st

from dashboard.snapshot import as_records
from dashboard.snapshot.downloads import snapshot_downloads
from dashboard.state.data import revised_texts
from dashboard.views import widgets as figures
from dashboard.views.context import ViewContext
from incidents.formats.export import write_records

DOWNLOADS = (
    ("csv", "CSV", "text/csv"),
    ("geojson", "GeoJSON", "application/geo+json"),
    ("json", "JSON", "application/json"),
)


@st.cache_data(show_spinner=False, max_entries=6)
def exported(frame: pd.DataFrame, format: str) -> bytes:
    out = io.StringIO()
    write_records(as_records(frame), out, format)
    return out.getvalue().encode("utf-8")


def file_stem(context: ViewContext) -> str:
    f = context.view.record_filter
    days = "-".join(d.isoformat() for d in (f.date_from, f.date_to) if d) or "all"
    return f"incidents-{days}"


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
    columns = st.columns(len(DOWNLOADS) + 2)
    for column, (format, label, mime) in zip(columns, DOWNLOADS, strict=False):
        column.download_button(
            f"Download {label}",
            exported(context.incidents, format),
            file_name=f"{file_stem(context)}.{format}",
            mime=mime,
            key=f"download_{format}",
        )
    snapshot_buttons(context, columns[len(DOWNLOADS) :])


def snapshot_buttons(context: ViewContext, columns) -> None:
    """PNG and standalone HTML of the current view (made only when clicked)."""
    snapshot_downloads(
        context.all_incidents,
        context.view.record_filter,
        layers=context.view.layers,
        tiles=context.view.tiles,
        columns=columns,
        data_version=f"{context.version[1]:,} records, latest import {context.version[2]}",
    )
