"""The Data page (run by st.navigation in dashboard/app.py)."""

from dashboard.views import data_view
from dashboard.views.context import current_context

data_view.render(current_context())
