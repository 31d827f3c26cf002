"""Writing records out: CSV a spreadsheet cannot be tricked by, GeoJSON (RFC 7946), JSON.

An incident is one row (CSV) or object (JSON, GeoJSON) with its consolidated figures;
`source_name` lists its sources. JSON and GeoJSON add its `reports` when it has several.

Streams: records come as any iterable of dicts (e.g. `Store.iter_incidents`), so a
million-row export never holds the table in memory. Text is written as stored;
only CSV changes it, to defuse cells a spreadsheet would run as formulas.

Every CSV the product offers goes through `write_table` (or, cell by cell, `csv_cell`),
so one rule, `spreadsheet_safe`, decides what a text cell becomes.
"""

import datetime as dt
import json
import numbers
import re
from collections.abc import Iterable
from typing import TextIO

from incidents import IncidentError
from incidents.rules.model import INCIDENT_FIELDS

EXPORT_FORMATS = ("csv", "geojson", "json")
# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets
# (OWASP "CSV injection"); tab and carriage return hide the sign from a quick look.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Where a spreadsheet may start a new cell inside our text: a delimiter it guesses or is
# set to (a Ukrainian or Russian Excel splits on ";"), or a line break (with the others
# str.splitlines() breaks at), when the file is opened or pasted without honouring quotes.
CELL_BREAKS = ",;\t\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# A formula start at the start of the text or of such a part, after any double quotes
# (a naive reader strips them) and spaces (an import may trim them).
_UNSAFE_STARTS = re.compile(
    f'(?:^|(?<=[{re.escape(CELL_BREAKS)}]))([" ]*)(?=[{re.escape("".join(FORMULA_STARTS))}])'
)
# Written unquoted as they are: a date, a date and time, a time of day (nothing to defuse).
_DATE_OR_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?|\d{2}:\d{2}(?::\d{2})?"
)


class ExportError(IncidentError, ValueError):
    """An export that cannot be written as asked."""


def spreadsheet_safe(text: str) -> str:
    """`text` made inert for a spreadsheet: an apostrophe before every formula start
    (`FORMULA_STARTS`) that begins the text or follows a `CELL_BREAKS` character (after
    any double quotes and spaces there).

    So no part of it, however a spreadsheet splits it, begins a formula; the apostrophe
    makes it show as text. `x;=cmd()` becomes `x;'=cmd()`, `a,\\t=1` becomes `a,'\\t'=1`,
    `a, "=1"` becomes `a, "'=1"`. Text with no such place is returned unchanged.
    For text only: a number (a negative longitude) is a number, not a formula, and must
    stay one (`csv_cell` writes numbers as they are).
    """
    return _UNSAFE_STARTS.sub(r"\1'", text)


def neutralise(value):
    """A cell value made inert: text through `spreadsheet_safe`, anything else unchanged."""
    return spreadsheet_safe(value) if isinstance(value, str) else value


def csv_cell(value) -> str:
    """One CSV cell as the product writes it: unknown (None, NaN, NA) empty; numbers,
    dates and times of day as they are, unquoted; every other value as quoted text
    through `spreadsheet_safe`."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):  # pandas' NA, NaT
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Number) and value != value:  # NaN
        return ""
    if isinstance(value, numbers.Integral):  # int, numpy's ints
        return str(int(value))
    if isinstance(value, numbers.Real):  # float, numpy's floats: a negative one stays a number
        return repr(float(value))
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    text = value if isinstance(value, str) else str(value)
    if _DATE_OR_TIME.fullmatch(text):
        return text
    return '"' + spreadsheet_safe(text).replace('"', '""') + '"'


def write_table(header: Iterable, rows: Iterable[Iterable], out: TextIO) -> int:
    """A CSV (RFC 4180, but lines end in LF) of `header` and `rows` (cell values), every
    cell through `csv_cell`; returns how many rows were written. For any CSV the product
    offers, e.g. `write_table(frame.columns, frame.itertuples(index=False), out)`."""
    # LF, not CRLF: every spreadsheet and CSV reader takes it, and a row whose last cell
    # is empty then puts no carriage return at the start of a part split off at a comma.
    out.write(",".join(csv_cell(str(name)) for name in header) + "\n")
    written = 0
    for row in rows:
        out.write(",".join([csv_cell(value) for value in row]) + "\n")
        written += 1
    return written


def write_records(
    records: Iterable[dict], out: TextIO, format: str, *, precision_note: str | None = None
) -> int:
    """Write records in `format` (csv, geojson, json); returns how many were written.
    `precision_note` (coarsened locations, in words) goes into a GeoJSON file's own
    `"locations"` member; CSV and JSON have no place for it, and the caller says it."""
    writers = {"csv": write_csv, "geojson": write_geojson, "json": write_json}
    if format not in writers:
        raise ExportError(f"format {format!r} is unknown; use one of {', '.join(EXPORT_FORMATS)}")
    if format == "geojson":
        return write_geojson(records, out, precision_note=precision_note)
    return writers[format](records, out)


def write_csv(records: Iterable[dict], out: TextIO) -> int:
    return write_table(
        INCIDENT_FIELDS, ([record.get(name) for name in INCIDENT_FIELDS] for record in records), out
    )


def write_json(records: Iterable[dict], out: TextIO) -> int:
    return _write_array((_plain(record) for record in records), out, opening="[", closing="]")


def write_geojson(records: Iterable[dict], out: TextIO, *, precision_note: str | None = None) -> int:
    """A FeatureCollection of Points, [longitude, latitude] in WGS84, as RFC 7946 requires;
    a coarsened export says so in a foreign member (RFC 7946 section 6.1)."""
    features = (to_feature(record) for record in records)
    opening = '{"type": "FeatureCollection", '
    if precision_note:
        opening += f'"locations": {json.dumps(precision_note)}, '
    return _write_array(features, out, opening=opening + '"features": [', closing="]}")


def _write_array(items: Iterable[dict], out: TextIO, *, opening: str, closing: str) -> int:
    # One item a line, streamed: a million-row export never holds the whole array.
    out.write(opening)
    written = 0
    for item in items:
        out.write(",\n " if written else "\n ")
        out.write(json.dumps(item, ensure_ascii=False, default=str))
        written += 1
    out.write(f"\n{closing}\n" if written else f"{closing}\n")
    return written


def to_feature(record: dict) -> dict:
    properties = _plain(record)
    latitude, longitude = properties.get("latitude"), properties.get("longitude")
    geometry = None
    if latitude is not None and longitude is not None:
        geometry = {"type": "Point", "coordinates": [round(longitude, 6), round(latitude, 6)]}
    return {
        "type": "Feature",
        "id": properties.get("id"),
        "geometry": geometry,
        "properties": properties,
    }


def _plain(record: dict) -> dict:
    # Only the model's fields, in the model's order; NaN becomes null. An incident of
    # several reports carries them (`Store.iter_incidents(with_reports=True)`), each a
    # record of the same fields: the source's own account, before consolidation.
    if record.get("reports"):
        return _fields(record) | {"reports": [_fields(report) for report in record["reports"]]}
    return _fields(record)


def _fields(record: dict) -> dict:
    plain = {}
    for name in INCIDENT_FIELDS:
        value = record.get(name)
        if value is not None and value != value:  # NaN
            value = None
        if hasattr(value, "item"):  # numpy scalar
            value = value.item()
        plain[name] = value
    return plain
