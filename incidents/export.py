"""Writing records out: CSV a spreadsheet cannot be tricked by, GeoJSON (RFC 7946), JSON.

Streams: records come as any iterable of dicts (e.g. `Store.iter_incidents`), so a
million-row export never holds the table in memory. Text is written as stored;
only CSV changes it, to defuse cells a spreadsheet would run as formulas.
"""

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from incidents import IncidentError
from incidents.model import INCIDENT_FIELDS

EXPORT_FORMATS = ("csv", "geojson", "json")
# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets
# (OWASP "CSV injection"); tab and carriage return hide the sign from a quick look.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


class ExportError(IncidentError, ValueError):
    """An export that cannot be written as asked."""


def neutralise(value):
    """A text cell made inert: a leading quote makes the spreadsheet show it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_records(records: Iterable[dict], out: TextIO, format: str) -> int:
    """Write records in `format` (csv, geojson, json); returns how many were written."""
    writers = {"csv": write_csv, "geojson": write_geojson, "json": write_json}
    if format not in writers:
        raise ExportError(f"format {format!r} is unknown; use one of {', '.join(EXPORT_FORMATS)}")
    return writers[format](records, out)


def write_csv(records: Iterable[dict], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(INCIDENT_FIELDS)
    written = 0
    for record in records:
        # Only text is neutralised: a negative longitude is a number, not a formula.
        writer.writerow(
            [
                ""
                if record.get(name) is None
                else neutralise(record[name])
                if isinstance(record[name], str)
                else record[name]
                for name in INCIDENT_FIELDS
            ]
        )
        written += 1
    return written


def write_json(records: Iterable[dict], out: TextIO) -> int:
    return _write_array((_plain(record) for record in records), out, opening="[", closing="]")


def write_geojson(records: Iterable[dict], out: TextIO) -> int:
    """A FeatureCollection of Points, [longitude, latitude] in WGS84, as RFC 7946 requires."""
    features = (to_feature(record) for record in records)
    return _write_array(features, out, opening='{"type": "FeatureCollection", "features": [', closing="]}")


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
    # Only the model's fields, in the model's order; pandas' <NA> and NaN become null.
    plain = {}
    for name in INCIDENT_FIELDS:
        value = record.get(name)
        if value is not None and value != value:  # NaN
            value = None
        if value is not None and type(value).__name__ == "NAType":
            value = None
        if hasattr(value, "item"):  # numpy scalar
            value = value.item()
        plain[name] = value
    return plain
