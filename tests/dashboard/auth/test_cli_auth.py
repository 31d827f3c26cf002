"""`incidents serve` refuses to share without sign-in; `incidents users` and `incidents
audit` on a real store (CliRunner: no server is started)."""

import json

import pytest
from click.testing import CliRunner

from dashboard.auth.identity import os_user_name
from dashboard.cli import main
from dashboard.cli.serve import SignInRequired, sign_in_on

PASSWORD = "correct horse battery"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20"])
def test_a_shared_host_without_auth_or_no_auth_is_refused_naming_auth(db_url, host):
    result = run("serve", "--host", host, "--db", db_url)
    assert result.exit_code == 2
    assert "--auth" in result.output and "--no-auth" in result.output


def test_auth_without_any_account_is_refused(db_url):
    result = run("serve", "--auth", "--db", db_url)
    assert result.exit_code == 1
    assert "incidents users add" in result.output


def test_when_sign_in_is_on():
    def no_users():
        return False

    def some_users():
        return True

    assert sign_in_on("127.0.0.1", auth=False, no_auth=False, has_users=some_users) is False
    assert sign_in_on("127.0.0.1", auth=True, no_auth=False, has_users=no_users) is True
    assert sign_in_on("0.0.0.0", auth=False, no_auth=True, has_users=some_users) is False
    # As soon as an account exists, a shared host asks for sign-in by itself.
    assert sign_in_on("0.0.0.0", auth=False, no_auth=False, has_users=some_users) is True
    with pytest.raises(SignInRequired, match="--auth"):
        sign_in_on("0.0.0.0", auth=False, no_auth=False, has_users=no_users)
    with pytest.raises(SignInRequired, match="contradict"):
        sign_in_on("0.0.0.0", auth=True, no_auth=True, has_users=some_users)


def test_users_and_audit_commands(db_url, tmp_path):
    added = run(
        "users",
        "add",
        "anna",
        "--role",
        "editor",
        "--password-stdin",
        "--by",
        "ops",
        "--db",
        db_url,
        input=PASSWORD + "\n",
    )
    assert added.exit_code == 0, added.output
    assert PASSWORD not in added.output
    # The hidden prompt, asked twice.
    prompted = run(
        "users", "add", "bob", "--role", "viewer", "--db", db_url, input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert prompted.exit_code == 0 and PASSWORD not in prompted.output
    assert run("users", "set-role", "bob", "editor", "--by", "ops", "--db", db_url).exit_code == 0
    assert run("users", "set-role", "nobody", "editor", "--db", db_url).exit_code == 1
    listed = json.loads(run("users", "list", "--json", "--db", db_url).output)
    assert [(u["name"], u["role"]) for u in listed] == [("anna", "editor"), ("bob", "editor")]
    assert run("users", "remove", "bob", "--by", "ops", "--db", db_url).exit_code == 0
    short = run("users", "add", "carl", "--role", "viewer", "--password-stdin", "--db", db_url, input="abc\n")
    assert short.exit_code == 1 and "too short" in short.output

    upload = tmp_path / "strikes.csv"
    upload.write_text(
        "date,place,country,latitude,longitude,event_type,attacker,killed,description\n"
        "2025-07-21,Kharkiv,UA,49.98,36.25,drone_strike,RU,1,TEST upload\n"
    )
    assert run("import", str(upload), "--by", "anna", "--db", db_url).exit_code == 0
    trail = json.loads(run("audit", "--json", "--db", db_url).output)
    assert [(e["who"], e["action"]) for e in trail] == [
        ("ops", "user added"),
        (os_user_name(), "user added"),  # no --by: the OS user
        ("ops", "role changed"),
        ("ops", "user removed"),
        ("anna", "import"),
    ]
    assert "strikes.csv" in trail[-1]["what"] and "stored 1" in trail[-1]["what"]
    assert json.loads(run("audit", "--json", "--since", "2999-01-01", "--db", db_url).output) == []
    text = run("audit", "--db", db_url).output
    assert "anna\timport\tstrikes.csv" in text
