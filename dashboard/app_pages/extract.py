"""The Extract page (run by st.navigation in dashboard/app.py)."""

from dashboard.auth.gate import page_allowed
from dashboard.views import extract_view
from dashboard.views.context import current_context
from incidents.rules.access import EDIT

# Only listed for editors and admins (dashboard/app.py); and the code that stores refuses others.
if page_allowed(EDIT, "save extracted records"):
    extract_view.render(current_context())
