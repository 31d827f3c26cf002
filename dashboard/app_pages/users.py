"""The Users page (run by st.navigation in dashboard/app.py; listed for admins only)."""

from dashboard.auth.gate import page_allowed
from dashboard.views import users_view
from incidents.rules.access import MANAGE_USERS

if page_allowed(MANAGE_USERS, "manage accounts"):
    users_view.render()
