"""The sign-in gate in front of every page, and the user the pages act for.

`signed_in_user()` runs in dashboard/app.py before anything reads the incident data:
while sign-in is required and nobody is signed in, the page holds only the sign-in form
and the script stops there, so no record, figure or map is computed, let alone sent.

A session is this browser tab's Streamlit session: it ends when the tab is closed or
reloaded, on "Sign out", and SESSION_HOURS after sign-in at the latest. Each run re-reads
the account, so a removed user is signed out and a changed role applies at once.
"""

import datetime as dt
import math
import os

import streamlit as st

from dashboard.auth.identity import AUTH_ENV, SESSION_HOURS, local_user
from dashboard.cli.serve import is_loopback
from dashboard.views.literal import literal
from incidents.rules.access import User, may
from incidents.storage import users

USER_KEY = "auth_user"  # the User this session acts for
_SIGNED_IN = "auth_signed_in"  # {"name", "at"} of a signed-in session
_NOTE = "auth_note"


def sign_in_required(store) -> bool:
    """`incidents serve` decides ($INCIDENTS_AUTH); started some other way (`streamlit run`),
    sign-in is on when accounts exist and the server may listen beyond loopback (an unset
    server.address listens on every interface)."""
    setting = os.environ.get(AUTH_ENV)
    if setting in ("0", "1"):
        return setting == "1"
    address = st.get_option("server.address") or ""
    return not (address and is_loopback(address)) and users.has_users(store)


def signed_in_user(store, pages) -> User:
    """The user of this session; without one, the sign-in form, and the script stops."""
    if not sign_in_required(store):
        st.session_state[USER_KEY] = local_user()
        return st.session_state[USER_KEY]
    user = _session_user(store)
    if user is None:
        # The pages stay registered (hidden) so the address, e.g. /import?…, survives sign-in.
        st.navigation(pages, position="hidden")
        _sign_in_form(store)
        st.stop()
    st.session_state[USER_KEY] = user
    return user


def current_user() -> User | None:
    """Who this session acts for (set by the gate in this run), or None."""
    return st.session_state.get(USER_KEY)


def sign_out_control(user: User) -> None:
    """Who is signed in, and the button that ends the session (only when signed in)."""
    if _SIGNED_IN not in st.session_state:
        return
    st.sidebar.caption(f"Signed in as **{literal(user.name)}** ({user.role})")
    if st.sidebar.button("Sign out", key="sign_out"):
        _end_session("Signed out.")
        st.rerun()


def page_allowed(action: str, what: str) -> bool:
    """For a page script: True if the session's user may do `action`, else a note saying
    which role it needs (and the page draws nothing else)."""
    user = current_user()
    if may(user, action):
        return True
    role = user.role if user else "nobody"
    st.info(f"Your role ({role}) may not {what}: ask an admin for the editor role.")
    return False


def _session_user(store) -> User | None:
    session = st.session_state.get(_SIGNED_IN)
    if session is None:
        return None
    if dt.datetime.now(dt.UTC) - session["at"] > dt.timedelta(hours=SESSION_HOURS):
        _end_session(f"Your session ended after {SESSION_HOURS} hours: sign in again.")
        return None
    user = users.find_user(store, session["name"])
    if user is None:
        _end_session("Your account no longer exists.")
    return user


def _end_session(note: str) -> None:
    for key in list(st.session_state):
        del st.session_state[key]  # nothing of the session's data outlives it
    st.session_state[_NOTE] = note


def _sign_in_form(store) -> None:
    st.title("Strike incidents")
    if _NOTE in st.session_state:
        st.info(st.session_state.pop(_NOTE))
    with st.form("sign_in"):
        st.subheader("Sign in")
        name = st.text_input("User name", key="sign_in_name", autocomplete="username")
        password = st.text_input(
            "Password", type="password", key="sign_in_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button("Sign in", type="primary")
    if not submitted:
        return
    outcome = users.sign_in(store, name.strip(), password)
    if outcome.wait > 0:
        st.error(
            f"Too many failed sign-ins for this account: try again in {math.ceil(outcome.wait)} seconds."
        )
        return
    if outcome.user is None:
        st.error("Wrong user name or password.")
        return
    st.session_state.pop("sign_in_password", None)
    st.session_state[_SIGNED_IN] = {"name": outcome.user.name, "at": dt.datetime.now(dt.UTC)}
    st.rerun()
