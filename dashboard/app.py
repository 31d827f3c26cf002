"""The dashboard's entry script: `streamlit run dashboard/app.py` (or `incidents serve`).

The frame: page setup, the shared filter controls, then the chosen view. Errors from
the store become a message; no traceback reaches a user.
"""

import streamlit as st

from dashboard.assets import ensure_static_assets
from dashboard.controls import sidebar_controls
from dashboard.data import air_defence_reports, data_version, incidents_frame
from dashboard.text import literal
from dashboard.views import about_view, data_view, import_view, map_view
from dashboard.views.context import ViewContext, in_date_range
from incidents import IncidentError

st.set_page_config(page_title="Strike incidents", layout="wide")
# The tables' own "Download as CSV" writes cells as they are: a value like `=1+1` would
# run in a spreadsheet. The Data page's downloads are neutralised; these are switched off.
st.set_option("client.disableDataExport", True)
ensure_static_assets()

try:
    version = data_version()
    everything = incidents_frame(version)
    reports = air_defence_reports(version)
except IncidentError as exc:
    st.error(literal(f"The incident store cannot be read: {exc}"))
    st.stop()

view = sidebar_controls(everything)
record_filter = view.record_filter
context = ViewContext(
    view=view,
    all_incidents=everything,
    incidents=everything[record_filter.mask(everything)],
    air_defence=in_date_range(reports, record_filter),
    version=version,
)


def page(module, title: str, *, default: bool = False) -> st.Page:
    return st.Page(
        lambda: module.render(context),
        title=title,
        default=default,
        url_path=None if default else title.lower(),
    )


pages = [
    page(map_view, "Map", default=True),
    page(data_view, "Data"),
    page(import_view, "Import"),
]
try:
    from dashboard.views import extract_view

    pages.append(page(extract_view, "Extract"))
except ImportError:
    pass
pages.append(page(about_view, "About"))

st.title("Strike incidents")
st.navigation(pages, position="top").run()
