"""Map snapshots (issue 7): a PNG or a standalone HTML file of the filtered map.

Both take a `Store` and a filter and ask the store what they show
(`dashboard.snapshot.answers`): the map's bounded data, totals, sources, dates and
version, never the whole table. Records already in memory (a list or a frame) are
answered in Python the same way.

`make_snapshot` gives the bytes (for the dashboard's download buttons); `write_snapshot`
writes a file all at once: a bad request leaves no file, and a failed render never
leaves half of one (it is written to a temporary file, then renamed).
"""

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import folium

from dashboard.map.aggregate import MapData
from dashboard.snapshot.answers import Source, as_records
from dashboard.snapshot.browser import BrowserError, require_chromium
from dashboard.snapshot.caption import Caption
from dashboard.snapshot.errors import SnapshotError
from dashboard.snapshot.page import (
    TILE_SOURCES,
    SnapshotPage,
    TileSource,
    View,
    default_map,
    map_with_layers,
    snapshot_page,
    tile_source,
)
from dashboard.snapshot.render import SIZES, check_size, render_png
from incidents.formats.files import OutputError, atomic_write, check_output_target
from incidents.rules.filters import IncidentFilter

__all__ = [
    "FORMATS",
    "SIZES",
    "TILE_SOURCES",
    "Snapshot",
    "SnapshotError",
    "TileSource",
    "View",
    "as_records",
    "format_of",
    "map_with_layers",
    "make_snapshot",
    "write_snapshot",
]

FORMATS = {".png": "png", ".html": "html", ".htm": "html"}


@dataclasses.dataclass(frozen=True)
class Snapshot:
    data: bytes
    format: str  # "png" or "html"
    caption: Caption
    notes: tuple[str, ...] = ()  # e.g. online tiles unreachable, offline basemap used


def format_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        shown = f"extension {suffix!r}" if suffix else "no extension"
        raise SnapshotError(f"{path}: {shown} is not a snapshot format; use .png or .html")
    return FORMATS[suffix]


def make_snapshot(
    fmt: str,
    source: Source,
    record_filter: IncidentFilter | None = None,
    *,
    title: str | None = None,
    subtitle: str = "",
    width: int = SIZES["slide"][0],
    height: int = SIZES["slide"][1],
    scale: int = 1,
    view: View | None = None,
    tiles: str | TileSource | None = None,
    tile_timeout_s: float = 5.0,
    timeout_s: float = 30.0,
    build_map: Callable[[MapData], folium.Map] = default_map,
    now: dt.datetime | None = None,
    data_version: str | None = None,
    precision: str | None = None,
) -> Snapshot:
    """The snapshot of what `source` holds under `record_filter`: a `Store` is asked
    (when the page is built: for a PNG, while Chromium starts); a list or frame of
    records is taken as everything stored. `data_version` names the data in the page's
    markup (default: the store's change mark in words, or a hash of the records)."""
    if fmt not in ("png", "html"):
        raise SnapshotError(f"format {fmt!r} is unknown; use png or html")
    online = tile_source(tiles)
    if fmt == "png":
        check_size(width, height, scale)
        try:
            require_chromium()  # before any work: say how to install it, at once
        except BrowserError as exc:
            raise SnapshotError(str(exc)) from exc

    def page() -> SnapshotPage:
        return snapshot_page(
            source,
            record_filter,
            title=title,
            subtitle=subtitle,
            build_map=build_map,
            view=view,
            tiles=online,
            tile_timeout_s=tile_timeout_s,
            interactive=fmt == "html",
            now=now,
            data_version=data_version,
            precision=precision,
        )

    if fmt == "html":
        built = page()
        return Snapshot(built.html.encode("utf-8"), "html", built.caption)
    rendered = render_png(
        page,
        width=width,
        height=height,
        scale=scale,
        timeout_s=timeout_s,
        tile_host=urlsplit(online.url).hostname.removeprefix("{s}.") if online else None,
    )
    return Snapshot(rendered.png, "png", rendered.page.caption, rendered.notes)


def write_snapshot(
    path: str | Path,
    source: Source,
    record_filter: IncidentFilter | None = None,
    **options,
) -> Snapshot:
    """Write the snapshot to `path` (.png or .html); options as for `make_snapshot`.

    `path` must be a new file in an existing folder or a writable regular file (checked
    before rendering, so a bad path costs no browser start); it is replaced atomically.
    """
    path = Path(path)
    fmt = format_of(path)
    _check_writable(path)
    snapshot = make_snapshot(fmt, source, record_filter, **options)
    _write_atomically(path, snapshot.data)
    return snapshot


def _check_writable(path: Path) -> None:
    try:
        check_output_target(path)
    except OutputError as exc:
        raise SnapshotError(str(exc)) from exc


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        with atomic_write(path, "wb") as out:
            out.write(data)
    except OutputError as exc:
        raise SnapshotError(str(exc)) from exc
