"""The dashboard's entry script: `streamlit run dashboard/app.py` (or `incidents serve`).

The frame: page setup, the shared filter controls, then the chosen page (a script in
dashboard/app_pages/, drawing its view with the context built here). Errors from the store
become a message; no traceback reaches a user.
"""

from pathlib import Path

import streamlit as st

from dashboard.map.assets import ensure_static_assets
from dashboard.state.data import air_defence_reports, data_version, incidents_frame
from dashboard.views.context import ViewContext, in_date_range, share_context
from dashboard.views.literal import literal
from dashboard.views.sidebar import sidebar_controls
from incidents import IncidentError

PAGES = Path(__file__).resolve().parent / "app_pages"

st.set_page_config(page_title="Strike incidents", layout="wide")
# The tables' own "Download as CSV" writes cells as they are: a value like `=1+1` would
# run in a spreadsheet. The Data page's downloads are neutralised; these are switched off
# (.streamlit/config.toml and `incidents serve` say so too; this covers any other start).
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
share_context(
    ViewContext(
        view=view,
        all_incidents=everything,
        incidents=everything[record_filter.mask(everything)],
        air_defence=in_date_range(reports, record_filter),
        version=version,
    )
)


def page(title: str, *, default: bool = False) -> st.Page:
    """The page file named after `title`, at /<title in lower case> (the default at /)."""
    name = title.lower()
    return st.Page(PAGES / f"{name}.py", title=title, default=default, url_path=None if default else name)


st.title("Strike incidents")
st.navigation(
    [page("Map", default=True), page("Data"), page("Import"), page("Extract"), page("About")],
    position="top",
).run()
