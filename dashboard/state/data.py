"""The dashboard's store, opened once per process, and the version of its data.

What the views show is asked through `dashboard.state.queries`, cached by that version.
"""

from collections.abc import Callable

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


# The caches of `shared_answer`, emptied with the others by `forget_cached_data`.
_SHARED_CACHES: list = []


def shared_answer(*, max_entries: int) -> Callable:
    """Caches an answer per process, as `st.cache_data` does, but hands every caller the
    one cached object instead of a copy: `st.cache_data` unpickles its value at every
    call, which for a series of days, a map's cells and a page of rows cost about 0.04 s
    of every slider move. The callers only read what they are given."""

    def cache(function: Callable) -> Callable:
        cached = st.cache_resource(show_spinner=False, max_entries=max_entries)(function)
        _SHARED_CACHES.append(cached)
        return cached

    return cache


def forget_cached_data() -> None:
    """After this process changed the data: its cached answers go at once (the data
    version would retire them at the next rerun anyway)."""
    st.cache_data.clear()
    for cached in _SHARED_CACHES:
        cached.clear()
