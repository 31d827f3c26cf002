"""Accounts, sign-in throttling and the audit trail, on SQLite and PostgreSQL."""

import datetime as dt

import pytest
import sqlalchemy as sa

from incidents.rules.access import AccessError, RoleError, User, may, require
from incidents.storage import audit, users
from incidents.storage.store import Store

PASSWORD = "correct horse battery"


def test_an_account_keeps_an_argon2_hash_and_never_the_password(store):
    users.add_user(store, "anna", "editor", PASSWORD, by="admin")
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(users.users_table)).mappings().one()
    assert stored["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in stored["password_hash"]
    listed = users.list_users(store)
    assert [(account["name"], account["role"]) for account in listed] == [("anna", "editor")]
    assert "password_hash" not in listed[0] and PASSWORD not in repr(listed)


def test_add_set_role_remove_and_the_audit_trail(store):
    users.add_user(store, "anna", "viewer", PASSWORD, by="ops")
    with pytest.raises(users.UserError, match="exists already"):
        users.add_user(store, "anna", "editor", PASSWORD, by="ops")
    users.set_role(store, "anna", "admin", by="ops")
    assert users.find_user(store, "anna") == User("anna", "admin")
    users.remove_user(store, "anna", by="ops")
    assert users.find_user(store, "anna") is None and not users.has_users(store)
    with pytest.raises(users.UserError, match="no user 'anna'"):
        users.remove_user(store, "anna", by="ops")
    trail = audit.entries(store)
    assert [(e["who"], e["action"], e["what"]) for e in trail] == [
        ("ops", "user added", "anna (viewer)"),
        ("ops", "role changed", "anna: viewer → admin"),
        ("ops", "user removed", "anna"),
    ]
    assert all(dt.datetime.fromisoformat(e["at"]).tzinfo == dt.UTC for e in trail)


@pytest.mark.parametrize(
    ("name", "role", "password", "error"),
    [
        ("anna", "owner", PASSWORD, RoleError),
        ("", "viewer", PASSWORD, users.UserError),
        ("an na", "viewer", PASSWORD, users.UserError),
        ("anna", "viewer", "short", users.UserError),
    ],
)
def test_bad_accounts_are_refused(store, name, role, password, error):
    with pytest.raises(error):
        users.add_user(store, name, role, password, by="ops")
    assert not users.has_users(store)


def test_sign_in_gives_the_user_and_its_role(store):
    users.add_user(store, "anna", "editor", PASSWORD, by="ops")
    assert users.sign_in(store, "anna", PASSWORD) == users.SignIn(User("anna", "editor"))
    assert users.sign_in(store, "anna", PASSWORD + "x").user is None
    assert users.sign_in(store, "nobody", PASSWORD).user is None


def test_five_failures_lock_the_account_for_a_growing_delay(store_url):
    # Two stores on one database: two server processes share the count.
    first, second = Store(store_url), Store(store_url)
    users.add_user(first, "anna", "editor", PASSWORD, by="ops")
    start = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
    for attempt in range(users.FREE_FAILURES):
        assert users.sign_in((first, second)[attempt % 2], "anna", "wrong", now=start) == users.SignIn(None)
    # The sixth attempt is refused without the password being looked at, even the right one.
    refused = users.sign_in(second, "anna", PASSWORD, now=start + dt.timedelta(seconds=1))
    assert refused.user is None and refused.wait == pytest.approx(users.LOCK_FIRST_SECONDS - 1)
    assert users.list_users(first)[0]["failed_sign_ins"] == 5
    # After the delay another wrong password doubles it.
    later = start + dt.timedelta(seconds=users.LOCK_FIRST_SECONDS + 1)
    assert users.sign_in(first, "anna", "wrong", now=later) == users.SignIn(None)
    assert users.sign_in(first, "anna", PASSWORD, now=later).wait == pytest.approx(
        2 * users.LOCK_FIRST_SECONDS
    )
    # And the right password, once the account is open, resets the count.
    open_again = later + dt.timedelta(seconds=2 * users.LOCK_FIRST_SECONDS + 1)
    assert users.sign_in(second, "anna", PASSWORD, now=open_again).user == User("anna", "editor")
    assert users.list_users(first)[0]["failed_sign_ins"] == 0
    first.close()
    second.close()


def test_the_lock_grows_and_stops_at_its_maximum():
    assert [users.lock_seconds(n) for n in range(4, 8)] == [0, 30, 60, 120]
    assert users.lock_seconds(100) == users.LOCK_MAX_SECONDS


def test_audit_since_a_day_and_refused_entries(store):
    audit.record(store, "anna", "import", "a.csv", at=dt.datetime(2026, 1, 1, 23, 59, tzinfo=dt.UTC))
    audit.record(store, "bob", "dismissal", "2 rows", at=dt.datetime(2026, 1, 2, 0, 0, tzinfo=dt.UTC))
    assert [e["who"] for e in audit.entries(store, since=dt.date(2026, 1, 2))] == ["bob"]
    assert [e["who"] for e in audit.entries(store)] == ["anna", "bob"]
    with pytest.raises(audit.AuditError, match="who"):
        audit.record(store, " ", "import", "x")
    with pytest.raises(audit.AuditError, match="unknown audit action"):
        audit.record(store, "anna", "rewrote history", "x")


def test_roles_allow_in_order():
    viewer, editor, admin = (User(name, name) for name in ("viewer", "editor", "admin"))
    assert may(viewer, "view") and not may(viewer, "edit") and not may(viewer, "manage users")
    assert may(editor, "edit") and not may(editor, "manage users")
    assert may(admin, "manage users") and not may(None, "view")
    with pytest.raises(AccessError, match="'viewer' is a viewer; this needs the editor role") as refused:
        require(viewer, "edit")
    assert isinstance(refused.value, PermissionError)
