"""The served process draws the first view before it listens (dashboard.cli.served)."""

import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.cli import served
from dashboard.cli.serve import APP
from incidents.storage import queries


def test_the_first_view_drawn_ahead_leaves_the_first_visitor_nothing_to_ask(tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENTS_DB", f"sqlite:///{tmp_path / 'incidents.sqlite'}")
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        said = served.draw_first_view(str(APP))
        assert said.startswith("incidents serve: first view drawn ahead in "), said
        # The map's component, declared while drawing: registered with the server's runtime later.
        assert [component.name for component in served._DECLARED_AHEAD] == ["streamlit_folium.st_folium"]
        asked = []
        first_view = ("per_day", "places", "date_span", "points", "point_bounds", "table_page")
        for name in (*first_view, "reports_behind"):
            monkeypatch.setattr(queries, name, lambda *args, _name=name, **kwargs: asked.append(_name))
        visitor = AppTest.from_file(str(APP), default_timeout=60).run()
        assert not visitor.exception and not visitor.error
        assert visitor.metric[0].value == "4"  # the seed's incidents, from the cache
        # The map, drawn, reports its view: the table under it is also in the cache.
        served.run_after_map_report(visitor)
        assert not visitor.exception and not visitor.error
        assert len(visitor.dataframe) == 2  # the incidents and the air-defence claims
        assert asked == []
    finally:
        served._DECLARED_AHEAD.clear()
        st.cache_data.clear()
        st.cache_resource.clear()


def test_a_first_view_that_cannot_be_drawn_says_so_and_the_server_still_starts(tmp_path, monkeypatch):
    (tmp_path / "not-a-database.sqlite").write_text("not SQLite")
    monkeypatch.setenv("INCIDENTS_DB", f"sqlite:///{tmp_path / 'not-a-database.sqlite'}")
    st.cache_resource.clear()
    try:
        said = served.draw_first_view(str(APP))
    finally:
        st.cache_resource.clear()
    assert said.startswith("incidents serve: the first view drawn ahead shows an error ("), said


def test_a_first_view_that_takes_too_long_is_left_to_the_first_visitor(tmp_path, monkeypatch):
    import threading
    import time

    from streamlit.runtime import Runtime

    monkeypatch.setenv("INCIDENTS_DB", f"sqlite:///{tmp_path / 'incidents.sqlite'}")
    monkeypatch.setattr(served, "WARM_TIMEOUT_S", 0.01)
    st.cache_resource.clear()
    try:
        said = served.draw_first_view(str(APP))
        assert said.startswith("incidents serve: the first view was not drawn ahead ("), said
        assert "timed out" in said
        assert not Runtime.exists()  # the server's own runtime can start
    finally:
        deadline = time.monotonic() + 60  # the abandoned run ends on its own
        while any("ScriptRunner" in t.name for t in threading.enumerate()) and time.monotonic() < deadline:
            time.sleep(0.1)
        st.cache_data.clear()
        st.cache_resource.clear()
