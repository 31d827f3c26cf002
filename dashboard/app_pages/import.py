"""The Import page (run by st.navigation in dashboard/app.py)."""

from dashboard.auth.gate import page_allowed
from dashboard.views import import_view
from dashboard.views.context import current_context
from incidents.rules.access import EDIT

# Only listed for editors and admins (dashboard/app.py); and the code that stores refuses others.
if page_allowed(EDIT, "import or correct data"):
    import_view.render(current_context())
