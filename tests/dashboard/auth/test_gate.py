"""The sign-in gate, in-process (AppTest on the real app and a fresh store): the form
alone until signed in, sessions that end after SESSION_HOURS, pages by role."""

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth.identity import AUTH_ENV, SESSION_HOURS, os_user_name
from incidents.storage import users
from incidents.storage.store import Store

APP = str(Path(__file__).resolve().parents[3] / "dashboard" / "app.py")


@pytest.fixture
def accounts(db_url, monkeypatch):
    store = Store(db_url)
    users.add_user(store, "vera", "viewer", "viewer-password-1", by="test")
    users.add_user(store, "ed", "editor", "editor-password-1", by="test")
    store.close()
    monkeypatch.setenv(AUTH_ENV, "1")


def app(session: dict | None = None) -> AppTest:
    test = AppTest.from_file(APP, default_timeout=120)
    if session is not None:
        test.session_state["auth_signed_in"] = session
    return test.run()


def test_the_form_alone_until_signed_in(accounts):
    test = app()
    assert not test.exception
    assert [button.label for button in test.button] == ["Sign in"]
    assert len(test.metric) == 0 and len(test.dataframe) == 0 and len(test.sidebar) == 0


def test_a_session_ends_after_its_hours(accounts):
    fresh = app({"name": "ed", "at": dt.datetime.now(dt.UTC)})
    assert [metric.label for metric in fresh.metric][:1] == ["Incidents"]
    stale = app({"name": "ed", "at": dt.datetime.now(dt.UTC) - dt.timedelta(hours=SESSION_HOURS, minutes=1)})
    assert len(stale.metric) == 0
    assert any(f"after {SESSION_HOURS} hours" in info.value for info in stale.info)


def test_a_removed_account_is_signed_out_at_once(accounts, db_url):
    users.remove_user(Store(db_url), "ed", by="test")
    test = app({"name": "ed", "at": dt.datetime.now(dt.UTC)})
    assert len(test.metric) == 0 and [button.label for button in test.button] == ["Sign in"]


def test_a_viewer_gets_no_import_page(accounts):
    test = app({"name": "vera", "at": dt.datetime.now(dt.UTC)})
    assert not test.exception and [metric.label for metric in test.metric][:1] == ["Incidents"]
    # Not registered for a viewer at all: only map.py, data.py and about.py are.
    for page in ("import", "extract", "users"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            test.switch_page(f"app_pages/{page}.py")


def test_without_sign_in_the_local_user_may_do_everything(db_url, monkeypatch):
    monkeypatch.setenv(AUTH_ENV, "0")
    test = app()
    assert test.session_state["auth_user"].name == os_user_name()
    test.switch_page("app_pages/import.py").run()
    assert len(test.get("file_uploader")) == 1
