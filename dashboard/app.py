"""The dashboard's entry script: `streamlit run dashboard/app.py` (or `incidents serve`).

The frame: page setup, the sign-in gate, the shared filter controls, then the chosen page
(a script in dashboard/app_pages/, drawing its view with the context built here). Errors
from the store become a message; no traceback reaches a user.
"""

from pathlib import Path

import streamlit as st

from dashboard.auth.gate import sign_out_control, signed_in_user
from dashboard.cli.served import register_components_drawn_ahead
from dashboard.map.assets import ensure_static_assets
from dashboard.state import queries as asked
from dashboard.state.data import data_version, store
from dashboard.views.context import ViewContext, share_context
from dashboard.views.literal import literal
from dashboard.views.sidebar import sidebar_controls
from dashboard.views.timebar import data_days
from incidents import IncidentError
from incidents.rules.access import EDIT, MANAGE_USERS, may

PAGES = Path(__file__).resolve().parent / "app_pages"
# The pages that change the data (editors and admins), and the accounts (admins only).
NEEDS = {"Import": EDIT, "Extract": EDIT, "Review": EDIT, "Users": MANAGE_USERS}


def page(title: str, *, default: bool = False) -> st.Page:
    """The page file named after `title`, at /<title in lower case> (the default at /)."""
    name = title.lower()
    return st.Page(PAGES / f"{name}.py", title=title, default=default, url_path=None if default else name)


def pages_for(user) -> list[st.Page]:
    """The pages a user's role sees (all of them: None, while nobody is signed in, so the
    address asked for, e.g. /import?..., survives the sign-in form)."""
    titles = ["Map", "Data", "Import", "Extract", "Review", "Users", "About"]
    if user is not None:
        titles = [title for title in titles if title not in NEEDS or may(user, NEEDS[title])]
    return [page(title, default=title == "Map") for title in titles]


st.set_page_config(page_title="Strike incidents", layout="wide")
# The tables' own "Download as CSV" writes cells as they are: a value like `=1+1` would
# run in a spreadsheet. The Data page's downloads are neutralised; these are switched off
# (.streamlit/config.toml and `incidents serve` say so too; this covers any other start).
st.set_option("client.disableDataExport", True)
ensure_static_assets()
register_components_drawn_ahead()  # the server drew a first view before it listened

try:
    # Before anything reads the incident data: with sign-in on and nobody signed in, the
    # page holds the sign-in form only and the script stops inside.
    user = signed_in_user(store(), pages_for(None))
    version = data_version()
    first, last = data_days(asked.date_span(version))
    places = asked.places(version)
except IncidentError as exc:
    st.error(literal(f"The incident store cannot be read: {exc}"))
    st.stop()

sign_out_control(user)
navigation = st.navigation(pages_for(user), position="top")
# The Map page draws the date controls above its map, where moving them redraws the
# totals, the map and the timeline alone (dashboard.views.map_view).
view = sidebar_controls(places, first, last, dates=navigation.title != "Map")
share_context(ViewContext(view=view, version=version, data_days=(first, last)))

st.title("Strike incidents")
navigation.run()
