"""`incidents snapshot -o FILE.png|FILE.html`: the filtered map as an image or a page.

Meant for cron (a daily briefing map): one line on success, one line on failure, and
never a partial file: the output must be a new file or a writable regular file (not a
directory, FIFO, device or read-only file), and it is replaced atomically. A filter
that matches nothing still makes a map that says so.
"""

from pathlib import Path

import click

from dashboard.cli.options import db_option, fail, filter_options, open_store
from dashboard.map.build import DEFAULT_LAYERS, LAYERS
from dashboard.snapshot import (
    FORMATS,
    SIZES,
    TILE_SOURCES,
    SnapshotError,
    format_of,
    write_snapshot,
)
from dashboard.snapshot.page import default_map, map_with_layers
from dashboard.snapshot.render import MAX_SIDE, MIN_SIDE
from incidents import IncidentError
from incidents.formats.files import check_output_target
from incidents.rules.precision import PRECISIONS

_SIDE = click.IntRange(MIN_SIDE, MAX_SIDE)


def _output_path(ctx, param, value: Path) -> Path:
    try:
        format_of(value)
    except SnapshotError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


@click.command("snapshot")
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="FILE",
    type=click.Path(path_type=Path),
    callback=_output_path,
    help=f"Where to write it; the extension picks the format ({', '.join(FORMATS)}).",
)
@db_option
@filter_options
@click.option(
    "--size",
    type=click.Choice(sorted(SIZES)),
    default="slide",
    show_default=True,
    help="Preset: slide 1920x1080, a4 794x1123 (portrait), square 1080x1080 (CSS px).",
)
@click.option("--width", type=_SIDE, help="Width in CSS px (overrides the preset's).")
@click.option("--height", type=_SIDE, help="Height in CSS px (overrides the preset's).")
@click.option(
    "--scale",
    type=click.Choice(["1", "2"]),
    default="1",
    show_default=True,
    help="Pixel density of the PNG: 2 doubles its pixels for print and sharp screens.",
)
@click.option(
    "--layers",
    metavar="NAMES",
    help=f"Map layers, comma-separated: {','.join(LAYERS)} (default: {','.join(DEFAULT_LAYERS)}).",
)
@click.option("--title", help="Title shown on the map (default: Strike incidents).")
@click.option("--subtitle", default="", help="A line under the title (what, where, whose figures).")
@click.option(
    "--precision",
    type=click.Choice(PRECISIONS),
    help="Coarsen locations for publishing (settlement centre, or 0.1 / 0.01 degrees); "
    "the footer says so. Default: as stored.",
)
@click.option(
    "--tiles",
    type=click.Choice(["offline", *TILE_SOURCES]),
    default="offline",
    show_default=True,
    help="Online tiles under the map; the offline basemap if unreachable.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=30.0,
    show_default=True,
    help="Seconds to wait for the map to be drawn.",
)
def snapshot_command(
    output,
    db_url,
    record_filter,
    size,
    width,
    height,
    scale,
    layers,
    title,
    subtitle,
    precision,
    tiles,
    timeout,
):
    """Render the filtered map to a PNG (headless Chromium) or a standalone HTML file."""
    preset_width, preset_height = SIZES[size]
    try:
        build_map = map_with_layers(layers.split(",")) if layers else default_map
    except SnapshotError as exc:
        raise click.BadParameter(str(exc), param_hint="--layers") from None
    try:
        check_output_target(output)  # before any work: a bad target costs no query, no browser
    except IncidentError as exc:
        fail(str(exc))
    store = open_store(db_url)
    try:
        # The store is asked what the map shows (totals, sources, points or cells), not read whole.
        snapshot = write_snapshot(
            output,
            store,
            record_filter,
            title=title,
            subtitle=subtitle,
            precision=precision,
            width=width or preset_width,
            height=height or preset_height,
            scale=int(scale),
            tiles=tiles,
            timeout_s=timeout,
            build_map=build_map,
        )
    except (SnapshotError, IncidentError) as exc:
        fail(str(exc))
    for note in snapshot.notes:
        click.echo(f"warning: {note}", err=True)
    if snapshot.caption.incidents == 0:
        click.echo("no incidents match these filters: the map says so", err=True)
    count = snapshot.caption.incidents
    noun = "incident" if count == 1 else "incidents"
    click.echo(f"wrote {output} ({count:,} {noun}, {len(snapshot.data):,} bytes)")


COMMANDS = [snapshot_command]
