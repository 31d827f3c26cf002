"""Rows out of a file: native CSV, JSON, GeoJSON or an ACLED export, detected from content.

Pure (bytes in, rows out). Each row keeps its number and its raw text, so a rejected
row can be shown to the user as it was. Row numbers are what the user sees: the line
of a CSV file (the header is line 1), the 1-based position in a JSON list.
"""

import csv
import dataclasses
import functools
import io
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from incidents import IncidentError
from incidents.formats import jsontext
from incidents.formats.acled import acled_deletion, acled_row, is_acled, is_acled_deletions
from incidents.formats.arrowcsv import ColumnRows, read_columns
from incidents.formats.decode import decode
from incidents.rules.model import AIR_DEFENCE_FIELDS, INCIDENT_FIELDS

if TYPE_CHECKING:
    import pyarrow as pa

FORMATS = ("csv", "json", "geojson", "acled", "acled_deletions")
DELIMITERS = (",", ";", "\t")
HEADER_CHARS = 1 << 16  # enough of a file's start to see its header's separators
MAX_CELL_CHARS = 2**31 - 1  # a cell may be as long as the file; the upload limit bounds both

# csv.reader refuses a cell over 131,072 characters, where Arrow takes it: lifted (for
# the whole process, where the limit lives) so both read a long description alike.
csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL_CHARS))

# Column names analysts commonly use for our fields.
ALIASES = {
    "lat": "latitude",
    "lon": "longitude",
    "lng": "longitude",
    "long": "longitude",
    "type": "event_type",
    "region": "admin1",
    "oblast": "admin1",
    "settlement": "place",
    "location": "place",
    "city": "place",
    "town": "place",
    "deaths": "killed",
    "fatalities": "killed",
    "wounded": "injured",
    "source": "source_name",
    "url": "source_url",
    "notes": "description",
    "published": "source_published",
}
AIR_DEFENCE_MARKERS = frozenset({"reported_by", "shot_down", "launched"})
REQUIRED_INCIDENT_COLUMNS = ("date", "place", "event_type")


class ReadError(IncidentError, ValueError):
    """The file as a whole cannot be read (not its rows: those are rejected one by one)."""


class _LineSpan:
    """The raw text of a CSV row, joined only when asked for (i.e. when it is rejected)."""

    __slots__ = ("lines", "start", "end")

    def __init__(self, lines: list[str], start: int, end: int):
        self.lines, self.start, self.end = lines, start, end

    def __str__(self) -> str:
        return "".join(self.lines[self.start : self.end]).rstrip("\r\n")


@dataclasses.dataclass
class RawRow:
    number: int
    kind: str  # "incident", "air_defence", or "deletion" (a row of ACLED's deletions list)
    fields: dict  # our field names -> values as given
    raw: object  # the row as it was in the file: str() of it is the text
    problem: str | None = None  # set when the row could not even be split into fields


@dataclasses.dataclass
class Reading:
    format: str
    encoding: str
    rows: list[RawRow]
    missing_columns: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    table: "CsvTable | None" = None  # CSV only: the rows as cells, for column-wise checks


def read_rows(data: bytes, format: str | None = None, *, name: str = "the file") -> Reading:
    """Split a file into raw rows; `format` None or "auto" detects it from the content."""
    text, encoding = decode(data, name=name)
    if format in (None, "auto"):
        format = detect_format(text)
    if format not in FORMATS:
        raise ReadError(f"format {format!r} is unknown; use auto, {', '.join(FORMATS)}")
    if not text.strip():
        raise ReadError(f"{name} is empty; nothing to import")
    if format in ("csv", "acled", "acled_deletions") and not text.lstrip().startswith(("{", "[")):
        reading = _read_csv(text, format, name=name)
    else:
        reading = _read_json(text, format, name=name)
    reading.encoding = encoding
    return reading


def detect_format(text: str) -> str:
    start = text.lstrip()[:1]
    if start in ("{", "["):
        head = text[:4096]
        if '"FeatureCollection"' in head or '"features"' in head or '"Feature"' in head:
            return "geojson"
        return "acled" if "event_id_cnty" in head else "json"
    first_line = _first_line(text.lstrip())
    header = next(csv.reader([first_line], delimiter=_delimiter(first_line)), [])
    if is_acled_deletions(header):
        return "acled_deletions"
    return "acled" if is_acled(header) else "csv"


