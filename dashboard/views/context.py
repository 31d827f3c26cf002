"""What every view gets from the frame: the view the controls describe, and the data's version."""

import dataclasses
import datetime as dt

import streamlit as st

from dashboard.state.link import ViewState
from incidents.rules.filters import IncidentFilter


@dataclasses.dataclass(frozen=True)
class ViewContext:
    view: ViewState
    version: tuple  # dashboard.state.data.data_version(): what cached answers are keyed by
    data_days: tuple[dt.date, dt.date]  # the first and last day of the stored data

    @property
    def record_filter(self) -> IncidentFilter:
        return self.view.record_filter


# Where the frame leaves this run's context for the page script that st.navigation runs
# next: session state is per browser session, so two users never see each other's.
_CONTEXT_KEY = "view_context"


def share_context(context: ViewContext) -> None:
    """Hand this run's context to the page about to run (called by dashboard/app.py)."""
    st.session_state[_CONTEXT_KEY] = context


def current_context() -> ViewContext:
    """The context the frame built in this run, for a page script in dashboard/app_pages/."""
    return st.session_state[_CONTEXT_KEY]
