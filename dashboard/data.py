"""The dashboard's access to the store, cached across reruns."""

import streamlit as st

from incidents.store import Store


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """The store named by INCIDENTS_DB (or the embedded file), seeded on first use."""
    opened = Store()
    opened.load_seed_if_empty()
    return opened


@st.cache_data(show_spinner=False, ttl=60)
def all_incidents() -> list[dict]:
    return store().read_incidents()
