"""The Extract page (run by st.navigation in dashboard/app.py)."""

from dashboard.views import extract_view
from dashboard.views.context import current_context

extract_view.render(current_context())
