"""The Review view: likely matches side by side, with merge and keep apart; split for an
incident of several reports. Every decision goes into the records' history, by name."""

import pandas as pd
import streamlit as st

from dashboard.auth.gate import current_user
from dashboard.state import changes
from dashboard.state.data import forget_cached_data, store
from dashboard.state.review import FIGURE_RULE, distance_text, side_by_side
from dashboard.views.literal import literal
from incidents import IncidentError

SHOWN_MATCHES = 50


def render(context=None) -> None:
    st.header("Review matches")
    st.caption(literal(f"An incident's figures: {FIGURE_RULE}."))
    opened = store()
    matches = opened.matches()
    if not matches:
        st.info("No likely matches are waiting for review.")
    records = _records(opened, {m["incident"] for m in matches} | {m["candidate"] for m in matches})
    told = opened.reports(list(records))
    for number, match in enumerate(matches[:SHOWN_MATCHES]):
        incident, candidate = records.get(match["incident"]), records.get(match["candidate"])
        if incident is None or candidate is None:
            continue
        with st.container(border=True):
            st.subheader(literal(f"{incident['place']} and {candidate['place']}"))
            st.caption(literal(f"Why: {match['why']} ({distance_text(incident, candidate)})"))
            table = pd.DataFrame(side_by_side(incident, candidate, told))
            st.dataframe(table, hide_index=True, use_container_width=True)
            merge, apart = st.columns(2)
            if merge.button("Merge: one strike", key=f"merge_{number}"):
                _decide(changes.merge_incidents, opened, match["incident"], [match["candidate"]], "Merged.")
            if apart.button("Keep apart: two strikes", key=f"apart_{number}"):
                _decide(changes.keep_apart, opened, match["incident"], match["candidate"], "Kept apart.")
    if len(matches) > SHOWN_MATCHES:
        st.caption(f"{len(matches) - SHOWN_MATCHES} more; `incidents matches` lists them all.")
    _split_section(opened)


def _split_section(opened) -> None:
    consolidated = opened.consolidated()
    st.subheader("Incidents of several reports")
    if not consolidated:
        st.caption("None yet.")
        return
    labels = {
        identifier: f"{identifier} ({item['reports']} reports"
        + (f", conflicting {item['conflicts']})" if item["conflicts"] else ")")
        for identifier, item in sorted(consolidated.items())
    }
    chosen = st.selectbox("Incident", list(labels), format_func=lambda key: labels[key], key="split_choice")
    reports = opened.reports([chosen]).get(chosen, [])
    st.dataframe(pd.DataFrame(reports), hide_index=True, use_container_width=True)
    if st.button("Split: every report its own incident again", key="split_button"):
        _decide(changes.split_incident, opened, chosen, "Split.")


def _decide(decision, opened, *arguments) -> None:
    """One decision by the signed-in (or local) user; refused unless the role may edit."""
    *args, message = arguments
    try:
        decision(opened, current_user(), *args)
    except IncidentError as exc:
        st.error(literal(str(exc)))
        return
    forget_cached_data()
    st.success(message)
    st.rerun()


def _records(opened, ids: set[str]) -> dict[str, dict]:
    return opened.incidents_by_id(ids) if ids else {}
