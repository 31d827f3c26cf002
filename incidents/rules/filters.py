"""One filter over incident records: date range, places, types, attacker, casualties, text.

The same object answers in two places, with the same rules: `matches(record)` on a
dict (a record arriving, a test's expectation), `where(table)` as an SQL condition (every
view asks the store: `incidents.storage.queries`). The rules:
dates compare as ISO strings; lists match exactly (any of); a record whose value is
unknown (None) never passes a condition on that field; `text` is a case-insensitive
substring of place, damage and description (`model.search_text`), and a place name in
another spelling or script finds the place as stored ("Павлоград" and "Pavlograd" find
Pavlohrad, "Kharkov" finds Kharkiv: `needles`).
"""

import dataclasses
import datetime as dt

import sqlalchemy as sa

from geodata import InvalidQueryError
from geodata.places import resolve_place
from incidents import IncidentError
from incidents.rules.model import ATTACKERS, EVENT_TYPES, search_text


class FilterError(IncidentError, ValueError):
    """A filter value that cannot be used."""


def parse_day(value: str | dt.date | None, *, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise FilterError(f"{name}: {value!r} is not a date; use YYYY-MM-DD, e.g. 2025-07-20") from None


@dataclasses.dataclass(frozen=True)
class IncidentFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    attacker: str | None = None
    min_killed: int | None = None
    min_injured: int | None = None
    text: str | None = None
    # What `text` is looked for as (casefolded): itself, and the gazetteer's name of the
    # place it names, when that is spelt otherwise. Any one of them matching is a match.
    needles: tuple[str, ...] = dataclasses.field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self):
        set_ = object.__setattr__
        set_(self, "date_from", parse_day(self.date_from, name="from"))
        set_(self, "date_to", parse_day(self.date_to, name="to"))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterError(f"from {self.date_from} is after to {self.date_to}")
        set_(self, "countries", tuple(c.strip().upper() for c in _listed(self.countries)))
        set_(self, "regions", tuple(_listed(self.regions)))
        set_(self, "places", tuple(_listed(self.places)))
        set_(self, "event_types", tuple(_listed(self.event_types)))
        set_(self, "text", (self.text or "").strip() or None)
        set_(self, "needles", _needles(self.text) if self.text else ())
        for event_type in self.event_types:
            if event_type not in EVENT_TYPES:
                raise FilterError(f"type {event_type!r} is unknown; use one of {', '.join(EVENT_TYPES)}")
        if self.attacker is not None and self.attacker not in ATTACKERS:
            raise FilterError(f"attacker {self.attacker!r} is unknown; use RU or UA")
        for name in ("min_killed", "min_injured"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 0):
                raise FilterError(f"{name.replace('_', '-')} {value!r} must be a whole number, 0 or more")

    def _choices(self) -> tuple[tuple[tuple[str, ...], str], ...]:
        """The filter's lists of allowed values, each with the record field it limits."""
        return (
            (self.countries, "country"),
            (self.regions, "admin1"),
            (self.places, "place"),
            (self.event_types, "event_type"),
        )

    def matches(self, record: dict) -> bool:
        day = record.get("date")
        if self.date_from and (day is None or str(day) < self.date_from.isoformat()):
            return False
        if self.date_to and (day is None or str(day) > self.date_to.isoformat()):
            return False
        for values, column in self._choices():
            if values and record.get(column) not in values:
                return False
        if self.attacker and record.get("attacker") != self.attacker:
            return False
        if not _reaches(record.get("killed"), self.min_killed):
            return False
        if not _reaches(record.get("injured"), self.min_injured):
            return False
        if self.text:
            searched = search_text(record)
            if not any(needle in searched for needle in self.needles):
                return False
        return True

    def apply(self, records: list[dict]) -> list[dict]:
        return [record for record in records if self.matches(record)]

    def is_empty(self) -> bool:
        return self == IncidentFilter()

    def where(self, table: sa.Table) -> sa.ColumnElement[bool]:
        """The SQL condition on the store's incidents table (which has a `search_text` column)."""
        c = table.c
        conditions = []
        if self.date_from:
            conditions.append(c.date >= self.date_from.isoformat())
        if self.date_to:
            conditions.append(c.date <= self.date_to.isoformat())
        # Columns by name, looked up only when used: the store's summary table has
        # no place, and answers only filters that do not ask for one.
        for values, column in self._choices():
            if values:
                conditions.append(c[column].in_(values))
        if self.attacker:
            conditions.append(c.attacker == self.attacker)
        # NULL >= n is NULL, so an unknown count never passes, as in `matches`.
        if self.min_killed is not None:
            conditions.append(c.killed >= self.min_killed)
        if self.min_injured is not None:
            conditions.append(c.injured >= self.min_injured)
        if self.text:
            conditions.append(
                sa.or_(*(c.search_text.contains(needle, autoescape=True) for needle in self.needles))
            )
        return sa.and_(sa.true(), *conditions)


MAX_PLACE_CHARS = 100  # a longer text is a phrase, not a place name


def _needles(text: str) -> tuple[str, ...]:
    needles = [text.casefold()]
    if len(text) <= MAX_PLACE_CHARS and any(char.isalpha() for char in text):
        try:
            match = resolve_place(text)
        except InvalidQueryError:
            match = None
        if match is not None and match.name.casefold() not in needles:
            needles.append(match.name.casefold())
    return tuple(needles)


def _listed(values) -> tuple:
    # A single string is one value, not a sequence of letters.
    return (values,) if isinstance(values, str) else tuple(values or ())


def _reaches(count: int | None, minimum: int | None) -> bool:
    # An unknown count never passes a minimum: we cannot say it was reached.
    return minimum is None or (count is not None and count >= minimum)