def _first_line(text: str) -> str:
    """Up to the first line end: \n, \r\n, or a lone \r (old Mac files end lines so)."""
    end = _LINE_END.search(text)
    return text[: end.start()] if end else text


def _delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    return max(counts, key=counts.get)


def _column(name: str) -> str:
    key = "_".join(name.strip().casefold().split())
    return ALIASES.get(key, key)


def _read_csv(text: str, format: str, *, name: str) -> Reading:
    table = _csv_table(text, format, name=name)
    if table.acled:
        return Reading(format, "", CsvRows(table), table=table)
    columns = table.columns
    required = REQUIRED_INCIDENT_COLUMNS if table.kind == "incident" else ("date", "reported_by")
    missing = tuple(column for column in required if column not in columns)
    if table.kind == "incident" and "place" in missing and {"latitude", "longitude"} <= set(columns):
        missing = tuple(column for column in missing if column != "place")
    known = set(AIR_DEFENCE_FIELDS if table.kind == "air_defence" else INCIDENT_FIELDS)
    ignored = tuple(
        column
        for column, given in zip(columns, table.header, strict=True)
        if column not in known and given.strip()
    )
    return Reading(format, "", CsvRows(table), missing, ignored, table=table)


@dataclasses.dataclass
class CsvTable:
    """The data rows of a CSV file as parsed cells, blank lines left out.

    Kept as cells, not `RawRow`s, so the importer can check whole columns at once and
    build a `RawRow` only for a row that needs the row-by-row validator.
    """

    header: list[str]
    columns: list[str]  # our field names (ACLED: its own, casefolded)
    kind: str
    acled: bool
    delimiter: str
    text: str  # the whole file, decoded
    cells: Sequence[list[str]]  # a list, or `ColumnRows` when Arrow split the file
    numbers: Sequence[int]  # the line each row starts on (the header is line 1)
    ends: Sequence[int]  # the line after each row's last

    @functools.cached_property
    def lines(self) -> list[str]:
        """The file's lines, split on \n, \r and \r\n only (not on U+2028 and friends, as
        str.splitlines does), so csv.reader's line_num indexes them: a row's raw text is a
        slice. Made when first asked for: a file without a rejected row never needs them."""
        return list(io.StringIO(self.text, newline=""))

    @property
    def arrays(self) -> "list[pa.Array] | None":
        """The cells as one Arrow array per column, when Arrow split the file."""
        return getattr(self.cells, "arrays", None)

    def raw_row(self, index: int) -> RawRow:
        cells, number = self.cells[index], self.numbers[index]
        row = RawRow(number, self.kind, {}, _LineSpan(self.lines, number - 1, self.ends[index] - 1))
        if len(cells) != len(self.columns):
            row.problem = _shape_problem(cells, self.columns, self.delimiter, str(row.raw))
        else:
            fields = dict(zip(self.columns, cells, strict=True))
            if self.kind == "deletion":
                row.fields = acled_deletion(fields)
            elif self.acled:
                _read_acled(row, fields)
            else:
                row.fields = fields
        return row


class CsvRows(Sequence):
    """`RawRow`s of a CsvTable, built when asked for."""

    def __init__(self, table: CsvTable):
        self.table = table

    def __len__(self) -> int:
        return len(self.table.cells)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.table.raw_row(i) for i in range(len(self))[index]]
        return self.table.raw_row(range(len(self))[index])


def _read_acled(row: RawRow, fields: dict) -> None:
    mapped = acled_row(fields)
    row.kind, row.fields = mapped.kind, mapped.fields
    row.problem = row.problem or mapped.problem


