"""`incidents audit`: who changed the data, when, and what."""

import click

from dashboard.cli.options import db_option, echo_json, fail
from incidents import IncidentError


@click.command("audit")
@db_option
@click.option(
    "--since", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="DATE", help="From this day (UTC) on."
)
@click.option("--json", "as_json", is_flag=True, help="Print the entries as a JSON list.")
def audit_command(db_url, since, as_json):
    """The audit trail, oldest first: imports, corrections, dismissals, deletions, merges
    and account changes, each with who made it and when (UTC)."""
    from incidents.storage import audit
    from incidents.storage.store import Store

    try:
        found = audit.entries(Store(db_url), since=since.date() if since else None)
    except IncidentError as exc:
        fail(str(exc))
    if as_json:
        echo_json(found)
        return
    for entry in found:
        click.echo(f"{entry['at']}\t{entry['who']}\t{entry['action']}\t{entry['what']}")


COMMANDS = [audit_command]
