"""The filter controls shared by every view, kept in step with the URL.

On a session's first run the widgets take their values from the query string; after
that the widgets lead and the query string follows, so the address bar is always a
link to the current view.
"""

import datetime as dt
import urllib.parse

import pandas as pd
import streamlit as st

from dashboard.map.background import ONLINE_TILES
from dashboard.map.build import LAYER_TITLES, LAYERS
from dashboard.state.link import ViewState, view_from_query, view_to_query
from dashboard.views.link_limit import link_limit_note
from dashboard.views.literal import literal
from dashboard.views.timebar import date_controls
from incidents.rules.filters import IncidentFilter
from incidents.rules.model import ATTACKERS, EVENT_TYPES

OFFLINE = "offline"
TILE_TITLES = {
    OFFLINE: "Offline basemap",
    "osm": "OpenStreetMap (online)",
    "carto": "CARTO light (online)",
}
ANY = "Any"


def _query_dict() -> dict:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def _load_url_into_state(first: dt.date, last: dt.date) -> None:
    view, problems = view_from_query(_query_dict())
    f = view.record_filter
    state = st.session_state
    state["dates"] = (f.date_from or first, f.date_to or last)
    state["countries"] = list(f.countries)
    state["regions"] = list(f.regions)
    state["places"] = list(f.places)
    state["types"] = list(f.event_types)
    state["attacker"] = f.attacker or ANY
    state["min_killed"] = f.min_killed
    state["min_injured"] = f.min_injured
    state["q"] = f.text or ""
    state["layers"] = list(view.layers)
    state["tiles"] = view.tiles or OFFLINE
    # The link's map view: where the map opens, and what it says after each pan or zoom.
    state["map_view"] = state["map_goto"] = view.map_view
    state["url_problems"] = problems
    state["url_loaded"] = True


def _options(places: pd.DataFrame, column: str, selected_key: str) -> list[str]:
    """Values present in the data, plus any still selected (so a link never loses them)."""
    values = sorted(v for v in places[column].dropna().unique() if v != "")
    kept = [v for v in st.session_state.get(selected_key, []) if v not in values]
    return values + kept


def sidebar_controls(places: pd.DataFrame, first: dt.date, last: dt.date, *, dates: bool = True) -> ViewState:
    """Draw the filters in the sidebar and return the view they describe. `places`: the
    countries, regions and places with incidents (`dashboard.state.queries.places`);
    `first`, `last`: the data's days; `dates`: whether the date controls sit here (the
    Map page draws them above its map)."""
    if not st.session_state.get("url_loaded"):
        _load_url_into_state(first, last)
    for problem in st.session_state.get("url_problems", []):
        st.sidebar.warning(literal(f"Link: {problem}"))
    link_limit_note()

    with st.sidebar:
        st.header("Filters")
        if dates:
            date_controls(first, last)
        st.multiselect("Country", _options(places, "country", "countries"), key="countries")
        scoped = places
        if st.session_state["countries"]:
            scoped = scoped[scoped["country"].isin(st.session_state["countries"])]
        st.multiselect(
            "Region",
            _options(scoped, "admin1", "regions"),
            key="regions",
            help="Oblast or federal subject",
            on_change=forget_map_view,
        )
        if st.session_state["regions"]:
            scoped = scoped[scoped["admin1"].isin(st.session_state["regions"])]
        st.multiselect("Place", _options(scoped, "place", "places"), key="places")
        st.multiselect(
            "Event type", list(EVENT_TYPES), key="types", format_func=lambda v: v.replace("_", " ")
        )
        st.selectbox(
            "Attacker",
            [ANY, *ATTACKERS],
            key="attacker",
            format_func=lambda v: {"RU": "Russia (RU)", "UA": "Ukraine (UA)"}.get(v, v),
        )
        left, right = st.columns(2)
        left.number_input("Min. killed", min_value=0, step=1, key="min_killed")
        right.number_input("Min. injured", min_value=0, step=1, key="min_injured")
        st.text_input("Search place, damage, description", key="q")
        st.multiselect("Map layers", list(LAYERS), key="layers", format_func=LAYER_TITLES.get)
        st.selectbox(
            "Background",
            [OFFLINE, *ONLINE_TILES],
            key="tiles",
            format_func=TILE_TITLES.get,
            help="Online tiles need a connection; without one the offline map still shows.",
        )

    view = current_view()
    write_url(view)
    share_link(view)
    return view


def share_link(view: ViewState) -> None:
    """The link that reopens this view, in a code box with a copy button."""
    query = urllib.parse.urlencode(view_to_query(view), doseq=True, quote_via=urllib.parse.quote)
    base = st.context.url or ""
    with st.sidebar.popover("Copy link to this view", width="stretch"):
        st.code(f"{base}?{query}" if query else base, language=None, wrap_lines=True)


def forget_map_view() -> None:
    """Another region choice: the map fits it, whatever view the link had."""
    for key in ("map_view", "map_goto", "map_focus"):
        st.session_state.pop(key, None)


def current_view() -> ViewState:
    state = st.session_state
    date_from, date_to = state["dates"]
    record_filter = IncidentFilter(
        date_from=date_from,
        date_to=date_to,
        countries=tuple(state["countries"]),
        regions=tuple(state["regions"]),
        places=tuple(state["places"]),
        event_types=tuple(state["types"]),
        attacker=None if state["attacker"] == ANY else state["attacker"],
        min_killed=None if state["min_killed"] is None else int(state["min_killed"]),
        min_injured=None if state["min_injured"] is None else int(state["min_injured"]),
        text=state["q"] or None,
    )
    tiles = None if state["tiles"] == OFFLINE else state["tiles"]
    return ViewState(record_filter, tuple(state["layers"]), tiles, state.get("map_view"))


def write_url(view: ViewState) -> None:
    """The address bar says `view`: a fragment's rerun (the Map page's dates) calls it too."""
    wanted = view_to_query(view)
    if wanted != {k: (v if len(v) > 1 else v[0]) for k, v in _query_dict().items()}:
        st.query_params.from_dict(wanted)
