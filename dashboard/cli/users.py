"""`incidents users add|list|remove|set-role`: the accounts of a team, offline.

Passwords come from the terminal (hidden, asked twice) or, for scripts, one line on
stdin with `--password-stdin`; never from an option, where `ps` and shell history would
show them.
"""

import sys

import click

from dashboard.auth.identity import os_user_name
from dashboard.cli.options import db_option, echo_json, fail
from incidents import IncidentError
from incidents.rules.access import ROLES

by_option = click.option(
    "--by",
    metavar="NAME",
    default=None,
    help="Who makes the change, for the audit trail (default: the OS user).",
)


def _store(db_url):
    from incidents.storage.store import Store

    try:
        return Store(db_url)
    except IncidentError as exc:
        fail(str(exc))


@click.group("users")
def users_group():
    """Accounts for `incidents serve --auth`: viewers read, editors change data, admins manage users."""


@users_group.command("add")
@db_option
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@by_option
def add_command(db_url, name, role, password_stdin, by):
    """Create the account NAME with a role; the password is asked for (hidden)."""
    from incidents.storage import users

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        users.check_name(name)
        users.check_password(password)
        users.add_user(_store(db_url), name, role, password, by=by or os_user_name())
    except IncidentError as exc:
        fail(str(exc))
    click.echo(f"added {name} ({role})")


@users_group.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the accounts as JSON.")
def list_command(db_url, as_json):
    """The accounts: name, role, when created, failed sign-ins in a row."""
    from incidents.storage import users

    accounts = users.list_users(_store(db_url))
    if as_json:
        echo_json(accounts)
        return
    if not accounts:
        click.echo("no accounts: add one with `incidents users add NAME --role admin`")
    for account in accounts:
        failures = f", {account['failed_sign_ins']} failed sign-ins" if account["failed_sign_ins"] else ""
        click.echo(f"{account['name']}\t{account['role']}\tsince {account['created_at']}{failures}")


@users_group.command("remove")
@db_option
@click.argument("name")
@by_option
def remove_command(db_url, name, by):
    """Delete the account NAME (its entries in the audit trail stay)."""
    from incidents.storage import users

    try:
        users.remove_user(_store(db_url), name, by=by or os_user_name())
    except IncidentError as exc:
        fail(str(exc))
    click.echo(f"removed {name}")


@users_group.command("set-role")
@db_option
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@by_option
def set_role_command(db_url, name, role, by):
    """Give the account NAME another role (signed-in sessions get it at their next click)."""
    from incidents.storage import users

    try:
        users.set_role(_store(db_url), name, role, by=by or os_user_name())
    except IncidentError as exc:
        fail(str(exc))
    click.echo(f"{name} is now {role}")


COMMANDS = [users_group]