def _csv_table(text: str, format: str, *, name: str) -> CsvTable:
    header_line = _first_line(text[:HEADER_CHARS].lstrip("\r\n"))  # not a copy of the file
    delimiter = _delimiter(header_line)
    reader = csv.reader(_lines_of(text), delimiter=delimiter)  # here only for the header
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        raise ReadError(f"{name} has no header line; the first line must name the columns")
    acled = format in ("acled", "acled_deletions")
    columns = [column.strip().casefold() for column in header] if acled else [_column(c) for c in header]
    duplicated = sorted({column for column in columns if columns.count(column) > 1 and column})
    if duplicated:
        raise ReadError(f"{name} names the column(s) {', '.join(duplicated)} twice; keep one of each")
    if format == "acled_deletions":
        kind = "deletion"
    elif acled:  # each row's own: a strike or an interception
        kind = "incident"
    else:
        kind = "air_defence" if AIR_DEFENCE_MARKERS & set(columns) else "incident"
    table = CsvTable(header, columns, kind, acled, delimiter, text, [], [], [])
    first = reader.line_num + 1  # the line after the header
    arrays = read_columns(text, delimiter, len(columns)) if first == 2 else None
    if arrays is not None:  # one row per line, none blank, all of the header's width
        rows = len(arrays[0])
        table.cells = ColumnRows(arrays)
        table.numbers, table.ends = range(2, 2 + rows), range(3, 3 + rows)
    else:
        _split_with_csv_reader(table, first)
    return table


_LINE_END = re.compile(r"\r\n|\r|\n")


def _lines_of(text: str):
    """The lines of `text` as `CsvTable.lines` has them, one at a time: io.StringIO would
    first copy the whole file (four bytes a character) to read its header."""
    start = 0
    while start < len(text):
        end = _LINE_END.search(text, start)
        stop = end.end() if end else len(text)
        yield text[start:stop]
        start = stop


def _split_with_csv_reader(table: CsvTable, first: int) -> None:
    lines = table.lines
    reader = csv.reader(lines[first - 1 :], delimiter=table.delimiter)
    parsed = list(reader)  # in C: a Python loop per row costs more than the parse itself
    if len(parsed) == len(lines) - first + 1:
        starts = range(first, first + len(parsed))  # no cell spans lines: row i is one line
        stops = range(first + 1, first + 1 + len(parsed))
    else:  # a quoted cell holds a line break: follow the reader line by line
        reader = csv.reader(lines[first - 1 :], delimiter=table.delimiter)
        starts, stops, line = [], [], first
        for _cells in reader:
            starts.append(line)
            line = first + reader.line_num
            stops.append(line)
    width = len(table.columns)
    # Blank lines are layout, not rows.
    keep = [len(cells) == width or any(cell.strip() for cell in cells) for cells in parsed]
    if all(keep):
        table.cells, table.numbers, table.ends = parsed, list(starts), list(stops)
    else:
        table.cells = [row for row, kept in zip(parsed, keep, strict=True) if kept]
        table.numbers = [n for n, kept in zip(starts, keep, strict=True) if kept]
        table.ends = [n for n, kept in zip(stops, keep, strict=True) if kept]


def _shape_problem(cells: list[str], columns: list[str], delimiter: str, raw: str) -> str:
    shown = {",": "comma", ";": "semicolon", "\t": "tab"}
    others = [d for d in DELIMITERS if d != delimiter and raw.count(d) >= len(columns) - 1]
    if others and len(cells) < len(columns):
        hint = (
            f"; it seems separated by {shown[others[0]]} while the header uses"
            f" {shown[delimiter]}: use {shown[delimiter]}s throughout the file"
        )
    elif len(cells) < len(columns):
        hint = "; the file may be cut off here: check the end of the file or export it again"
    else:
        hint = "; quote cells that contain the separator"
    return f"has {len(cells)} cell(s) but the header names {len(columns)} columns{hint}"


