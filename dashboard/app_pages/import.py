"""The Import page (run by st.navigation in dashboard/app.py)."""

from dashboard.views import import_view
from dashboard.views.context import current_context

import_view.render(current_context())
