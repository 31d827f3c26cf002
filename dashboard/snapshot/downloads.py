"""The dashboard's snapshot download buttons (PNG and standalone HTML of the current view),
with the title and subtitle fields printed over them.

The files are made only when a button is clicked (Streamlit runs a callable `data` on
demand, off the script thread), so a slider move never starts a browser or asks the
store; a click asks the store what the snapshot shows (`dashboard.snapshot.answers`).
"""

from collections.abc import Callable, Sequence

import streamlit as st

from dashboard.snapshot import SIZES, View, make_snapshot, map_with_layers
from dashboard.snapshot.answers import Source
from dashboard.snapshot.browser import INSTALL_HINT, chromium_path
from dashboard.snapshot.caption import view_file_stem
from dashboard.snapshot.page import DEFAULT_TITLE, default_map
from incidents.rules.filters import IncidentFilter


def snapshot_downloads(
    source: Source | Callable[[], Source],
    record_filter: IncidentFilter,
    *,
    layers: Sequence[str] | None = None,
    title: str | None = None,
    view: View | None = None,
    tiles: str | None = None,
    data_version: str | None = None,
    size: str = "slide",
    scale: int = 2,
    columns: Sequence | None = None,
    key: str = "snapshot",
    precision: str | None = None,
) -> None:
    """Buttons "Map as PNG" and "Map as HTML" for the map of what `source` (a `Store`,
    asked when a button is clicked; records in memory; or a function giving either)
    holds under `record_filter`, drawing `layers` (default: the map's default layers).
    `view` keeps the user's centre and zoom when known; `columns` are two Streamlit
    columns to put the buttons in (default: new ones)."""
    width, height = SIZES[size]
    build_map = map_with_layers(tuple(layers)) if layers else default_map
    # What a newsroom prints over the map; by default the view's own description.
    typed_title = st.text_input(
        "Map title", key=f"{key}-title", placeholder=title or DEFAULT_TITLE, max_chars=120
    ).strip()
    subtitle = st.text_input(
        "Map subtitle", key=f"{key}-subtitle", placeholder="e.g. what, where, and the source", max_chars=160
    ).strip()
    title = typed_title or title
    options = dict(
        title=title,
        subtitle=subtitle,
        view=view,
        tiles=tiles,
        build_map=build_map,
        data_version=data_version,
        precision=precision,
    )

    def make(fmt: str, **size_options) -> bytes:
        asked = source() if callable(source) else source
        return make_snapshot(fmt, asked, record_filter, **options, **size_options).data

    stem = f"{view_file_stem(record_filter, title=typed_title)}-map"
    png_column, html_column = columns if columns is not None else st.columns(2)
    browser_missing = chromium_path() is None
    png_column.download_button(
        "Map as PNG",
        data=lambda: make("png", width=width, height=height, scale=scale),
        file_name=f"{stem}.png",
        mime="image/png",
        key=f"{key}-png",
        on_click="ignore",
        disabled=browser_missing,
        help=f"Headless Chromium is needed: {INSTALL_HINT}."
        if browser_missing
        else f"{width}x{height} at {scale}x, with title, totals, legend and sources.",
    )
    html_column.download_button(
        "Map as HTML",
        data=lambda: make("html"),
        file_name=f"{stem}.html",
        mime="text/html",
        key=f"{key}-html",
        on_click="ignore",
        help="One file that opens in any browser with no network: pan, zoom, popups, layers.",
    )