def _read_json(text: str, format: str, *, name: str) -> Reading:
    try:
        items, truncated_at = jsontext.parse(text, functools.partial(_json_records, format=format, name=name))
    except jsontext.JsonTooDeep:
        raise ReadError(f"{name} nests arrays or objects too deep to read; export it again") from None
    deep = [jsontext.deeper_than(item) for _, item in items]
    if truncated_at:
        deep.append(jsontext.text_deeper_than(truncated_at))
    if deep and all(deep):
        raise ReadError(
            f"{name} nests arrays or objects more than {jsontext.MAX_DEPTH} levels deep, with no"
            " record in it; export the records again as a JSON list of objects"
        )
    rows = []
    for number, (kind, item) in enumerate(items, start=1):
        if deep[number - 1]:  # neither printed nor read: both would recurse as deep
            raw = json.dumps(jsontext.outline(item), ensure_ascii=False)
            problem = (
                f"nests arrays or objects more than {jsontext.MAX_DEPTH} levels deep;"
                " write each field as text or a number"
            )
            rows.append(RawRow(number, kind, {}, raw, problem=problem))
            continue
        raw = json.dumps(item, ensure_ascii=False)
        row = RawRow(number, kind, {}, raw)
        if not isinstance(item, dict):
            row.problem = f"is a JSON {type(item).__name__}, not a record; write an object of field names"
        elif format == "geojson":
            row.fields, row.problem = _feature_fields(item)
        elif format == "acled_deletions":
            row.kind, row.fields = "deletion", acled_deletion({str(k).casefold(): v for k, v in item.items()})
        elif format == "acled" or "event_id_cnty" in item:
            _read_acled(row, {str(k).casefold(): v for k, v in item.items()})
        else:
            row.fields = {_column(str(key)): value for key, value in item.items()}
        rows.append(row)
    if truncated_at:
        rows.append(
            RawRow(
                len(rows) + 1,
                "incident",
                {},
                truncated_at,
                problem="is cut off: the file ends inside this record; export or copy the file again",
            )
        )
    return Reading(format, "", rows)


def _json_records(text: str, decoder: json.JSONDecoder, *, format: str, name: str):
    """(kind, item) of each record, and the cut-off tail of a truncated file (or None)."""
    try:
        document = decoder.decode(text)
    except json.JSONDecodeError as exc:
        return _salvage(text, exc, decoder, name=name)
    return _json_items(document, format, name=name), None


def _json_items(document, format: str, *, name: str) -> list[tuple[str, object]]:
    if format == "geojson":
        if not isinstance(document, dict) or not isinstance(document.get("features"), list):
            if isinstance(document, dict) and document.get("type") == "Feature":
                return [("incident", document)]
            raise ReadError(f"{name} is not a GeoJSON FeatureCollection (no 'features' list)")
        return [("incident", feature) for feature in document["features"]]
    if isinstance(document, list):
        return [("incident", item) for item in document]
    if isinstance(document, dict):
        if isinstance(document.get("data"), list):  # the ACLED API's envelope
            return [("incident", item) for item in document["data"]]
        items = [("incident", item) for item in document.get("incidents") or []]
        items += [("air_defence", item) for item in document.get("air_defence") or []]
        if items or "incidents" in document or "air_defence" in document:
            return items
        return [("incident", document)]
    raise ReadError(f"{name} holds a JSON {type(document).__name__}; expected a list of records")


def _salvage(text: str, error: json.JSONDecodeError, decoder: json.JSONDecoder, *, name: str):
    """Records before the point where a truncated file breaks off, and the broken tail.

    Only a file that is cut off is salvaged; a syntax error inside a complete file is
    the whole file's problem, since nothing after it can be trusted to line up.
    """
    where = f"line {error.lineno} column {error.colno}"
    if error.pos < len(text) and text[error.pos] == "\x00":
        invalid = ReadError(f"{name} has a NUL byte at {where}: it is damaged; export it again")
    else:
        invalid = ReadError(
            f"{name} is not valid JSON: {error.msg} at {where}; fix it there or export it again"
        )
    start = text.find("[")
    if start < 0:
        raise invalid from None
    items, position = [], start + 1
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if position >= len(text):
            return [("incident", item) for item in items], None
        if text[position] == "]":
            raise invalid from None
        try:
            item, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError:
            tail = text[position:].strip()
            if tail.endswith(("]", "}")):
                raise invalid from None
            return [("incident", item) for item in items], tail
        items.append(item)


def _feature_fields(feature: dict) -> tuple[dict, str | None]:
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        return {}, "has 'properties' that are not an object; write them as {\"field\": value}"
    fields = {_column(str(key)): value for key, value in properties.items()}
    if feature.get("id") is not None and fields.get("id") in (None, ""):
        fields["id"] = str(feature["id"])
    geometry = feature.get("geometry")
    if geometry is None:
        return fields, None
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        kind = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
        return (
            fields,
            f"has a {kind} geometry; give a Point (or a null geometry to geocode the place)",
        )
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) < 2:
        return fields, "has a Point without coordinates; give them as [longitude, latitude]"
    fields["longitude"], fields["latitude"] = coordinates[0], coordinates[1]  # RFC 7946 order
    return fields, None
