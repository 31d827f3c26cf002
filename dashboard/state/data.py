"""The dashboard's store, opened once per process, and the version of its data.

What the views show is asked through `dashboard.state.queries`, cached by that version.
"""

import streamlit as st

from incidents.storage.history import revised_text
from incidents.storage.store import Store, default_db_url


def store() -> Store:
    """The store named by INCIDENTS_DB (or the embedded file), seeded on first use."""
    return _open_store(default_db_url())


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    # Keyed by URL, so a changed INCIDENTS_DB (tests, a second app) never reads another store.
    opened = Store(url)
    opened.load_seed_if_empty()
    return opened


def data_version() -> tuple:
    """Identifies the stored data: every cached answer (dashboard.state.queries) is keyed
    by it, so an import or a correction, in this process or another, is seen at the
    next rerun."""
    return (store().url, *store().change_mark())


def revised_texts(ids: list[str]) -> dict[str, str]:
    """{id: its latest change in words ("injured 2 → 5 (2025-07-21)")} for those of the
    incidents `ids` an import changed: one query, for the rows a view shows."""
    return {identifier: revised_text(latest) for identifier, latest in store().revised_ids(ids).items()}


def forget_cached_data() -> None:
    """After this process changed the data: its cached answers go at once (the data
    version would retire them at the next rerun anyway)."""
    st.cache_data.clear()
