"""The dashboard's access to the store, cached across reruns and sessions.

Frames are cached by a data version (row count and latest import), so an import
shows at once while a filter change never reads the database again.
"""

import pandas as pd
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
    """Identifies the stored data: the cached frames below are keyed by it."""
    batches = store().batches()
    return store().url, store().count(), batches[-1]["id"] if batches else None


@st.cache_data(show_spinner="Loading incidents…", max_entries=2)
def incidents_frame(version: tuple) -> pd.DataFrame:
    return store().query()


@st.cache_data(show_spinner=False, max_entries=2)
def air_defence_reports(version: tuple) -> list[dict]:
    return store().read_air_defence()


@st.cache_data(show_spinner=False, max_entries=2)
def consolidated(version: tuple) -> dict[str, dict]:
    """The incidents of several reports ({id: {"reports", "conflicts"}}): few, read once
    per data version, for the totals' "N incidents from M reports"."""
    return store().consolidated()


def revised_texts(ids: list[str]) -> dict[str, str]:
    """{id: its latest change in words ("injured 2 → 5 (2025-07-21)")} for those of the
    incidents `ids` an import changed: one query, for the rows a view shows."""
    return {identifier: revised_text(latest) for identifier, latest in store().revised_ids(ids).items()}


def forget_cached_data() -> None:
    incidents_frame.clear()
    air_defence_reports.clear()
    consolidated.clear()
