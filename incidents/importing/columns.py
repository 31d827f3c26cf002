"""Validation of a whole native CSV at once, for the common case: a fast path, never a judge.

Pure. Each column is checked in one pass over its Arrow array, and a value that
repeats (dates, types, countries, counts: most of a spreadsheet) goes through the row
validator's own parser once, and each distinct pair of counts through its rule that
children are within the total (`validate.children_above_total`). A row is vouched for
only when every cell is in a form whose outcome is certain and it has a point, a
region and a country (nothing for the gazetteer to do); any other row is left to
`validate_incident`, row by row, which alone rejects, so every rejection keeps its
row-numbered reason. For the rows it vouches for, the record is equal to what
`validate_incident` returns (tests compare the two on generated files full of odd
cells); its id and search text are made by the model's own column-wise rules
(`model.incident_ids`, `model.search_texts`), which the row path calls too.

Why Arrow: a Python object per cell, touched once per check, was most of an import's
time. Here the checks run in C over whole columns, and a Python value is made once
per cell, for the database.
"""

import dataclasses
import datetime as dt
import functools
import math

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from incidents.formats.readers import CsvTable
from incidents.importing.batch import RecordColumns
from incidents.rules import vocabulary as words
from incidents.rules.bounds import COUNT_MAX, ID_CHARS, TEXT_CHARS, VERSION_MAX
from incidents.rules.model import (
    COUNT_FIELDS,
    DATE_PRECISIONS,
    GEO_PRECISIONS,
    GEOCODERS,
    INCIDENT_FIELDS,
    INCIDENT_ID_FIELDS,
    SEARCH_FIELDS,
    incident_ids,
    search_texts,
)
from incidents.rules.validate import CHILDREN_OF, children_above_total, parse_choice
from incidents.rules.values import ValueProblem, parse_count, parse_date, parse_details, parse_time

_UNSURE = object()  # a cell whose outcome only the row validator may decide

# In the order `validate_incident` builds its record (the model's order), id last.
_FIELDS = tuple(name for name in INCIDENT_FIELDS if name != "id")
_TEXT_FIELDS = ("place", "admin1", "damage", "description", "source_name", "source_url")
RECORD_FIELDS = (*_FIELDS, "id")  # a record's keys, in the order `validate_incident` makes them
# What str.strip() strips: str.isspace(), true of nothing above U+3000.
_SPACES = pa.array([char for char in map(chr, range(0x3001)) if char.isspace()], pa.string())


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
    count = len(table.cells)
    given = dict(zip(table.columns, table.arrays or _arrays_of(table), strict=True))
    parsers = _parsers(today or dt.date.today())
    nul = "\x00" in table.text  # rare: NUL is looked for in each cell only if the file has one
    built = {}
    for name in _FIELDS:
        cells = given.get(name)
        if cells is None:  # no such column: every value is unknown, as `raw.get` gives
            built[name] = _Distinct.constant(_DEFAULTS.get(name), count)
        elif name in ("latitude", "longitude"):
            built[name] = _coordinates(cells, 90 if name == "latitude" else 180)
        elif name in _TEXT_FIELDS:
            built[name] = _Texts.stripped(cells, limit=TEXT_CHARS[name], nul=nul)
        else:
            built[name] = _Distinct.of_cells(cells, parsers[name])
    built["geocoder"] = built["geocoder"].mapped(lambda geocoder: geocoder or "source")
    if "id" in given:
        built["id"] = _Texts.stripped(given["id"], limit=ID_CHARS, nul=nul)
    left = set(np.flatnonzero(_left(built, count)).tolist())
    columns = [built[name].values for name in _FIELDS]
    columns.append(_ids(built.get("id"), built))
    searched = search_texts({name: built[name].texts for name in SEARCH_FIELDS})
    return RecordColumns(RECORD_FIELDS, columns, search_texts=searched), left


