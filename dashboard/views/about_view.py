"""About: where the data comes from, its licences, and how the figures are counted."""

import streamlit as st

from dashboard.views.context import ViewContext

ABOUT = """
**What this is.** A map of drone and missile strikes, shelling and related incidents on
towns and infrastructure in Ukraine and Russia, built to work with no network.

**Where the data comes from.** Every incident keeps its source (name, link, publication
date). The first records were hand-coded from a news report of 2025-07-22 on the strikes of
Sunday 2025-07-20. Imported files (CSV, JSON, GeoJSON, ACLED exports) keep their own sources.

**How places are located.** Place names are matched offline against GeoNames (CC BY 4.0);
country outlines come from Natural Earth (public domain). Online map tiles, when switched on,
are © OpenStreetMap contributors.

**How figures are counted.**
- One incident is one strike event at one place on one day.
- *Killed*, *Injured* and *Households without power* add up the figures the records report.
  A record that does not report a figure is not counted as zero: the page says how many
  records lack each figure.
- Children killed or injured are a part of the killed and injured, not an addition.
- Air-defence figures (launched, shot down, lost) are claims by the reporting side and are
  shown per side, never added across sides.
"""


def render(context: ViewContext) -> None:
    st.markdown(ABOUT)
    st.caption(f"{context.version[1]:,} incidents in the store.")
