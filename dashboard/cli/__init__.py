"""The `incidents` console script (DESIGN.md, "Command line").

Exit codes: 0 success, 1 nothing found or input rejected (one line on stderr),
2 usage error. Library errors become one-line messages here and nowhere below.
"""

import click

from dashboard.cli import extract, geocode, records, serve, snapshot


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Incident records of drone and missile strikes: store, map and export them offline."""


for module in (serve, records, snapshot, geocode, extract):
    for command in module.COMMANDS:
        main.add_command(command)
