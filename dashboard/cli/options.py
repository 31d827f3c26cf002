"""Options shared by the commands: the database and the record filters."""

import functools
import json
from typing import TYPE_CHECKING, NoReturn

import click

from dashboard.cli.errors import CommandError
from incidents import IncidentError
from incidents.rules.model import ATTACKERS, EVENT_TYPES

# incidents.storage.store and incidents.rules.filters load pandas and SQLAlchemy: they are imported where
# used, so that a command that never opens the store (`incidents geocode`) starts quickly.
if TYPE_CHECKING:
    from incidents.storage.store import Store


def db_option(command):
    return click.option(
        "--db",
        "db_url",
        metavar="URL",
        default=None,
        help="SQLAlchemy database URL (default: $INCIDENTS_DB or the embedded SQLite file).",
    )(command)


def filter_options(command):
    """Add the filter options of DESIGN.md and pass one IncidentFilter as `record_filter`."""
    options = [
        click.option("--from", "date_from", metavar="DATE", help="First day, YYYY-MM-DD."),
        click.option("--to", "date_to", metavar="DATE", help="Last day, YYYY-MM-DD."),
        click.option("--country", "countries", metavar="CC", multiple=True, help="ISO country code."),
        click.option(
            "--region",
            "regions",
            metavar="ADMIN1",
            multiple=True,
            help="Oblast or federal subject (repeatable).",
        ),
        click.option("--place", "places", metavar="NAME", multiple=True, help="Settlement as stored."),
        click.option("--type", "event_types", type=click.Choice(EVENT_TYPES), multiple=True),
        click.option("--attacker", type=click.Choice(ATTACKERS)),
        click.option("--min-killed", type=click.IntRange(min=0)),
        click.option("--min-injured", type=click.IntRange(min=0)),
        click.option(
            "--text", metavar="WORDS", help="Case-insensitive text in place, damage or description."
        ),
    ]

    @functools.wraps(command)
    def wrapper(
        *args,
        date_from,
        date_to,
        countries,
        regions,
        places,
        event_types,
        attacker,
        min_killed,
        min_injured,
        text,
        **kwargs,
    ):
        from incidents.rules.filters import IncidentFilter

        try:
            record_filter = IncidentFilter(
                date_from=date_from,
                date_to=date_to,
                countries=countries,
                regions=regions,
                places=places,
                event_types=event_types,
                attacker=attacker,
                min_killed=min_killed,
                min_injured=min_injured,
                text=text,
            )
        except IncidentError as exc:
            raise click.UsageError(str(exc)) from None
        return command(*args, record_filter=record_filter, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def open_store(db_url: str | None) -> "Store":
    """The store, seeded on first use, or a one-line error and exit 1."""
    from incidents.storage.store import Store

    try:
        store = Store(db_url)
        store.load_seed_if_empty()
        return store
    except IncidentError as exc:
        fail(str(exc))


def fail(message: str) -> NoReturn:
    """Stop the command: exit 1 with `error: message` on one line of stderr (newlines in
    untrusted text folded away)."""
    raise CommandError(" ".join(str(message).split()))


def echo_json(value) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def printable(text) -> str:
    """Record text for a terminal: it is untrusted, so a control character (a terminal
    escape, a line break) is shown as its escape, never sent."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in str(text))
