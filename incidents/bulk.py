"""Validation of a whole native CSV at once, for the common case: a fast path, never a judge.

Pure. Each column is checked in one pass, and a value that repeats (dates, types,
countries, counts: most of a spreadsheet) goes through the row validator's own
parser once. A row is vouched for only when every cell is in a form whose outcome is
certain and it has a point, a region and a country (nothing for the gazetteer to do);
any other row gets None and goes to `validate_incident` row by row, which alone
rejects, so every rejection keeps its row-numbered reason. For the rows it vouches
for, the record is equal to what `validate_incident` returns (a test compares them).
"""

import datetime as dt
import math

from incidents import vocabulary as words
from incidents.batch import RecordColumns
from incidents.model import (
    COUNT_FIELDS,
    DATE_PRECISIONS,
    GEO_PRECISIONS,
    GEOCODERS,
    INCIDENT_FIELDS,
    incident_ids,
)
from incidents.readers import CsvTable
from incidents.validate import CHILDREN_OF, _choice
from incidents.values import ValueProblem, parse_count, parse_date, parse_time

_UNSURE = object()  # a cell whose outcome only the row validator may decide

# In the order `validate_incident` builds its record (the model's order), id last.
_FIELDS = tuple(name for name in INCIDENT_FIELDS if name != "id")
_TEXT_FIELDS = ("place", "admin1", "damage", "description", "source_name", "source_url")


RECORD_FIELDS = (*_FIELDS, "id")  # a record's keys, in the order `validate_incident` makes them


def validate_table(table: CsvTable, *, today: dt.date | None = None) -> list[dict | None] | None:
    """Per row of `table`: its record, or None for the row validator; None if no row qualifies."""
    vouched = vouch_table(table, today=today)
    if vouched is None:
        return None
    records, left = vouched
    return [None if index in left else record for index, record in enumerate(records)]


def vouch_table(table: CsvTable, *, today: dt.date | None = None) -> tuple[RecordColumns, set[int]] | None:
    """The records of `table` as columns, and the rows left to the row validator (their
    values in the columns are meaningless); None if the table is not for this path."""
    if table.acled or table.kind != "incident" or "sources" in table.columns:
        return None  # other shapes: the row path's mapping decides
    if not {"latitude", "longitude"} <= set(table.columns):
        return None  # every row needs the gazetteer
    width = len(table.columns)
    # A row of the wrong width gets empty cells here: no date, so the row path takes it.
    whole = [cells if len(cells) == width else [""] * width for cells in table.cells]
    given = dict(zip(table.columns, zip(*whole, strict=True), strict=True)) if whole else {}
    count = len(table.cells)
    parsers = _parsers(today)
    columns = []
    for name in _FIELDS:
        cells = given.get(name)
        if cells is None:  # no such column: every value is unknown, as `raw.get` gives
            columns.append(_default(name, count))
        elif name in ("latitude", "longitude"):
            columns.append(_coordinates(cells, 90 if name == "latitude" else 180))
        elif name in _TEXT_FIELDS:
            columns.append(_texts(cells))
        else:
            columns.append(_mapped(cells, parsers[name]))
    by_name = dict(zip(_FIELDS, columns, strict=True))
    left = _left(by_name)
    by_name["geocoder"][:] = [geocoder or "source" for geocoder in by_name["geocoder"]]
    columns.append(_ids(given.get("id"), by_name))
    return RecordColumns(RECORD_FIELDS, columns), left


