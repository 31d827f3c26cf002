"""The dashboard's snapshot download buttons (PNG and standalone HTML of the current view).

The files are made only when a button is clicked (Streamlit runs a callable `data` on
demand, off the script thread), so a slider move never starts a browser.
"""

import datetime as dt
from collections.abc import Callable

import folium
import streamlit as st

from dashboard.browser import INSTALL_HINT, chromium_path
from dashboard.snapshot import SIZES, View, make_snapshot
from dashboard.snapshot.page import default_map
from incidents.filters import IncidentFilter


def snapshot_downloads(
    records: list[dict],
    record_filter: IncidentFilter,
    *,
    title: str | None = None,
    view: View | None = None,
    tiles: str | None = None,
    size: str = "slide",
    scale: int = 2,
    build_map: Callable[[list[dict]], folium.Map] = default_map,
    key: str = "snapshot",
) -> None:
    """Two download buttons, side by side, for the map of `records` (all of them) filtered
    by `record_filter`; `view` keeps the user's map centre and zoom when known."""
    width, height = SIZES[size]
    options = dict(title=title, view=view, tiles=tiles, build_map=build_map)
    stem = f"incidents-map-{dt.date.today().isoformat()}"
    png_column, html_column = st.columns(2)
    with png_column:
        browser_missing = chromium_path() is None
        st.download_button(
            "Map as PNG",
            data=lambda: (
                make_snapshot(
                    "png",
                    records,
                    record_filter,
                    width=width,
                    height=height,
                    scale=scale,
                    **options,
                ).data
            ),
            file_name=f"{stem}.png",
            mime="image/png",
            key=f"{key}-png",
            on_click="ignore",
            disabled=browser_missing,
            help=f"Headless Chromium is needed: {INSTALL_HINT}."
            if browser_missing
            else f"{width}x{height} at {scale}x, with title, totals, legend and sources.",
        )
    with html_column:
        st.download_button(
            "Map as HTML",
            data=lambda: make_snapshot("html", records, record_filter, **options).data,
            file_name=f"{stem}.html",
            mime="text/html",
            key=f"{key}-html",
            on_click="ignore",
            help="One file that opens in any browser with no network: pan, zoom, popups, layers.",
        )
