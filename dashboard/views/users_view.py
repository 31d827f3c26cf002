"""The Users view (admins): the accounts, and adding, re-roling and removing them."""

import streamlit as st

from dashboard.auth.gate import current_user
from dashboard.state import changes
from dashboard.state.data import store
from dashboard.views.literal import literal
from incidents import IncidentError
from incidents.rules.access import ROLES
from incidents.storage.users import MIN_PASSWORD, list_users


def render() -> None:
    st.header("Users")
    st.caption(
        "Viewers see the map, data and downloads; editors also import, extract, correct and "
        "dismiss; admins also manage these accounts. Every change here is in `incidents audit`."
    )
    accounts = list_users(store())
    st.dataframe(accounts, hide_index=True, width="stretch", key="users_table")
    with st.form("add_user", clear_on_submit=True):
        st.subheader("Add an account")
        name, role = st.columns(2)
        new_name = name.text_input("User name", key="new_user_name")
        new_role = role.selectbox("Role", ROLES, key="new_user_role")
        password = st.text_input(
            f"Password (at least {MIN_PASSWORD} characters)", type="password", key="new_user_password"
        )
        if st.form_submit_button("Add"):
            _do(lambda: changes.add_account(store(), current_user(), new_name.strip(), new_role, password))
    others = [account["name"] for account in accounts if account["name"] != current_user().name]
    if not others:
        return
    st.subheader("Change an account")
    who, role, act = st.columns([2, 1, 1])
    chosen = who.selectbox("Account", others, key="change_user_name")
    new_role = role.selectbox("Role", ROLES, key="change_user_role")
    if act.button("Set role", key="set_role_button"):
        _do(lambda: changes.set_account_role(store(), current_user(), chosen, new_role))
    if act.button("Remove", key="remove_user_button"):
        _do(lambda: changes.remove_account(store(), current_user(), chosen))


def _do(change) -> None:
    try:
        change()
    except IncidentError as exc:
        st.error(literal(str(exc)))
        return
    st.rerun()
