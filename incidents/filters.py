"""One filter over incident records: date range, places, types, attacker, casualties, text.

Pure: `IncidentFilter.matches` works on a record dict; the store and the dashboard
apply the same object.
"""

import dataclasses
import datetime as dt

from incidents import IncidentError
from incidents.model import ATTACKERS, EVENT_TYPES


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

    def __post_init__(self):
        set_ = object.__setattr__
        set_(self, "date_from", parse_day(self.date_from, name="from"))
        set_(self, "date_to", parse_day(self.date_to, name="to"))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterError(f"from {self.date_from} is after to {self.date_to}")
        set_(self, "countries", tuple(c.strip().upper() for c in self.countries))
        set_(self, "regions", tuple(self.regions))
        set_(self, "places", tuple(self.places))
        set_(self, "event_types", tuple(self.event_types))
        for event_type in self.event_types:
            if event_type not in EVENT_TYPES:
                raise FilterError(f"type {event_type!r} is unknown; use one of {', '.join(EVENT_TYPES)}")
        if self.attacker is not None and self.attacker not in ATTACKERS:
            raise FilterError(f"attacker {self.attacker!r} is unknown; use RU or UA")
        for name in ("min_killed", "min_injured"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 0):
                raise FilterError(f"{name.replace('_', '-')} {value!r} must be a whole number, 0 or more")

    def matches(self, record: dict) -> bool:
        day = record.get("date")
        if self.date_from and (day is None or str(day) < self.date_from.isoformat()):
            return False
        if self.date_to and (day is None or str(day) > self.date_to.isoformat()):
            return False
        if self.countries and record.get("country") not in self.countries:
            return False
        if self.regions and record.get("admin1") not in self.regions:
            return False
        if self.places and record.get("place") not in self.places:
            return False
        if self.event_types and record.get("event_type") not in self.event_types:
            return False
        if self.attacker and record.get("attacker") != self.attacker:
            return False
        if not _reaches(record.get("killed"), self.min_killed):
            return False
        if not _reaches(record.get("injured"), self.min_injured):
            return False
        if self.text:
            needle = self.text.casefold()
            haystack = " ".join(
                str(record.get(name) or "") for name in ("place", "damage", "description")
            ).casefold()
            if needle not in haystack:
                return False
        return True

    def apply(self, records: list[dict]) -> list[dict]:
        return [record for record in records if self.matches(record)]


def _reaches(count: int | None, minimum: int | None) -> bool:
    # An unknown count never passes a minimum: we cannot say it was reached.
    return minimum is None or (count is not None and count >= minimum)
