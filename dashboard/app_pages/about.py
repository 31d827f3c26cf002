"""The About page (run by st.navigation in dashboard/app.py)."""

from dashboard.views import about_view
from dashboard.views.context import current_context

about_view.render(current_context())
