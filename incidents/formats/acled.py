"""ACLED exports read with ACLED's meaning. Pure.

Every row becomes a strike (an incident), an interception (an air-defence report) or a
rejection that says why the product does not map it; `ACLED_TYPES` is the whole table,
and the README prints it. The notes decide what the sub-event leaves open: ACLED's
"Air/drone strike" lumps drones with aircraft, glide bombs and air-launched missiles,
and its "Shelling/artillery/missile attack" missiles with guns.

Three layouts read the same: the 31-column export, the 2025 export (byte-order mark,
every field quoted, actor types as text: "State forces") and the older one (`data_id`,
`event_id_no_cnty`, `iso3`, dates as "19 April 2022", actor types as codes: 1).

ACLED's codes: `time_precision` 1/2/3 = day/week/month; `geo_precision` 1 = the town
itself, 2 = near a town, 3 = only a larger region named (the point is its centre).
"""

import dataclasses
import re

from geodata import countries
from incidents.extract.airdefence import read_air_defence
from incidents.extract.casualties import find_casualties
from incidents.extract.effects import damage, households_without_power
from incidents.extract.text import clauses
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
# ACLED's list of deleted events: the id and when it was deleted.
DELETIONS_SIGNATURE = frozenset({"event_id_cnty", "deleted_timestamp"})

TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
GEO_PRECISION = {"1": "settlement", "2": "settlement", "3": "admin1"}
# The older layout codes actor types as numbers; the newer ones write them out.
ACTOR_TYPES = {
    "0": None,
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
}
# ACLED's columns that the record keeps as they are (`source_details`): what a user
# filters or cites by, and ACLED's own fatality figure beside the one the notes give.
# Mapped to a field of the record (the rest go into `source_details` as they are).
MAPPED_COLUMNS = frozenset(
    {"event_id_cnty", "event_date", "year", "country", "admin1", "location", "latitude", "longitude"}
    | {"source", "notes", "timestamp"}
)
OLD_LAYOUT_COLUMNS = ("data_id", "event_id_no_cnty", "iso3")
DETAIL_COLUMNS = (*(name for name in ACLED_COLUMNS if name not in MAPPED_COLUMNS), *OLD_LAYOUT_COLUMNS)

# ACLED names a region without its kind ("Kharkiv"); our admin1 is "Kharkiv Oblast".
UKRAINE_REGIONS_WITHOUT_OBLAST = {
    "Kyiv City": "Kyiv",
    "Crimea": "Crimea",
    "Sevastopol": "Sevastopol",
}


@dataclasses.dataclass(frozen=True)
class AcledType:
    """What one ACLED event type / sub-event type becomes."""

    becomes: str  # "incident", "air_defence (interceptions)" or "rejected"
    event_types: tuple[str, ...] = ()  # for incidents: the types the notes may name
    default: str | None = None  # for incidents: the type when the notes name none
    reason: str = ""  # for rejections: what the rows are


_STRIKES_BY_AIR = ("debris", "glide_bomb", "missile_strike", "drone_strike", "air_strike")
_STRIKES_BY_GROUND = ("debris", "missile_strike", "shelling")
_ANY_STRIKE = ("debris", "glide_bomb", "missile_strike", "drone_strike", "shelling", "air_strike")


def _not_a_strike(what: str) -> AcledType:
    return AcledType("rejected", reason=what)


