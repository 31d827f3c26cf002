"""Incident records: model, validation, store, import/export, filters, extraction.

Imports `geodata` only; never streamlit or folium.
"""


class IncidentError(Exception):
    """Root of every error raised by incidents."""
