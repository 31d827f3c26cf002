"""What every view gets from the frame: the store's data, the view and its records."""

import dataclasses

import pandas as pd
import streamlit as st

from dashboard.state.link import ViewState
from incidents.rules.filters import IncidentFilter


@dataclasses.dataclass(frozen=True)
class ViewContext:
    view: ViewState
    all_incidents: pd.DataFrame
    incidents: pd.DataFrame  # the filtered records
    air_defence: list[dict]  # reports in the filtered date range
    version: tuple


# Where the frame leaves this run's context for the page script that st.navigation runs
# next: session state is per browser session, so two users never see each other's.
_CONTEXT_KEY = "view_context"


def share_context(context: ViewContext) -> None:
    """Hand this run's context to the page about to run (called by dashboard/app.py)."""
    st.session_state[_CONTEXT_KEY] = context


def current_context() -> ViewContext:
    """The context the frame built in this run, for a page script in dashboard/app_pages/."""
    return st.session_state[_CONTEXT_KEY]


def in_date_range(reports: list[dict], record_filter: IncidentFilter) -> list[dict]:
    """Air-defence reports inside the filter's dates (they have no place to filter on)."""
    low = record_filter.date_from.isoformat() if record_filter.date_from else ""
    high = record_filter.date_to.isoformat() if record_filter.date_to else "9999-12-31"
    return [r for r in reports if low <= str(r["date"]) <= high]
