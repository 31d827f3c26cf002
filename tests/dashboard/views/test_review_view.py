"""The Review page: a likely match shown side by side, merged or kept apart by a click."""

from streamlit.testing.v1 import AppTest

from dashboard.auth.gate import USER_KEY
from dashboard.state.review import side_by_side
from incidents.importing.importer import import_file
from incidents.rules.access import User
from incidents.storage import audit
from incidents.storage.store import Store
from tests.incidents.storage.test_reports import write
from tests.incidents.test_cli_review import FIRST, NEAR

SCRIPT = """
from dashboard.views import review_view
review_view.render()
"""


def test_a_likely_match_is_shown_side_by_side_and_kept_apart(db_url, tmp_path):
    store = Store(db_url)
    store.load_seed_if_empty()
    import_file(store, write(tmp_path / "likely.csv", FIRST, NEAR))
    [match] = store.matches()
    records = store.incidents_by_id([match["incident"], match["candidate"]])
    rows = side_by_side(records[match["incident"]], records[match["candidate"]], {})
    killed = next(row for row in rows if row["field"] == "killed")
    assert (killed["incident"], killed["candidate"], killed["differs"]) == ("not reported", "1", False)
    assert rows[-1]["incident"] == "Okhtyrka city council (official regional post)"

    app = AppTest.from_string(SCRIPT, default_timeout=60)
    app.session_state[USER_KEY] = User("ed", "editor")
    app.run()
    assert not app.exception
    assert "Okhtyrka" in app.subheader[0].value
    app.button(key="apart_0").click().run()
    assert not app.exception
    assert store.matches() == [] and store.decisions(match["incident"])[0]["decision"] == "kept_apart"
    assert "No likely matches" in app.info[0].value
    [entry] = [e for e in audit.entries(store) if e["action"] == "keep apart"]
    assert entry["who"] == "ed" and match["incident"] in entry["what"]


def test_a_viewers_decision_is_refused_by_the_code_that_makes_it(db_url, tmp_path):
    store = Store(db_url)
    store.load_seed_if_empty()
    import_file(store, write(tmp_path / "likely.csv", FIRST, NEAR))
    app = AppTest.from_string(SCRIPT, default_timeout=60)
    app.session_state[USER_KEY] = User("vi", "viewer")
    app.run()
    app.button(key="merge_0").click().run()
    assert "not allowed" in app.error[0].value
    assert len(store.matches()) == 1 and store.consolidated() == {}