def _left(by_name: dict) -> set[int]:
    """Rows whose outcome is not certain here: the row validator gives the verdict."""
    left = set()
    for column in by_name.values():
        if _UNSURE in column:
            left.update(index for index, value in enumerate(column) if value is _UNSURE)
    latitudes, longitudes = by_name["latitude"], by_name["longitude"]
    if None in latitudes or None in longitudes or 0 in latitudes:
        # To geocode, or a placeholder point: the row path says which.
        left.update(
            index
            for index, (latitude, longitude) in enumerate(zip(latitudes, longitudes, strict=True))
            if latitude is None or longitude is None or (latitude == 0 and longitude == 0)
        )
    for name in ("admin1", "country"):  # the locator fills the region from the point
        if None in by_name[name]:
            left.update(index for index, value in enumerate(by_name[name]) if value is None)
    for child, total in CHILDREN_OF.items():
        children, totals = by_name[child], by_name[total]
        if children.count(None) == len(children) or totals.count(None) == len(totals):
            continue
        left.update(
            index
            for index, (few, many) in enumerate(zip(children, totals, strict=True))
            if few is not None
            and many is not None
            and few is not _UNSURE
            and many is not _UNSURE
            and few > many
        )
    return left


def _ids(cells, by_name: dict) -> list[str]:
    """The id cell when given, else the stable id `validate_incident` would make."""
    given = [cell.strip() for cell in cells] if cells is not None else None
    if given is not None and all(given):
        return given
    if given is not None and not any(given):
        given = None  # an empty id column, as a file exported without ids has
    made = incident_ids(by_name["date"], by_name["place"], by_name["event_type"], by_name["source_name"])
    return made if given is None else [mine or made for mine, made in zip(given, made, strict=True)]


def _parsers(today: dt.date | None) -> dict:
    """Per field: cell text -> clean value, or _UNSURE. Empty cells follow `_Problems.read`."""

    def guarded(parse, *, empty=None, unknown_ok=True):
        def parser(text: str):
            if text == "":
                return empty
            try:
                value = parse(text)
            except ValueProblem:
                return _UNSURE
            return _UNSURE if value is None and not unknown_ok else value

        return parser

    def day(text: str):
        value = parse_date(text, today=today)
        return None if value is None else value.isoformat()

    return {
        # A missing date or event type is a rejection: left to the row validator.
        "date": guarded(day, empty=_UNSURE, unknown_ok=False),
        "time": guarded(parse_time),
        "date_precision": guarded(lambda text: _choice(text, allowed=DATE_PRECISIONS) or "day", empty="day"),
        "country": guarded(words.country_code),
        "geo_precision": guarded(lambda text: _choice(text, allowed=GEO_PRECISIONS)),
        "geocoder": guarded(lambda text: _choice(text, allowed=GEOCODERS)),
        "event_type": guarded(words.event_type, empty=_UNSURE, unknown_ok=False),
        "attacker": guarded(words.attacker),
        "source_published": guarded(day),
        **{name: guarded(parse_count) for name in COUNT_FIELDS},
    }


def _mapped(cells: tuple[str, ...], parse) -> list:
    # Columns repeat a few values many times: parse each distinct one once.
    if cells.count("") == len(cells):  # a column left empty, as many are: counted in C
        return [parse("")] * len(cells)
    known = {text: parse(text) for text in set(cells)}
    return list(map(known.__getitem__, cells))


def _texts(cells: tuple[str, ...]) -> list:
    stripped = list(map(str.strip, cells))
    return [text or None for text in stripped] if "" in stripped else stripped


def _coordinates(cells: tuple[str, ...], limit: int) -> list:
    # float() reads exactly what `parse_coordinate` reads for text without a decimal comma;
    # a comma, an unknown word ("nan" too) or a value out of range is left to the row path.
    try:  # the common case, every cell a number in range: in C
        values = list(map(float, cells))
    except ValueError:
        pass
    else:
        if values and -limit <= min(values) and max(values) <= limit and not any(map(math.isnan, values)):
            return values
    values = []
    for text in cells:
        if text == "":
            values.append(None)
            continue
        try:
            number = float(text)
        except ValueError:
            values.append(_UNSURE)
            continue
        values.append(number if -limit <= number <= limit and not math.isnan(number) else _UNSURE)
    return values


def _default(name: str, count: int) -> list:
    if name in ("date", "event_type"):
        return [_UNSURE] * count
    return ["day" if name == "date_precision" else None] * count
