"""A note when the page was opened with a link longer than Streamlit reads.

Streamlit ignores the whole query string of a link with more than 1,000 fields or
512 Ki characters (streamlit.runtime.state.query_params), so such a link would open
the default view with no word that its filters were dropped. The server never sees
that query string; the browser still has it, as the URL the page was loaded from
(the navigation entry, which Streamlit's later URL updates do not change), so a
small component compares it with the limits and says so in the sidebar.
"""

import streamlit as st

# Streamlit's own limits (CLIENT_STATE_QUERY_STRING_MAX_FIELDS / _MAX_LENGTH).
MAX_LINK_FIELDS = 1000
MAX_LINK_CHARACTERS = 512 * 1024

_JS = """
export default function (component) {
    const { data, parentElement } = component;
    const entry = performance.getEntriesByType("navigation")[0];
    const url = new URL(entry ? entry.name : window.location.href);
    const query = url.search.replace(/^\\?/, "");
    const fields = query ? query.split("&").length : 0;
    let box = parentElement.querySelector(".link-limit");
    if (!box) {
        box = document.createElement("div");
        box.className = "link-limit";
        box.setAttribute("role", "alert");
        parentElement.appendChild(box);
    }
    if (fields > data.maxFields || query.length > data.maxCharacters) {
        box.textContent = "Link: this link has " + fields.toLocaleString("en") + " query fields and "
            + query.length.toLocaleString("en") + " characters; the server reads at most "
            + data.maxFields.toLocaleString("en") + " fields and "
            + data.maxCharacters.toLocaleString("en")
            + " characters, so none of its filters were applied. Shorten the link "
            + "(fewer places or regions) and open it again.";
        box.style.display = "block";
    } else {
        box.style.display = "none";
    }
}
"""

_CSS = """
.link-limit {
    padding: 0.75rem 1rem; border-radius: 0.5rem; font-size: 0.875rem;
    background: rgba(255, 189, 69, 0.2); color: var(--st-text-color, inherit);
}
"""

_link_limit = st.components.v2.component("incidents_link_limit", js=_JS, css=_CSS)


def link_limit_note() -> None:
    """Mount the check (in the sidebar): it shows a note only for a link over the limits."""
    with st.sidebar:
        _link_limit(
            data={"maxFields": MAX_LINK_FIELDS, "maxCharacters": MAX_LINK_CHARACTERS},
            key="link_limit",
        )
