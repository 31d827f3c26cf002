"""The CLI's one way to fail: exit 1 with one `error: ...` line on stderr (DESIGN.md).

Kept apart from dashboard.cli.options so that `incidents geocode` can use it without
loading what the record commands need.
"""

import click


class CommandError(click.ClickException):
    """A command that found nothing or whose input was rejected: exit 1, and the message
    on one line of stderr after `error: `."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(f"error: {self.format_message()}", err=True, file=file)
