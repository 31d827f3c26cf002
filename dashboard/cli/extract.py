"""`incidents extract FILE|- --published DATE`: news text to candidate records;
`incidents extract --telegram result.json`: the same for every message of a Telegram export."""

import functools
import sys

import click

from dashboard.cli.options import echo_json, fail
from incidents import IncidentError
from incidents.extract import extract_incidents
from incidents.extract.dates import parse_published
from incidents.importing.telegram import extract_telegram


@click.command("extract")
@click.argument("source", metavar="FILE|-", type=click.File("r", encoding="utf-8"), required=False)
@click.option(
    "--published",
    metavar="DATE",
    callback=lambda ctx, param, value: _published(value),
    help="Publication date, YYYY-MM-DD (a dateline in the text wins).",
)
@click.option("--source-name", metavar="NAME", help="Source to record (default: 'Article published DATE').")
@click.option("--source-url", metavar="URL", help="Address of the article, kept with each record.")
@click.option(
    "--telegram",
    metavar="RESULT.JSON",
    type=click.File("rb"),
    help="Read a Telegram Desktop chat export (JSON) instead: each message, sourced to itself.",
)
@click.option(
    "--channel",
    metavar="USERNAME",
    help="With --telegram: the channel's public username, for https://t.me/USERNAME/ID sources.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "uk", "ru"]),
    help="Language of the text (default: detected from its letters and words).",
)
@click.option("--json", "as_json", is_flag=True, help='Print {"incidents": [...], "air_defence": [...]}.')
def extract_command(source, published, source_name, source_url, telegram, channel, lang, as_json):
    """Find candidate incidents and air-defence reports in a news text (exit 1 when none)."""
    if telegram is not None or source is None or channel is not None:
        _check_telegram_usage(source, telegram, published, source_name, source_url, channel)
        _extract_telegram(telegram, channel=channel, lang=lang, as_json=as_json)
        return
    try:
        result = extract_incidents(
            source.read(), published=published, source_name=source_name, source_url=source_url, lang=lang
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


def _check_telegram_usage(source, telegram, published, source_name, source_url, channel) -> None:
    if telegram is None and source is None:
        raise click.UsageError(
            "give the text as FILE or - (standard input), or a Telegram export with --telegram"
        )
    if telegram is None:
        raise click.UsageError("--channel needs --telegram")
    if source is not None:
        raise click.UsageError("give either FILE|- or --telegram, not both")
    for value, option in (
        (published, "--published"),
        (source_name, "--source-name"),
        (source_url, "--source-url"),
    ):
        if value is not None:
            raise click.UsageError(
                f"{option} does not apply to --telegram: each message is dated and sourced by itself"
            )


def _extract_telegram(export, *, channel, lang, as_json) -> None:
    """Every message's proposals, sourced to the message; one line accounting for all."""
    try:
        intake = extract_telegram(
            export,
            name=getattr(export, "name", "the export"),
            channel=channel,
            progress=_progress_line(),
            extract=functools.partial(extract_incidents, lang=lang),
        )
    except IncidentError as exc:
        fail(str(exc))
    if as_json:
        echo_json(
            {
                "incidents": intake.incidents,
                "air_defence": intake.air_defence,
                "messages": intake.accounting(),
            }
        )
    else:
        for record in intake.incidents:
            click.echo(f"{_incident_line(record)}  source {record['source_url']}")
        for record in intake.air_defence:
            click.echo(f"{_defence_line(record)}  source {record['source_url']}")
    click.echo(intake.summary(), err=True)
    if intake.problem is not None:
        fail(intake.problem)
    if intake.is_empty():
        fail(f"no incidents or air-defence reports found in the {intake.read} message(s)")


def _progress_line():
    """Progress on a terminal's stderr (a 50 MB export takes a minute or two); none when piped."""
    if not sys.stderr.isatty():
        return None
    shown = {"at": -1}

    def show(done: int, total: int | None, messages: int) -> None:
        percent = done * 100 // total if total else None
        if percent == shown["at"]:
            return
        shown["at"] = percent
        where = f"{percent}%" if percent is not None else f"{done / 1e6:.1f} MB"
        click.echo(f"\rreading the export: {where}, {messages} message(s)", err=True, nl=False)
        if total and done >= total:
            click.echo("", err=True)

    return show


COMMANDS = [extract_command]
