"""`incidents import`, `incidents export`, `incidents list`: records in and out of the store."""

import sys
from pathlib import Path

import click

from dashboard.auth.identity import os_user_name
from dashboard.cli.options import db_option, echo_json, fail, filter_options, open_store
from incidents import IncidentError
from incidents.formats.export import EXPORT_FORMATS, write_records
from incidents.formats.files import atomic_write, check_output_target
from incidents.formats.readers import FORMATS
from incidents.importing.importer import import_file
from incidents.rules.precision import PRECISIONS, coarsen_records, gazetteer_point, precision_note
from incidents.storage.audit import record_import


@click.command("import")
@db_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "file_format",
    type=click.Choice(("auto", *FORMATS)),
    default="auto",
    show_default=True,
    help="File format; auto detects it from the content.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--by", metavar="NAME", help="Who imports, for the audit trail (default: the OS user).")
def import_command(db_url, file, file_format, as_json, by):
    """Validate, geocode and store the records of FILE (CSV, JSON, GeoJSON or ACLED export).

    Every row is accounted for: read = stored + attached (a report of an incident
    already stored) + updated + duplicates + outdated (the
    store has a newer version) + deleted (a source's deletions list) + rejected.
    Exit 1 when any row is rejected (the others are stored) or the file cannot be read.
    """
    store = open_store(db_url)
    who = by or os_user_name()
    try:
        result = import_file(store, file, file_format, by=who)
    except (IncidentError, OSError) as exc:
        fail(str(exc))
    record_import(store, who, file.name, result)
    summary = result.summary()
    if as_json:
        echo_json(summary)
    else:
        counts = ("stored", "attached", "updated", "duplicates", "outdated", "deleted", "rejected")
        click.echo(
            f"{file.name}: read {summary['read']}, " + ", ".join(f"{name} {summary[name]}" for name in counts)
        )
        for rejection in summary["rejections"]:
            click.echo(f"  rejected {rejection['reason']}")
    if result.rejected:
        first = result.rejections[0].reason
        more = f" (and {result.rejected - 1} more)" if result.rejected > 1 else ""
        fail(f"{result.rejected} of {result.read} rows rejected: {first}{more}")


@click.command("export")
@db_option
@filter_options
@click.option("--format", "file_format", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),  # what it may be is checked below: exit 1, not a usage error
    required=True,
    help="File to write ('-' for standard output).",
)
@click.option(
    "--precision",
    type=click.Choice(PRECISIONS),
    help="Coarsen locations for publishing: each settlement's centre, or coordinates rounded to "
    "0.1° (~11 km) or 0.01° (~1 km). Default: as stored.",
)
def export_command(db_url, record_filter, file_format, output, precision):
    """Write the filtered incident records to a CSV, GeoJSON or JSON file.

    The file is written whole or not at all: an existing one is replaced only by a
    complete export. Exit 1 when no record matches the filters (no file is written),
    or when the output is not a writable regular file.
    """
    to_stdout = str(output) == "-"
    try:
        if not to_stdout:
            check_output_target(output)  # before any work: a bad target costs no query
        store = open_store(db_url)
        records = store.iter_incidents(record_filter)
        if file_format != "csv":  # an incident of several reports carries them (CSV: its source list)
            records = store.with_reports(records)
        records = coarsen_records(records, precision, locate=gazetteer_point)
        note = precision_note(precision) if precision else None
        if to_stdout:
            written = write_records(records, sys.stdout, file_format, precision_note=note)
        else:
            with atomic_write(output, "w", encoding="utf-8", newline="") as out:
                written = write_records(records, out, file_format, precision_note=note)
                if not written:
                    raise _NothingToWrite  # keeps an existing file as it was
    except _NothingToWrite:
        written = 0
    except (IncidentError, OSError) as exc:
        fail(str(exc))
    if not written:
        fail("no incidents match these filters")
    if not to_stdout:
        click.echo(f"wrote {written} incidents to {output}", err=True)
    if precision:
        click.echo(precision_note(precision), err=True)


class _NothingToWrite(Exception):
    """No record matched: the export is abandoned, the target left as it was."""


@click.command("list")
@db_option
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the records as a JSON list.")
def list_command(db_url, record_filter, as_json):
    """Print the filtered incident records (exit 1 when none match)."""
    store = open_store(db_url)
    records = store.read_incidents(record_filter)
    if as_json:
        echo_json(records)
    else:
        for record in records:
            click.echo(_one_line(record))
    if not records:
        fail("no incidents match these filters")


def _one_line(record: dict) -> str:
    def count(name):
        value = record.get(name)
        return "?" if value is None else str(value)

    return (
        f"{record['date']}  {record['place']}"
        f" ({record.get('admin1') or '?'}, {record.get('country') or '?'})"
        f"  {record.get('event_type')}  killed {count('killed')}  injured {count('injured')}"
        f"  households without power {count('households_without_power')}"
    )


COMMANDS = [import_command, export_command, list_command]