EXPLOSIONS, STRATEGIC = "explosions/remote violence", "strategic developments"
# (event_type, sub_event_type), casefolded -> what it becomes. ACLED's codebook, whole.
ACLED_TYPES: dict[tuple[str, str], AcledType] = {
    (EXPLOSIONS, "air/drone strike"): AcledType("incident", _STRIKES_BY_AIR, "other"),
    (EXPLOSIONS, "shelling/artillery/missile attack"): AcledType("incident", _STRIKES_BY_GROUND, "shelling"),
    # Explosions with no weapon of the other side named: a strike of no named type
    # unless the notes name one ("a drone dropped a grenade" is a drone strike).
    (EXPLOSIONS, "remote explosive/landmine/ied"): AcledType("incident", _ANY_STRIKE, "other"),
    (EXPLOSIONS, "grenade"): AcledType("incident", _ANY_STRIKE, "other"),
    (EXPLOSIONS, "suicide bomb"): AcledType("incident", _ANY_STRIKE, "other"),
    (EXPLOSIONS, "chemical weapon"): AcledType("incident", _ANY_STRIKE, "other"),
    (STRATEGIC, "disrupted weapons use"): AcledType("air_defence"),
    (STRATEGIC, "agreement"): _not_a_strike("an agreement"),
    (STRATEGIC, "arrests"): _not_a_strike("an arrest"),
    (STRATEGIC, "change to group/activity"): _not_a_strike("a change to a group or its activity"),
    (STRATEGIC, "headquarters or base established"): _not_a_strike("a base established"),
    (STRATEGIC, "looting/property destruction"): _not_a_strike("looting or property destruction"),
    (STRATEGIC, "non-violent transfer of territory"): _not_a_strike("a transfer of territory"),
    (STRATEGIC, "other"): _not_a_strike("a strategic development"),
    ("battles", "armed clash"): _not_a_strike("a battle"),
    ("battles", "government regains territory"): _not_a_strike("a battle"),
    ("battles", "non-state actor overtakes territory"): _not_a_strike("a battle"),
    ("violence against civilians", "attack"): _not_a_strike("violence against civilians"),
    ("violence against civilians", "abduction/forced disappearance"): _not_a_strike("an abduction"),
    ("violence against civilians", "sexual violence"): _not_a_strike("violence against civilians"),
    ("violence against civilians", "forced recruitment"): _not_a_strike("a forced recruitment"),
    ("protests", "peaceful protest"): _not_a_strike("a protest"),
    ("protests", "protest with intervention"): _not_a_strike("a protest"),
    ("protests", "excessive force against protesters"): _not_a_strike("a protest"),
    ("riots", "violent demonstration"): _not_a_strike("a riot"),
    ("riots", "mob violence"): _not_a_strike("a riot"),
}

_STATE_ACTOR = re.compile(
    r"^(?:military|police|government|naval|air|security|border)\b[^()]*?\bof (russia|ukraine)\b", re.I
)
_UNKNOWN_CASUALTIES = re.compile(
    r"\b(?:casualties|fatalities|victims|deaths|injuries)\s+(?:are\s+|were\s+)?(?:unknown|unclear|not known"
    r"|not reported|unreported)\b|\bno (?:information|details|data) (?:on|about) (?:casualties|fatalities)\b",
    re.I,
)
_INTERCEPTED = re.compile(
    r"\b(?:shot down|shoot down|shooting down|downed|intercept(?:ed|s|ing)?|destroy(?:ed|s|ing)?"
    r"|neutrali[sz](?:ed|es|ing)|repel(?:led|s)?|eliminat(?:ed|es|ing))\b",
    re.I,
)
_LOST = re.compile(
    r"\b(?:suppress(?:ed|es|ing)?|jamm(?:ed|ing)|electronic warfare|EW\b|locationally lost|lost)\b", re.I
)
_DEFUSED = re.compile(
    r"\b(?:defus(?:ed|es|ing)|demin(?:ed|ing)|disarm(?:ed|s|ing)|clear(?:ed|ing)|dismantl(?:ed|ing))\b", re.I
)
_MUNITION = re.compile(
    r"\b(?:mines?|landmines?|explosives?|ied|ieds|ordnance|munitions?|shells?|bombs?)\b", re.I
)
_ONE_WEAPON = re.compile(
    r"\b(?:an?|one|single)\s+(?:[\w'‘’\"“”-]+\s+){0,3}?(?P<noun>drone|uav|missile|shahed|geran)\b", re.I
)
_WEAPON_SIDE = re.compile(
    r"\b(?P<side>russian|ukrainian)\s+(?:[\w'‘’\"“”-]+\s+){0,3}?(?:drones?|uavs?|missiles?|shaheds?|gerans?)\b",
    re.I,
)


def is_acled(columns) -> bool:
    return ACLED_SIGNATURE <= {str(column).strip().casefold() for column in columns}


def is_acled_deletions(columns) -> bool:
    names = {str(column).strip().casefold() for column in columns}
    return DELETIONS_SIGNATURE <= names and "event_date" not in names


@dataclasses.dataclass
class AcledRow:
    """One ACLED row as our fields: `kind` "incident" or "air_defence", or a `problem`."""

    kind: str
    fields: dict
    problem: str | None = None