@dataclasses.dataclass
class _Distinct:
    """A column of few distinct values: each row's index into the parsed distinct cells."""

    indices: np.ndarray
    parsed: list

    @classmethod
    def of_cells(cls, cells: pa.Array, parse) -> "_Distinct":
        encoded = pc.dictionary_encode(cells)
        return cls(encoded.indices.to_numpy(), list(map(parse, encoded.dictionary.to_pylist())))

    @classmethod
    def constant(cls, value, count: int) -> "_Distinct":
        return cls(np.zeros(count, dtype=np.intp), [value])

    def mapped(self, change) -> "_Distinct":
        changed = [value if value is _UNSURE else change(value) for value in self.parsed]
        return _Distinct(self.indices, changed)

    @functools.cached_property
    def values(self) -> list:
        distinct = np.empty(len(self.parsed), dtype=object)
        distinct[:] = self.parsed
        return distinct[self.indices].tolist()

    def _where(self, test) -> np.ndarray:
        return np.array([test(value) for value in self.parsed], dtype=bool)[self.indices]

    @functools.cached_property
    def unsure(self) -> np.ndarray | None:
        return self._where(lambda value: value is _UNSURE) if _UNSURE in self.parsed else None

    @functools.cached_property
    def missing(self) -> np.ndarray:
        return self._where(lambda value: value is None)

    @functools.cached_property
    def texts(self) -> list[str]:
        """As text, "" where not text (None, or a cell left to the row validator)."""
        distinct = np.empty(len(self.parsed), dtype=object)
        distinct[:] = [value if type(value) is str else "" for value in self.parsed]
        return distinct[self.indices].tolist()

    def paired(self, other: "_Distinct", test) -> np.ndarray:
        """test(mine, theirs) of each row, asked once per distinct pair of values; a value
        left to the row validator is passed as None (its row is left to it anyway)."""
        mine = [None if value is _UNSURE else value for value in self.parsed]
        theirs = [None if value is _UNSURE else value for value in other.parsed]
        if len(mine) * len(theirs) <= len(self.indices):  # every pair that may occur: few
            verdicts = np.array([[test(one, two) for two in theirs] for one in mine], dtype=bool)
            return verdicts.reshape(len(mine), len(theirs))[self.indices, other.indices]
        codes = self.indices.astype(np.int64) * len(theirs) + other.indices
        pairs, rows = np.unique(codes, return_inverse=True)
        met = [test(mine[pair // len(theirs)], theirs[pair % len(theirs)]) for pair in pairs.tolist()]
        return np.array(met, dtype=bool)[rows]


@dataclasses.dataclass
class _Texts:
    """Free text, stripped as `validate_incident` strips it; empty is unknown (None).
    Text over its length limit, or holding a NUL, is left to the row validator."""

    cells: pa.Array  # "" where unknown
    unsure: np.ndarray | None = None

    @classmethod
    def stripped(cls, cells: pa.Array, *, limit: int, nul: bool) -> "_Texts":
        padded = pc.or_(
            pc.is_in(pc.utf8_slice_codeunits(cells, 0, 1), value_set=_SPACES),
            pc.is_in(pc.utf8_slice_codeunits(cells, -1, None), value_set=_SPACES),
        )
        if pc.any(padded).as_py():
            texts = cells.to_pylist()  # few cells have spaces around them: Python strips those
            for index in np.flatnonzero(padded.to_numpy(zero_copy_only=False)).tolist():
                texts[index] = texts[index].strip()
            cells = pa.array(texts, pa.string())
        # (A CSV's text has no lone surrogates: strict decoding never makes one.)
        unsure = pc.greater(pc.utf8_length(cells), limit)
        if nul:
            unsure = pc.or_(unsure, pc.match_substring(cells, "\x00"))
        if not pc.any(unsure).as_py():
            return cls(cells)
        return cls(cells, unsure.to_numpy(zero_copy_only=False))

    @functools.cached_property
    def missing(self) -> np.ndarray:
        return pc.equal(self.cells, "").to_numpy(zero_copy_only=False)

    @functools.cached_property
    def texts(self) -> list[str]:
        return self.cells.to_pylist()

    @functools.cached_property
    def values(self) -> list:
        return [text or None for text in self.texts] if self.missing.any() else self.texts


@dataclasses.dataclass
class _Coordinates:
    values: list  # floats, None where empty, _UNSURE where the row validator decides
    numbers: np.ndarray  # NaN where not a number
    missing: np.ndarray
    unsure: np.ndarray | None


def _coordinates(cells: pa.Array, limit: int) -> _Coordinates:
    # Arrow reads a plain decimal number exactly as float() does (both round correctly),
    # and refuses the rest (spaces, commas, words): those go to the Python reading below,
    # which leaves to the row path what `parse_coordinate` alone may judge.
    try:
        numbers = pc.cast(cells, pa.float64()).to_numpy()
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        numbers = None
    if numbers is not None and len(numbers) and -limit <= numbers.min() and numbers.max() <= limit:
        # (NaN fails both comparisons.)
        return _Coordinates(numbers.tolist(), numbers, np.zeros(len(numbers), dtype=bool), None)
    values = []
    for text in cells.to_pylist():
        if text == "":
            values.append(None)
            continue
        try:
            number = float(text)
        except ValueError:
            values.append(_UNSURE)
            continue
        values.append(number if -limit <= number <= limit and not math.isnan(number) else _UNSURE)
    numbers = np.array([value if type(value) is float else math.nan for value in values], dtype=float)
    missing = np.fromiter((value is None for value in values), dtype=bool, count=len(values))
    unsure = np.fromiter((value is _UNSURE for value in values), dtype=bool, count=len(values))
    return _Coordinates(values, numbers, missing, unsure if unsure.any() else None)


def _left(built: dict, count: int) -> np.ndarray:
    """Rows whose outcome is not certain here: the row validator gives the verdict."""
    left = np.zeros(count, dtype=bool)
    for column in built.values():
        if column.unsure is not None:
            left |= column.unsure
    latitudes, longitudes = built["latitude"], built["longitude"]
    # To geocode, or a placeholder point: the row path says which.
    left |= latitudes.missing | longitudes.missing
    left |= (latitudes.numbers == 0) & (longitudes.numbers == 0)
    left |= built["admin1"].missing | built["country"].missing  # the locator fills the region
    for child, total in CHILDREN_OF.items():
        left |= built[child].paired(built[total], children_above_total)
    return left


def _ids(given: _Texts | None, built: dict) -> list[str]:
    """The id cell when given, else the stable id `validate_incident` would make."""
    if given is not None and not given.missing.any():
        return given.values
    made = _made_ids(built)
    if given is None or given.missing.all():  # no ids, or an empty column as exports without ids have
        return made
    return [mine or made for mine, made in zip(given.values, made, strict=True)]


def _made_ids(built: dict) -> list[str]:
    # Each part's text is as `model.id_part` makes it: stripped (done), "" when unknown.
    return incident_ids({name: built[name].texts for name in INCIDENT_ID_FIELDS})


def _arrays_of(table: CsvTable) -> list[pa.Array]:
    """Arrow arrays of cells split by csv.reader. A row of the wrong width gets empty
    cells here: no date, so the row path takes it."""
    width = len(table.columns)
    whole = [cells if len(cells) == width else [""] * width for cells in table.cells]
    columns = zip(*whole, strict=True) if whole else [()] * width
    return [pa.array(column, pa.string()) for column in columns]


_DEFAULTS = {"date": _UNSURE, "event_type": _UNSURE, "date_precision": "day"}  # for missing columns


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

    def count(name: str):
        return guarded(functools.partial(parse_count, maximum=COUNT_MAX[name]))

    return {
        # A missing date or event type is a rejection: left to the row validator.
        "date": guarded(day, empty=_UNSURE, unknown_ok=False),
        "time": guarded(parse_time),
        "date_precision": guarded(
            lambda text: parse_choice(text, allowed=DATE_PRECISIONS) or "day", empty="day"
        ),
        "country": guarded(words.country_code),
        "geo_precision": guarded(lambda text: parse_choice(text, allowed=GEO_PRECISIONS)),
        "geocoder": guarded(lambda text: parse_choice(text, allowed=GEOCODERS)),
        "event_type": guarded(words.event_type, empty=_UNSURE, unknown_ok=False),
        "attacker": guarded(words.attacker),
        "source_published": guarded(day),
        "source_version": guarded(functools.partial(parse_count, maximum=VERSION_MAX)),
        "source_details": guarded(functools.partial(parse_details, limit=TEXT_CHARS["source_details"])),
        **{name: count(name) for name in COUNT_FIELDS},
    }
