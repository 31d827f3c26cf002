"""`incidents extract FILE|- --published DATE`: news text to candidate records."""

import click

from dashboard.cli.options import echo_json, fail
from incidents import IncidentError
from incidents.extract import extract_incidents
from incidents.extract.dates import parse_published


@click.command("extract")
@click.argument("source", metavar="FILE|-", type=click.File("r", encoding="utf-8"))
@click.option(
    "--published",
    metavar="DATE",
    callback=lambda ctx, param, value: _published(value),
    help="Publication date, YYYY-MM-DD (a dateline in the text wins).",
)
@click.option("--source-name", metavar="NAME", help="Source to record (default: 'Article published DATE').")
@click.option("--source-url", metavar="URL", help="Address of the article, kept with each record.")
@click.option("--json", "as_json", is_flag=True, help='Print {"incidents": [...], "air_defence": [...]}.')
def extract_command(source, published, source_name, source_url, as_json):
    """Find candidate incidents and air-defence reports in a news text (exit 1 when none)."""
    try:
        result = extract_incidents(
            source.read(), published=published, source_name=source_name, source_url=source_url
        )
    except IncidentError as exc:
        fail(str(exc))
    if as_json:
        echo_json(result.to_dict())
    else:
        for record in result.incidents:
            click.echo(_incident_line(record))
        for record in result.air_defence:
            click.echo(_defence_line(record))
    if result.is_empty():
        fail("no incidents or air-defence reports found in the text")


def _published(value):
    """A malformed --published is a usage error (exit 2), named in the message."""
    if value is None:
        return None
    try:
        return parse_published(value)
    except IncidentError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from None


def _count(value) -> str:
    return "?" if value is None else str(value)


def _incident_line(record: dict) -> str:
    return (
        f"incident     {record['date']}  {record['place']} ({record.get('admin1') or '?'}, "
        f"{record['country']})  {record['event_type']}  by {record.get('attacker') or '?'}"
        f"  killed {_count(record['killed'])}  injured {_count(record['injured'])}"
        f"  households without power {_count(record['households_without_power'])}"
        f"  confidence {record['confidence']:.2f}"
    )


def _defence_line(record: dict) -> str:
    return (
        f"air defence  {record['date']}  {record.get('reported_by') or '?'}: {record['weapon']}s"
        f" over {record.get('area') or '?'}  launched {_count(record['launched'])}"
        f"  shot down {_count(record['shot_down'])}  lost {_count(record['lost'])}"
    )


COMMANDS = [extract_command]