def acled_row(row: dict) -> AcledRow:
    """Our field names and values for one ACLED row (keys casefolded); validation follows
    as for any row. A row the product does not map comes back with its `problem`."""
    row = {key: _cell(value) for key, value in row.items()}
    event_type, sub_event_type = row.get("event_type") or "", row.get("sub_event_type") or ""
    mapping = ACLED_TYPES.get((event_type.casefold(), sub_event_type.casefold()))
    if mapping is None:
        what = f"{event_type!r} / {sub_event_type!r}" if event_type else f"{sub_event_type!r}"
        return AcledRow(
            "incident",
            {},
            f"ACLED event type {what} is not one of ACLED's codebook; check the export's"
            " event_type and sub_event_type columns",
        )
    if mapping.becomes == "rejected":
        return AcledRow("incident", {}, _rejection(event_type, sub_event_type, mapping.reason))
    notes = row.get("notes") or ""
    if mapping.becomes == "air_defence":
        return _disrupted_weapon(row, notes, event_type, sub_event_type)
    return AcledRow("incident", _strike(row, notes, mapping))


def acled_deletion(row: dict) -> dict:
    """The id and deletion stamp of one row of ACLED's deletions list."""
    return {"id": _cell(row.get("event_id_cnty")), "source_version": _cell(row.get("deleted_timestamp"))}


def _strike(row: dict, notes: str, mapping: AcledType) -> dict:
    figures, traced = _casualties(notes, row.get("fatalities"))
    households = households_without_power(notes)
    if households is not None:
        traced["households_without_power"] = households
    damaged = damage(notes)
    fields = {
        "id": row.get("event_id_cnty"),
        "date": row.get("event_date"),
        "date_precision": TIME_PRECISION.get(row.get("time_precision") or ""),
        "place": row.get("location"),
        "admin1": _admin1(row.get("admin1"), row.get("country")),
        "country": _country(row),
        "latitude": row.get("latitude"),
        "longitude": row.get("longitude"),
        "geo_precision": GEO_PRECISION.get(row.get("geo_precision") or ""),
        "event_type": _event_type(notes, mapping),
        "attacker": _side(row.get("actor1"), row.get("inter1")),
        **figures,
        "households_without_power": households,
        "damage": "; ".join(damaged) or None,
        "description": notes or None,
        "source_name": row.get("source"),
        "source_version": row.get("timestamp"),
        "source_details": _details(row, traced),
    }
    return fields


def _disrupted_weapon(row: dict, notes: str, event_type: str, sub_event_type: str) -> AcledRow:
    """An interception is an air-defence report: the side whose weapon was stopped is the
    attacker (actor2, or the notes' "a Russian drone"), never the side that stopped it."""
    weapon = words.weapon_named(notes)
    intercepted = _INTERCEPTED.search(notes)
    lost = _LOST.search(notes)
    if weapon is None or not (intercepted or lost):
        if _DEFUSED.search(notes) and _MUNITION.search(notes):
            what = "a defusal of mines or explosives"
        else:
            what = "a disrupted weapon use the notes do not describe as a drone or missile stopped"
        return AcledRow("air_defence", {}, _rejection(event_type, sub_event_type, what))
    count = _stopped(notes)
    field = "lost" if lost and not intercepted else "shot_down"
    side = _side(row.get("actor2"), row.get("inter2"))
    if side is None and not row.get("actor2"):
        side = _weapon_side(notes)
    place = row.get("location")
    if (row.get("geo_precision") or "") == "3" or not place:
        place = _admin1(row.get("admin1"), row.get("country")) or place
    fields = {
        "id": row.get("event_id_cnty"),
        "date": row.get("event_date"),
        # The side that stopped it claims it: the panel of claims groups by side, and
        # ACLED's source (who published the claim) stays the record's source.
        "reported_by": row.get("actor1") or row.get("source"),
        "attacker": side,
        "weapon": weapon,
        field: count,
        "area": place,
        "description": notes or None,
        "source_name": row.get("source"),
        "source_version": row.get("timestamp"),
        "source_details": _details(row, {field: count} if count is not None else {}),
    }
    return AcledRow("air_defence", fields)


