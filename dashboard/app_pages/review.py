"""The Review page (run by st.navigation in dashboard/app.py): likely matches, merge, split."""

from dashboard.auth.gate import page_allowed
from dashboard.views import review_view
from dashboard.views.context import current_context
from incidents.rules.access import EDIT

# Decisions change the data: editors and admins only.
if page_allowed(EDIT, "review matches"):
    review_view.render(current_context())
