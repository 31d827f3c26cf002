"""The record model of DESIGN.md: field names, allowed values and stable ids.

Unknown is None, never 0: `killed=None` means "not reported", `killed=0` means
"reported: no deaths".
"""

import hashlib

INCIDENT_FIELDS = (
    "id",
    "date",
    "time",
    "date_precision",
    "place",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "geocoder",
    "event_type",
    "attacker",
    "killed",
    "injured",
    "children_killed",
    "children_injured",
    "households_without_power",
    "damage",
    "description",
    "source_name",
    "source_url",
    "source_published",
)

COUNT_FIELDS = (
    "killed",
    "injured",
    "children_killed",
    "children_injured",
    "households_without_power",
)
AIR_DEFENCE_COUNT_FIELDS = ("launched", "shot_down", "lost")
# What an air-defence report says, without its id and its source.
AIR_DEFENCE_FACTS = ("date", "reported_by", "attacker", "weapon", *AIR_DEFENCE_COUNT_FIELDS, "area")
AIR_DEFENCE_FIELDS = (
    "id",
    *AIR_DEFENCE_FACTS,
    "description",
    "source_name",
    "source_url",
    "source_published",
)

EVENT_TYPES = ("drone_strike", "missile_strike", "glide_bomb", "shelling", "debris", "other")
ATTACKERS = ("RU", "UA")
DATE_PRECISIONS = ("day", "week", "month")
GEO_PRECISIONS = ("exact", "settlement", "admin1", "country")
GEOCODERS = ("source", "gazetteer", "nominatim", "manual")
WEAPONS = ("drone", "missile")


def _digest(parts: tuple) -> str:
    joined = "\x1f".join("" if part is None else str(part).strip().casefold() for part in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def incident_id(record: dict) -> str:
    """A stable id from date, place, type and source: re-importing a row never duplicates it."""
    return "inc-" + _digest(
        (
            record.get("date"),
            record.get("place"),
            record.get("event_type"),
            record.get("source_name"),
        )
    )


def air_defence_id(record: dict) -> str:
    return "ad-" + _digest(
        (
            record.get("date"),
            record.get("reported_by"),
            record.get("weapon"),
            record.get("area"),
            record.get("source_name"),
        )
    )


SEARCH_FIELDS = ("place", "damage", "description")


def search_text(record: dict) -> str:
    """What the filter's `text` is looked for in, casefolded once so SQL and Python agree."""
    return " ".join(str(record.get(name) or "") for name in SEARCH_FIELDS).casefold()


def content_hash(record: dict, fields: tuple[str, ...]) -> str:
    """A digest of every field but the id: tells an updated re-import from a duplicate."""
    # repr of a tuple of str/int/float/None is exact and stable, and fast to build.
    return hashlib.sha1(repr([record.get(name) for name in fields[1:]]).encode()).hexdigest()
