"""The record model of DESIGN.md: field names, allowed values and stable ids.

Unknown is None, never 0: `killed=None` means "not reported", `killed=0` means
"reported: no deaths".
"""

import hashlib
from collections.abc import Iterable, Mapping, Sequence

# What a source says of its own record, for both kinds: `source_version` orders the
# revisions a source publishes of one record (ACLED's `timestamp`: a newer one replaces
# an older one, never the reverse); `source_details` keeps, as a JSON object, the source's
# own columns that a user filters or cites by (ACLED's admin2, tags, inter1...).
SOURCE_RECORD_FIELDS = ("source_version", "source_details")

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
    *SOURCE_RECORD_FIELDS,
)


def complete_record(record: dict, fields: tuple[str, ...]) -> dict:
    """`record` with every one of `fields`, those it leaves out unknown (None)."""
    return record if all(name in record for name in fields) else {name: record.get(name) for name in fields}


COUNT_FIELDS = (
    "killed",
    "injured",
    "children_killed",
    "children_injured",
    "households_without_power",
)
# People: the casualty figures, children a part of killed and injured.
CASUALTY_FIELDS = tuple(name for name in COUNT_FIELDS if name != "households_without_power")
# What a view totals (the metrics Killed, Injured, Households without power): children are
# counted within killed and injured, so they are never added on top.
HEADLINE_COUNT_FIELDS = tuple(name for name in COUNT_FIELDS if not name.startswith("children_"))
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
    *SOURCE_RECORD_FIELDS,
)

EVENT_TYPES = ("drone_strike", "missile_strike", "glide_bomb", "air_strike", "shelling", "debris", "other")
ATTACKERS = ("RU", "UA")
DATE_PRECISIONS = ("day", "week", "month")
GEO_PRECISIONS = ("exact", "settlement", "admin1", "country")
GEOCODERS = ("source", "gazetteer", "nominatim", "photon", "manual")
WEAPONS = ("drone", "missile")


# Each rule below is stated once, column-wise: the import's column path calls it on whole
# columns, and the row path on one row (`incident_id`, `search_text`, `content_hash`), so
# the two cannot drift apart.

INCIDENT_ID_FIELDS = ("date", "place", "event_type", "source_name")
AIR_DEFENCE_ID_FIELDS = ("date", "reported_by", "weapon", "area", "source_name")
_ID_SEPARATOR = "\x1f"
_INCIDENT_ID_PREFIX, _AIR_DEFENCE_ID_PREFIX = "inc-", "ad-"


def id_part(value) -> str:
    """A record's value as a part of its stable id: as text, stripped; "" when unknown."""
    return "" if value is None else str(value).strip()


def incident_ids(parts: Mapping[str, Sequence[str]]) -> list[str]:
    """A stable id per row from date, place, type and source (`parts`: field name -> column,
    each value as `id_part` makes it): re-importing a row never duplicates it."""
    return _stable_ids(_INCIDENT_ID_PREFIX, zip(*(parts[name] for name in INCIDENT_ID_FIELDS), strict=True))


def incident_id(record: dict) -> str:
    return _stable_ids(_INCIDENT_ID_PREFIX, [[id_part(record.get(name)) for name in INCIDENT_ID_FIELDS]])[0]


def air_defence_id(record: dict) -> str:
    return _stable_ids(
        _AIR_DEFENCE_ID_PREFIX, [[id_part(record.get(name)) for name in AIR_DEFENCE_ID_FIELDS]]
    )[0]


def _stable_ids(prefix: str, rows: Iterable[Sequence[str]]) -> list[str]:
    # The parts casefolded (folding the joined text is the same: it folds each character
    # alone, and leaves the separator be), joined, and the start of their SHA-1.
    sha1 = hashlib.sha1
    return [prefix + sha1(key.casefold().encode()).hexdigest()[:16] for key in map(_ID_SEPARATOR.join, rows)]


SEARCH_FIELDS = ("place", "damage", "description")


def search_texts(columns: Mapping[str, Sequence]) -> list[str]:
    """Per row of `columns` (field name -> values): what the filter's `text` is looked for
    in, casefolded once so SQL and Python agree. Each value as `_text` shows it."""
    texts = [_texts(columns[name]) for name in SEARCH_FIELDS]
    try:
        return _searched(zip(*texts, strict=True))
    except TypeError:  # a value that is neither text nor None (a number)
        return _searched(zip(*(list(map(_text, column)) for column in texts), strict=True))


def search_text(record: dict) -> str:
    return _searched([[_text(record.get(name)) for name in SEARCH_FIELDS]])[0]


def _text(value) -> str:
    return str(value or "")  # "" when unknown (or empty, or 0)


def _texts(values: Sequence) -> Sequence:
    # `_text` of each value, when they are text or None: a column of text (as the column
    # path has them, "" when unknown) is taken as it is.
    return values if None not in values else [value or "" for value in values]


def _searched(rows: Iterable[Sequence[str]]) -> list[str]:
    return list(map(str.casefold, map(" ".join, rows)))


def content_hashes(rows: Iterable[Sequence], fields: tuple[str, ...]) -> list[str]:
    """Per row of values in `fields` order (the id first; any values after those of
    `fields` are not its): a digest of every field but the id, which tells an updated
    re-import from a duplicate."""
    # repr of a list of str/int/float/None is exact and stable, and fast to build.
    width, sha1 = len(fields), hashlib.sha1
    return [sha1(repr(list(row[1:width])).encode()).hexdigest() for row in rows]


def content_hash(record: dict, fields: tuple[str, ...]) -> str:
    return content_hashes([[record.get(name) for name in fields]], fields)[0]
