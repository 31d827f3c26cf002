"""The dashboard's entry script: `streamlit run dashboard/app.py` (or `incidents serve`)."""

import streamlit as st
from streamlit_folium import st_folium

from dashboard.assets import ensure_static_assets
from dashboard.data import all_incidents
from dashboard.mapview import incident_map
from incidents import IncidentError

st.set_page_config(page_title="Strike incidents", layout="wide")
ensure_static_assets()

st.title("Strike incidents")
try:
    incidents = all_incidents()
except IncidentError as exc:
    st.error(f"The incident store cannot be read: {exc}")
    st.stop()

st.caption(f"{len(incidents)} incidents. Markers: red = attack by Russia, blue = attack by Ukraine.")
st_folium(incident_map(incidents), height=600, use_container_width=True, returned_objects=[], key="map")
