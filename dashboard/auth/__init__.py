"""Sign-in and roles for a dashboard shared with a team (`incidents serve --auth`).

The rules (roles, who may do what) are `incidents.rules.access`; the accounts and the
failed-sign-in counts are in the store (`incidents.storage.users`). Here: who the local
user is, and the Streamlit gate in front of every page (`dashboard.auth.gate`).
"""
