"""`incidents matches` / `merge` / `split` / `keep-apart`: reports that may describe one
incident, and the reviewer's decisions on them (each kept in the records' history)."""

import click

from dashboard.auth.identity import os_user_name
from dashboard.cli.options import db_option, echo_json, fail, open_store, printable
from incidents import IncidentError


def by_option(command):
    return click.option(
        "--by",
        "by",
        metavar="NAME",
        default=None,
        help="Who decides, for the history (default: the operating-system user).",
    )(command)


def _who(by: str | None) -> str:
    return by or os_user_name()


@click.command("matches")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON.")
def matches_command(db_url, as_json):
    """Likely matches waiting for review: an incident, a candidate that may describe the
    same strike, and why. Decide with `incidents merge` or `incidents keep-apart`."""
    store = open_store(db_url)
    found = store.matches()
    if as_json:
        echo_json([{"incident": m["incident"], "candidate": m["candidate"], "why": m["why"]} for m in found])
        return
    if not found:
        click.echo("no likely matches waiting for review")
    for match in found:
        click.echo(printable(f"{match['incident']}  {match['candidate']}  {match['why']}"))


@click.command("merge")
@db_option
@by_option
@click.argument("ids", metavar="ID ID...", nargs=-1, required=True)
def merge_command(db_url, by, ids):
    """The incidents after the first become reports of the first (their figures
    consolidated, never summed). Undo with `incidents split ID`."""
    if len(ids) < 2:
        raise click.UsageError("give the incident to keep and at least one to merge into it")
    store = open_store(db_url)
    try:
        store.merge_incidents(ids[0], list(ids[1:]), by=_who(by))
    except IncidentError as exc:
        fail(str(exc))
    click.echo(printable(f"merged {', '.join(ids[1:])} into {ids[0]}"))


@click.command("split")
@db_option
@by_option
@click.argument("incident_id", metavar="ID")
@click.argument("report_ids", metavar="[REPORT_ID...]", nargs=-1)
def split_command(db_url, by, incident_id, report_ids):
    """The reports of incident ID (all but its own first one, or those named) become
    incidents of their own again, as their sources gave them, kept apart from ID."""
    store = open_store(db_url)
    try:
        split = store.split(incident_id, list(report_ids), by=_who(by))
    except IncidentError as exc:
        fail(str(exc))
    click.echo(printable(f"split {', '.join(split)} off {incident_id}"))


@click.command("keep-apart")
@db_option
@by_option
@click.argument("first", metavar="ID")
@click.argument("second", metavar="ID")
def keep_apart_command(db_url, by, first, second):
    """Two incidents are two strikes: the pair is never proposed as one again."""
    store = open_store(db_url)
    try:
        store.keep_apart(first, second, by=_who(by))
    except IncidentError as exc:
        fail(str(exc))
    click.echo(printable(f"kept {first} and {second} apart"))


COMMANDS = [matches_command, merge_command, split_command, keep_apart_command]
