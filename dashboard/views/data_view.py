"""The Data view: the filtered rows, and downloads of exactly those rows."""

import io
from collections.abc import Iterable

import streamlit as st

from dashboard.snapshot.caption import view_file_stem
from dashboard.snapshot.downloads import snapshot_downloads
from dashboard.state.data import store
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

TABLE_ROWS = 500  # per page; the downloads hold every matching row
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


def exported(records: Iterable[dict], format: str, precision: str | None = None) -> bytes:
    """Records (model fields) as a file of `format`, their points coarsened to `precision`."""
    out = io.StringIO()
    records = coarsen_records(list(records), precision, locate=gazetteer_point)
    write_records(records, out, format, precision_note=precision_note(precision) if precision else None)
    return out.getvalue().encode("utf-8")


def file_stem(context: ViewContext) -> str:
    return view_file_stem(context.view.record_filter)


def render(context: ViewContext) -> None:
    st.header("Data")
    record_filter = context.record_filter
    shown = figures.totals_row(context.version, record_filter)
    if figures.no_incidents_message(shown.incidents):
        return
    figures.paged_table(context.version, record_filter, key="data_table", rows=TABLE_ROWS)
    st.caption(
        "Downloads hold every matching row, not only this page. In CSV, cells that a spreadsheet "
        "would run as a formula start with an apostrophe."
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
            # Read from the store when the button is clicked, not on every rerun.
            lambda format=format: exported(store().iter_incidents(record_filter), format, precision),
            file_name=f"{file_stem(context)}.{format}",
            mime=mime,
            key=f"download_{format}",
            on_click="ignore",
        )
    snapshot_buttons(context, columns[len(DOWNLOADS) :], precision)


def snapshot_buttons(context: ViewContext, columns, precision: str | None = None) -> None:
    """PNG and standalone HTML of the current view (made only when clicked)."""
    # The store itself: a click asks it what the snapshot shows (and how many records it
    # holds, and its version at that moment), never reads the matching rows.
    snapshot_downloads(
        store(),
        context.view.record_filter,
        layers=context.view.layers,
        tiles=context.view.tiles,
        columns=columns,
        precision=precision,
    )
