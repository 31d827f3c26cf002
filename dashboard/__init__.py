"""The Streamlit dashboard, folium map building, snapshot export and the CLI (top layer)."""
