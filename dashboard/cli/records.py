"""`incidents list`: print the filtered records."""

import sys

import click

from dashboard.cli.options import db_option, echo_json, filter_options, open_store


@click.command("list")
@db_option
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the records as a JSON list.")
def list_command(db_url, record_filter, as_json):
    """Print the filtered incident records (exit 1 when none match)."""
    store = open_store(db_url)
    records = record_filter.apply(store.read_incidents())
    if as_json:
        echo_json(records)
    else:
        for record in records:
            click.echo(_one_line(record))
    if not records:
        click.echo("no incidents match these filters", err=True)
        sys.exit(1)


def _one_line(record: dict) -> str:
    def count(name):
        value = record.get(name)
        return "?" if value is None else str(value)

    return (
        f"{record['date']}  {record['place']} ({record.get('admin1') or '?'}, {record.get('country') or '?'})"
        f"  {record.get('event_type')}  killed {count('killed')}  injured {count('injured')}"
        f"  households without power {count('households_without_power')}"
    )


COMMANDS = [list_command]
