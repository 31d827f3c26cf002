"""The Map view (default): totals, the map, the timeline, air-defence claims, the table."""

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard.map.build import base_map, data_bounds, layer_groups
from dashboard.state.data import revised_texts
from dashboard.views import widgets as figures
from dashboard.views.context import ViewContext

FOCUS_ZOOM = 10
MAP_KEY = "map"
# Sending every row to the browser on each filter change costs more than the map does;
# beyond this the Data page (and its downloads) has the full list.
TABLE_ROWS = 5_000


def render(context: ViewContext) -> None:
    figures.totals_row(context)
    figures.no_incidents_message(context)
    only_visible = st.session_state.get("only_visible", False)
    bounds = show_map(context, want_bounds=only_visible)
    figures.timeline(context)
    incident_table(context, bounds)
    figures.air_defence_panel(context)


def show_map(context: ViewContext, *, want_bounds: bool):
    """The map; returns its current bounds when the table needs them."""
    fmap = base_map(tiles=context.view.tiles)
    # The base map must not change with the filters, or the iframe remounts: its view
    # comes from the whole data set; the filtered records travel as layers.
    bounds = data_bounds(context.all_incidents)
    if bounds:
        fmap.fit_bounds(bounds, padding=(30, 30), max_zoom=9)
    focus = st.session_state.get("map_focus")
    result = st_folium(
        fmap,
        feature_group_to_add=layer_groups(
            context.incidents, layers=context.view.layers, revised=revised_texts
        ),
        layer_control=folium.LayerControl(collapsed=False),
        center=focus["center"] if focus else None,
        zoom=focus["zoom"] if focus else None,
        height=560,
        use_container_width=True,
        returned_objects=["last_active_drawing", *(["bounds"] if want_bounds else [])],
        on_change=_filter_to_clicked_region,
        key=MAP_KEY,
    )
    return (result or {}).get("bounds") if want_bounds else None


def clicked_region(value) -> str | None:
    """The region a map click chose: the choropleth's feature carries its name as
    `region`; a click on anything else (a marker, a circle) chooses none."""
    feature = (value or {}).get("last_active_drawing") if isinstance(value, dict) else None
    properties = (feature or {}).get("properties") if isinstance(feature, dict) else None
    region = (properties or {}).get("region") if isinstance(properties, dict) else None
    return region if isinstance(region, str) and region else None


def _filter_to_clicked_region() -> None:
    """A click on a region filters to it, as picking it in the Region list does. Runs as
    the map's on_change callback, before the script: the sidebar's widgets take the new
    value and write it into the link."""
    region = clicked_region(st.session_state.get(MAP_KEY))
    if region and st.session_state.get("regions") != [region]:
        st.session_state["regions"] = [region]
        st.session_state.pop("map_focus", None)


def _inside(frame: pd.DataFrame, bounds) -> pd.DataFrame:
    try:
        south, west = bounds["_southWest"]["lat"], bounds["_southWest"]["lng"]
        north, east = bounds["_northEast"]["lat"], bounds["_northEast"]["lng"]
    except (KeyError, TypeError):
        return frame
    if None in (south, west, north, east):
        return frame
    inside = frame["latitude"].between(south, north) & frame["longitude"].between(west, east)
    return frame[inside.fillna(False)]


def incident_table(context: ViewContext, bounds) -> None:
    st.subheader("Incidents")
    st.toggle("Only what the map shows", key="only_visible")
    rows = context.incidents
    if st.session_state.get("only_visible") and bounds:
        rows = _inside(rows, bounds)
    shown = rows.head(TABLE_ROWS)
    more = (
        f" The first {TABLE_ROWS:,} are listed; the Data page has them all." if len(rows) > TABLE_ROWS else ""
    )
    st.caption(f"{len(rows):,} rows.{more} Select a row to bring the map to it.")
    event = st.dataframe(
        figures.table_frame(shown, revised=revised_texts),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="incident_table",
        column_config={
            "source_url": st.column_config.LinkColumn("source link", validate=r"^https?://"),
            "event_type": st.column_config.TextColumn("type"),
            "admin1": st.column_config.TextColumn("region"),
            "households_without_power": st.column_config.NumberColumn("households without power"),
            "revised": figures.REVISED_COLUMN,
        },
    )
    selected = event.selection.rows if event else []
    if selected:
        row = shown.iloc[selected[0]]
        if pd.notna(row["latitude"]) and pd.notna(row["longitude"]):
            focus = {
                "center": [float(row["latitude"]), float(row["longitude"])],
                "zoom": FOCUS_ZOOM,
            }
            if st.session_state.get("map_focus") != focus:
                st.session_state["map_focus"] = focus
                st.rerun()
