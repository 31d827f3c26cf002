"""The Map view (default): totals, the map, the timeline, air-defence claims, the table."""

import dataclasses

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard.map.build import (
    DEFAULT_CENTRE,
    DEFAULT_ZOOM,
    base_map,
    layer_groups,
    region_bounds,
    view_for_bounds,
)
from dashboard.state import queries as asked
from dashboard.state.data import data_version
from dashboard.state.link import MapView
from dashboard.views import timebar
from dashboard.views import widgets as figures
from dashboard.views.context import ViewContext
from dashboard.views.sidebar import current_view, forget_map_view, write_url

FOCUS_ZOOM = 10
MAP_KEY = "map"
FULL_RUN_KEY = "map_full_run"  # set by a callback whose change the whole page must show
MAP_HEIGHT = 560
# The map takes the page's width, which the server does not know; a region is fitted
# as if the map were this wide (a wider map shows a little more around it).
MAP_WIDTH_GUESS = 800
OPENING_VIEW = MapView.of(*DEFAULT_CENTRE, DEFAULT_ZOOM)
# Rows per table page: what a screen shows in a few scrolls, fetched sorted by the store.
TABLE_ROWS = 100


def render(context: ViewContext) -> None:
    # While Play runs, the fragment reruns on its own every step; a full run sets it.
    every = timebar.play_speed() if timebar.playing() else None
    st.fragment(_live, run_every=every)(context)


def _live(context: ViewContext) -> None:
    """The time controls, the totals, the map, the timeline and the table: what a change
    of dates (slider, typed, brushed, Play) redraws, without the rest of the page."""
    # Play started, stopped or changed speed (a full run sets the fragment's timer), or a
    # click on the map chose a region (the sidebar shows the filters): the whole page runs.
    if timebar.play_changed() or st.session_state.pop(FULL_RUN_KEY, False):
        st.rerun(scope="app")
    timebar.tick()
    # Read again at every run of the fragment: another process's import shows at once.
    version = data_version()
    # The time controls sit above the totals and the map but are drawn after them: the
    # dates they show are already chosen (their callbacks ran before this), and the
    # browser has the new totals and map sooner.
    time_bar = st.container(border=True)
    view = current_view()
    write_url(view)
    record_filter = view.record_filter
    shown = figures.totals_row(version, record_filter)
    figures.no_incidents_message(shown.incidents)
    only_visible = st.session_state.get("only_visible", False)
    bounds = show_map(version, view, want_bounds=only_visible)
    if upcoming := timebar.next_window():
        following = dataclasses.replace(record_filter, date_from=upcoming[0], date_to=upcoming[1])
        asked.ask_ahead(version, following, regions="regions" in view.layers)
    per_day = figures.daily_series(version, context.record_filter)
    with time_bar:
        timebar.date_controls(*context.data_days, compact=True, held=timebar.playing())
        timebar.play_controls(per_day)
    if not map_reported():
        # What lies under the map waits for the map's first report of its view, which it
        # sends as it is drawn and which reruns this fragment anyway: a page just opened
        # then has the browser draw the totals and the map with nothing else competing
        # (the timeline's chart and the table's grid cost it about 0.6 s of a first view).
        st.caption("The timeline and the table follow once the map is drawn.")
        return
    figures.timeline(per_day, st.session_state["dates"], on_brush=_brushed)
    incident_table(version, record_filter, bounds)
    figures.air_defence_panel(asked.air_defence(version, record_filter.date_from, record_filter.date_to))


def _brushed() -> None:
    """A range dragged on the timeline becomes the dates (within the data's days)."""
    chosen = figures.brushed_range(st.session_state.get(figures.TIMELINE_KEY))
    if chosen:
        low, high = timebar.slider_bounds(*st.session_state["data_days"])
        timebar.set_dates(max(chosen[0], low), min(chosen[1], high))


def show_map(version: tuple, view, *, want_bounds: bool):
    """The map; returns its current bounds when the table needs them."""
    fmap = base_map(tiles=view.tiles, served=True)
    # The base map must not change with the filters, or the iframe remounts: its view
    # comes from the whole data set; the filtered records travel as layers.
    bounds = asked.point_bounds(version)
    if bounds:
        fmap.fit_bounds(bounds, padding=(30, 30), max_zoom=9)
        centre = view_for_bounds(bounds, width=MAP_WIDTH_GUESS, height=MAP_HEIGHT)[:2]
        st.session_state["map_data_centre"] = centre
    target = map_target(view.record_filter.regions)
    result = st_folium(
        fmap,
        feature_group_to_add=layer_groups(
            asked.map_data(version, view.record_filter, regions="regions" in view.layers),
            layers=view.layers,
            revised=asked.revised_in(version),
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


def map_reported() -> bool:
    """Whether the map drawn on this page has reported its view (streamlit-folium's
    value holds no centre until it has)."""
    return reported_view(st.session_state.get(MAP_KEY)) is not None


def report_of(view: MapView) -> dict:
    """The value the map reports when it is drawn showing `view` (what `reported_view`
    reads), for a run without a browser that must go on as a drawn map's would."""
    return {"center": {"lat": view.lat, "lng": view.lon}, "zoom": view.zoom, "last_active_drawing": None}


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
    # view it was fitted to, the view it was sent to, and the one the link already says.
    settled = (OPENING_VIEW, state.get("map_sent"), state.get("map_fitted"), state.get("map_view"))
    # Nor the base map's fit to all the data: its centre is known, its zoom depends on
    # the map's width in the browser, so any zoom there is that fit.
    around = state.get("map_data_centre")
    if around is not None:
        settled += (MapView.of(*around, moved.zoom),)
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
        st.session_state[FULL_RUN_KEY] = True
        forget_map_view()
        return True
    return False


def _box(bounds) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) of the bounds the map reported, None if it reported none."""
    try:
        box = (
            bounds["_southWest"]["lat"],
            bounds["_southWest"]["lng"],
            bounds["_northEast"]["lat"],
            bounds["_northEast"]["lng"],
        )
    except (KeyError, TypeError):
        return None
    return None if None in box else tuple(float(edge) for edge in box)


def incident_table(version: tuple, record_filter, bounds) -> None:
    st.subheader("Incidents")
    toggle, *controls = st.columns([2, 2, 1, 1], vertical_alignment="bottom")
    toggle.toggle("Only what the map shows", key="only_visible")
    within = _box(bounds) if st.session_state.get("only_visible") else None
    shown, event = figures.paged_table(
        version, record_filter, key="incident_table", rows=TABLE_ROWS, within=within, selectable=True,
        controls=controls,
    )  # fmt: skip
    if event is not None:
        st.caption("Select a row to bring the map to it; the Data page downloads every row.")
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
                st.rerun(scope="fragment")
