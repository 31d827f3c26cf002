"""The `incidents` console script (DESIGN.md, "Command line").

Exit codes: 0 success, 1 nothing found or input rejected (one line on stderr),
2 usage error. Library errors become one-line messages here and nowhere below.
"""

import importlib

import click

# Command name -> the dashboard.cli module whose COMMANDS define it. Commands are imported
# only when run (or listed by --help): `incidents geocode` must not pay seconds for the
# Streamlit, folium and pandas imports that serve, snapshot and the record commands need.
LAZY_COMMANDS = {
    "serve": "serve",
    "import": "records",
    "export": "records",
    "list": "records",
    "snapshot": "snapshot",
    "geocode": "geocode",
    "extract": "extract",
    "history": "history",
    "users": "users",
    "audit": "audit",
    "matches": "review",
    "merge": "review",
    "split": "review",
    "keep-apart": "review",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module the first time the command is wanted."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*LAZY_COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in LAZY_COMMANDS:
            module = importlib.import_module(f"dashboard.cli.{LAZY_COMMANDS[name]}")
            for command in module.COMMANDS:
                self.add_command(command)
        return self.commands.get(name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Incident records of drone and missile strikes: store, map and export them offline."""
