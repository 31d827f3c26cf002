"""The ACLED export (31 columns) mapped to our fields. Pure.

ACLED's codes: `time_precision` 1/2/3 = day/week/month; `geo_precision` 1 = the town
itself, 2 = near a town, 3 = only a larger region named (the point is its centre).
"""

import re

from geodata import countries
from incidents.rules import vocabulary as words

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
# Enough to recognise an export: the rest may be dropped by a user trimming columns.
ACLED_SIGNATURE = frozenset({"event_id_cnty", "event_date", "sub_event_type"})

TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
GEO_PRECISION = {"1": "settlement", "2": "settlement", "3": "admin1"}

# ACLED names a region without its kind ("Kharkiv"); our admin1 is "Kharkiv Oblast".
UKRAINE_REGIONS_WITHOUT_OBLAST = {
    "Kyiv City": "Kyiv",
    "Crimea": "Crimea",
    "Sevastopol": "Sevastopol",
}


def is_acled(columns) -> bool:
    return ACLED_SIGNATURE <= {str(column).strip().casefold() for column in columns}


def acled_fields(row: dict) -> dict:
    """Our field names and values for one ACLED row; validation follows as for any row."""
    notes = row.get("notes") or ""
    country = row.get("country") or row.get("iso")
    return {
        "id": row.get("event_id_cnty"),
        "date": row.get("event_date"),
        "date_precision": TIME_PRECISION.get(str(row.get("time_precision") or "").strip(), None),
        "place": row.get("location"),
        "admin1": _admin1(row.get("admin1"), row.get("country")),
        "country": _iso_numeric(country),
        "latitude": row.get("latitude"),
        "longitude": row.get("longitude"),
        "geo_precision": GEO_PRECISION.get(str(row.get("geo_precision") or "").strip()),
        "event_type": _event_type(row.get("event_type"), row.get("sub_event_type"), notes),
        "attacker": words.attacker_in(row.get("actor1")),
        "killed": row.get("fatalities"),
        "description": notes or None,
        "source_name": row.get("source"),
    }


def _event_type(event_type, sub_event_type, notes: str) -> str:
    """ACLED's sub-event lumps drones with aircraft and missiles with artillery: the notes tell."""
    sub = str(sub_event_type or "").casefold()
    if sub.startswith("air/drone strike") or sub.startswith("shelling/artillery/missile"):
        try:
            found = words.event_type(notes)
        except ValueError:
            found = None
        if found in words.NAMED_EVENT_TYPES:
            return found
        return "shelling" if sub.startswith("shelling") else "other"
    return "other"


def _admin1(name, country) -> str | None:
    if not name:
        return None
    name = str(name).strip()
    if str(country or "").strip() == "Ukraine" and not re.search(r"\b(Oblast|City)$", name):
        return UKRAINE_REGIONS_WITHOUT_OBLAST.get(name, f"{name} Oblast")
    return UKRAINE_REGIONS_WITHOUT_OBLAST.get(name, name)


def _iso_numeric(country):
    # ACLED's `iso` column is ISO 3166 numeric (804 = Ukraine, 643 = Russia).
    return countries.country_of_numeric(country) or country
