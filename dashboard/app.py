"""The dashboard's entry script: `streamlit run dashboard/app.py` (or `incidents serve`)."""

import streamlit as st
from streamlit_folium import st_folium

from dashboard.assets import ensure_static_assets
from dashboard.data import all_incidents
from dashboard.mapview import DEFAULT_LAYERS, base_map, data_bounds, as_frame, layer_groups
from incidents import IncidentError

import folium

st.set_page_config(page_title="Strike incidents", layout="wide")
ensure_static_assets()

st.title("Strike incidents")
try:
    incidents = all_incidents()
except IncidentError as exc:
    st.error(f"The incident store cannot be read: {exc}")
    st.stop()

layers = st.multiselect("Layers", ["incidents", "casualties", "outages", "regions", "heat"], default=list(DEFAULT_LAYERS))
frame = as_frame(incidents)
bounds = data_bounds(frame)
fmap = base_map()
if bounds:
    fmap.fit_bounds(bounds, padding=(30, 30), max_zoom=9)
st_folium(
    fmap,
    feature_group_to_add=layer_groups(frame, layers=layers),
    layer_control=folium.LayerControl(collapsed=False),
    height=600,
    use_container_width=True,
    returned_objects=[],
    key="map",
)
