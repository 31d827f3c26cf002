"""The Map page (run by st.navigation in dashboard/app.py)."""

from dashboard.views import map_view
from dashboard.views.context import current_context

map_view.render(current_context())