def _rejection(event_type: str, sub_event_type: str, what: str) -> str:
    return (
        f"ACLED {event_type} / {sub_event_type} is {what}, not a strike or an interception;"
        " this product maps those two only (see the README's table of ACLED types), so the row is kept here"
    )


def _event_type(notes: str, mapping: AcledType) -> str:
    """The first type the notes name among those the sub-event allows, in the
    vocabulary's order; the sub-event's default when they name none of them."""
    for code in words.event_types_named(notes):
        if code in mapping.event_types:
            return code
    return mapping.default


def _casualties(notes: str, fatalities: str | None) -> tuple[dict, dict]:
    """Killed, injured and children from the notes, read as news is read; ACLED's own
    `fatalities` where it is above 0. ACLED writes 0 both for "none" and for "not known":
    a 0 stays 0 only where the notes say so, and "casualties unknown" is unknown.

    Each figure is the largest any clause of the notes gives (never a sum: notes often
    say a number twice). Returns (figures, what the notes said of each, for the trace)."""
    found: dict[str, int] = {}
    for _, clause in clauses(notes) if notes else ():
        for name, value in dataclasses.asdict(find_casualties(clause)).items():
            if value is not None and value >= found.get(name, -1):
                found[name] = value
    figures = {name: found.get(name) for name in ("killed", "injured", "children_killed", "children_injured")}
    traced = dict(found)
    acled_killed = _whole(fatalities)
    if acled_killed:
        figures["killed"] = max(acled_killed, figures["killed"] or 0)
    elif _UNKNOWN_CASUALTIES.search(notes):
        figures = {name: value if value else None for name, value in figures.items()}
    if figures["children_killed"] is not None and figures["killed"] is not None:
        figures["children_killed"] = min(figures["children_killed"], figures["killed"])
    return figures, traced


def _stopped(notes: str) -> int | None:
    """How many drones or missiles the notes say were stopped: their figure, 1 for "a
    Russian drone"; None when they give none ("drones were shot down")."""
    for _, clause in clauses(notes):
        facts = [fact for fact in read_air_defence(clause) if fact.field in ("shot_down", "lost")]
        if facts:
            return sum(fact.count for fact in facts)
    if _ONE_WEAPON.search(notes):
        return 1
    return None


def _side(actor: str | None, actor_type: str | None) -> str | None:
    """RU or UA for a state actor of one side ("Military Forces of Russia (2000-)");
    None for anyone else: "Unidentified Armed Group (Ukraine)" names where, not whose."""
    if not actor:
        return None
    kind = ACTOR_TYPES.get(actor_type, actor_type) if actor_type else None  # None: not given
    if kind is not None and kind.casefold() not in ("state forces", "external/other forces"):
        return None
    found = {
        match.group(1).casefold() for part in actor.split(";") if (match := _STATE_ACTOR.match(part.strip()))
    }
    if len(found) != 1:
        return None
    return "RU" if found == {"russia"} else "UA"


def _weapon_side(notes: str) -> str | None:
    sides = {match["side"].casefold() for match in _WEAPON_SIDE.finditer(notes)}
    if len(sides) != 1:
        return None
    return "RU" if sides == {"russian"} else "UA"


def _details(row: dict, traced: dict) -> dict:
    details = {name: row[name] for name in DETAIL_COLUMNS if row.get(name)}
    for name in ("inter1", "inter2"):
        if name in details:
            details[name] = ACTOR_TYPES.get(details[name], details[name]) or None
    if traced:
        details["read_from_notes"] = traced
    return {name: value for name, value in details.items() if value is not None}


def _country(row: dict):
    # ACLED's `iso` column is ISO 3166 numeric (804 = Ukraine, 643 = Russia).
    country = row.get("country") or row.get("iso3") or row.get("iso")
    return countries.country_of_numeric(country) or country


def _admin1(name, country) -> str | None:
    if not name:
        return None
    name = str(name).strip()
    if str(country or "").strip() == "Ukraine" and not re.search(r"\b(Oblast|City)$", name):
        return UKRAINE_REGIONS_WITHOUT_OBLAST.get(name, f"{name} Oblast")
    return UKRAINE_REGIONS_WITHOUT_OBLAST.get(name, name)


def _whole(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _cell(value):
    if isinstance(value, str):
        return value.strip()
    return None if value is None else str(value)
