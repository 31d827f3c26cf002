"""The Map view (default): totals, the map, the timeline, air-defence claims, the table."""

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard.map.build import (
    DEFAULT_CENTRE,
    DEFAULT_ZOOM,
    base_map,
    data_bounds,
    layer_groups,
    region_bounds,
    view_for_bounds,
)
from dashboard.state.data import revised_texts
from dashboard.state.link import MapView
from dashboard.views import widgets as figures
from dashboard.views.context import ViewContext
from dashboard.views.sidebar import forget_map_view

FOCUS_ZOOM = 10
MAP_KEY = "map"
MAP_HEIGHT = 560
# The map takes the page's width, which the server does not know; a region is fitted
# as if the map were this wide (a wider map shows a little more around it).
MAP_WIDTH_GUESS = 800
OPENING_VIEW = MapView.of(*DEFAULT_CENTRE, DEFAULT_ZOOM)
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
    target = map_target(context.view.record_filter.regions)
    result = st_folium(
        fmap,
        feature_group_to_add=layer_groups(
            context.incidents, layers=context.view.layers, revised=revised_texts
        ),
        layer_control=folium.LayerControl(collapsed=False),
        # streamlit-folium moves the drawn map only when these differ from what it was
        # last given: a pan is not undone by the rerun it causes.
        center=[target.lat, target.lon] if target else None,
        zoom=target.zoom if target else None,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=["last_active_drawing", "center", "zoom", *(["bounds"] if want_bounds else [])],
        on_change=_on_map_change,
        key=MAP_KEY,
    )
    return (result or {}).get("bounds") if want_bounds else None


def map_target(regions) -> MapView | None:
    """Where the map is sent: a table row's place, else the view the link opened with,
    else the chosen regions' outline; None leaves it fitted to the data (or where the
    user moved it)."""
    state = st.session_state
    focus = state.get("map_focus")
    fitted = None
    if regions and not state.get("map_goto"):
        around = region_bounds(regions)
        if around:
            fitted = MapView.of(*view_for_bounds(around, width=MAP_WIDTH_GUESS, height=MAP_HEIGHT))
    # The view a link without `view=` implies: the map's report of it is not a move.
    state["map_fitted"] = fitted
    sent = MapView.of(*focus["center"], focus["zoom"]) if focus else state.get("map_goto") or fitted
    state["map_sent"] = sent
    return sent


def reported_view(value) -> MapView | None:
    """The centre and zoom the map reported, or None when it reported none."""
    if not isinstance(value, dict):
        return None
    center, zoom = value.get("center"), value.get("zoom")
    try:
        return MapView.of(center["lat"], center["lng"], zoom)
    except (KeyError, TypeError, ValueError):
        return None


def _on_map_change() -> None:
    """Runs as the map's callback, before the script, so the sidebar writes the link
    with what it decides: a click on a region filters to it; a pan or zoom becomes the
    link's view when the map really moved (not Leaflet settling on where it was sent)."""
    if _filter_to_clicked_region():
        return
    state = st.session_state
    moved = reported_view(state.get(MAP_KEY))
    if moved is None:
        return
    # Not moves: the view folium opens with (reported before the map is sent on), the
    # view it was sent to, and the one the link already says.
    settled = (OPENING_VIEW, state.get("map_sent"), state.get("map_fitted"), state.get("map_view"))
    if all(moved.moved_from(view) for view in settled):
        state["map_view"] = moved


def clicked_region(value) -> str | None:
    """The region a map click chose: the choropleth's feature carries its name as
    `region`; a click on anything else (a marker, a circle) chooses none."""
    feature = (value or {}).get("last_active_drawing") if isinstance(value, dict) else None
    properties = (feature or {}).get("properties") if isinstance(feature, dict) else None
    region = (properties or {}).get("region") if isinstance(properties, dict) else None
    return region if isinstance(region, str) and region else None


def _filter_to_clicked_region() -> bool:
    """A click on a region filters to it, as picking it in the Region list does; the
    map then fits that region. Says whether it did."""
    region = clicked_region(st.session_state.get(MAP_KEY))
    if region and st.session_state.get("regions") != [region]:
        st.session_state["regions"] = [region]
        forget_map_view()
        return True
    return False


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
