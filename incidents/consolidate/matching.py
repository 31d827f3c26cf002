"""Whether an arriving record describes an incident already stored: the rule, stated once.

A record and an incident are compared on date, place, type, attacker, target and
source. Each either rules the pair out, agrees, or only "allows" it:

- date: the same day agrees; the day before or after agrees when one of them was
  reported at night (an overnight strike is dated on either side of midnight: a time
  from NIGHT_STARTS on the earlier day or up to NIGHT_ENDS on the later), else allows;
  further apart rules out;
- place: the same settlement (points within SAME_PLACE_KM, or the same name and points
  within NEAR_KM) agrees,
  within NEAR_KM allows, further rules out; a point only as precise as a region or
  country cannot place a strike in a town, so such records are never matched;
- type: the same agrees; `other`, unknown, or `debris` against a drone or missile
  strike allows; two different weapons rule out;
- attacker: the same or one unknown agrees; two different rule out;
- target: two damage texts naming disjoint kinds of target (homes against the power
  grid) rule out: two strikes on one town on one day are two incidents;
- source: a source never reports one strike as two records (its revision keeps the
  id), so two records of the same source are two strikes; records that name no source
  are the user's own, and count as one source; a named source against an unnamed one
  only allows (a user's record is not a source's account).

All agreeing: a sure match, which attaches the record as a report. Something only
allowed: a likely match, which waits for a reviewer. The store asks only for
incidents near in date and space (`SEARCH_DEGREES` around the point).
"""

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import NamedTuple

SAME_PLACE_KM = 1.0
NEAR_KM = 5.0
NIGHT_STARTS, NIGHT_ENDS = "18:00", "06:00"
# Latitude degrees of NEAR_KM (and longitude degrees at 70° north): what the store's
# index query looks within, a little more than needed, never less.
SEARCH_DEGREES_LAT = NEAR_KM / 110.0
SEARCH_DEGREES_LON = NEAR_KM / 38.0
PLACED = (None, "exact", "settlement")  # precisions that place a strike in a town

_DEBRIS_OF = {"drone_strike", "missile_strike", "air_strike"}

# Kinds of target, by the words a damage text uses (English, Ukrainian, Russian): each a
# pattern matched at the start of a word.
TARGET_KINDS = {
    "homes": (
        "residential",
        "apartment",
        "house(?!hold)",  # not "households" (an outage's size)
        "home",
        "dwelling",
        "high-rise",
        "житлов",
        "будин",
        "жил",
        "дом",
    ),
    "energy": (
        "power",
        "energy",
        "substation",
        "electric",
        "gas",
        "thermal",
        "енерг",
        "підстанц",
        "энерг",
        "подстанц",
    ),
    "transport": (
        "rail",
        "railway",
        "station",
        "train",
        "bridge",
        "road",
        r"port\b",
        "airport",
        "залізн",
        "железн",
    ),
    "industry": (
        "plant",
        "factory",
        "industrial",
        "enterprise",
        "warehouse",
        "depot",
        "oil",
        "refinery",
        "завод",
        "підприєм",
        "нафт",
        "нефт",
    ),
    "public": (
        "school",
        "hospital",
        "kindergarten",
        "university",
        "church",
        "shop",
        "market",
        "mall",
        "office",
        "школ",
        "лікарн",
        "больниц",
    ),
    "farm": ("farm", "agricultural", "grain", "field", "ферм", "агро"),
    "vehicles": (r"cars?\b", "vehicle", r"bus(?:es)?\b", "truck", "автомоб", "машин"),
}
_TARGET_PATTERNS = {
    kind: re.compile("|".join(rf"(?<!\w){word}" for word in words)) for kind, words in TARGET_KINDS.items()
}

SURE, LIKELY = "sure", "likely"


class Verdict(NamedTuple):
    kind: str | None  # SURE, LIKELY, or None (not the same incident)
    why: str  # the evidence, in words


def target_kinds(damage: str | None) -> frozenset[str]:
    text = (damage or "").casefold()
    return frozenset(kind for kind, pattern in _TARGET_PATTERNS.items() if pattern.search(text))


def distance_km(a_lat, a_lon, b_lat, b_lon) -> float | None:
    if None in (a_lat, a_lon, b_lat, b_lon):
        return None
    # Haversine: exact enough at a few km, and cheap.
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def matchable(record) -> bool:
    """A record placed precisely enough to be matched at all."""
    return record.get("geo_precision") in PLACED and record.get("latitude") is not None


def judge(
    record, incident, *, incident_times: Iterable[str | None] = (), incident_sources: Iterable[str] = ()
) -> Verdict:
    """Whether `record` (arriving) describes `incident` (stored; its reports' times and
    sources besides its own, when it has several)."""
    sources = {_fold(incident.get("source_name")), *map(_fold, incident_sources)} - {""}
    mine = _fold(record.get("source_name"))
    if mine in sources or not (mine or sources):
        return Verdict(None, "the same source reports them as two")
    if not (matchable(record) and matchable(incident)):
        return Verdict(None, "not placed in a settlement")
    if record.get("country") and incident.get("country") and record["country"] != incident["country"]:
        return Verdict(None, "different countries")
    agreed, allowed = [], []
    if not (mine and sources):
        allowed.append("one of them names no source")

    day, other_day = _day(record.get("date")), _day(incident.get("date"))
    if day is None or other_day is None or abs((day - other_day).days) > 1:
        return Verdict(None, "dates too far apart")
    if day == other_day:
        agreed.append(f"same day ({day.isoformat()})")
    else:
        earlier_times, later_times = ([record.get("time")], [incident.get("time"), *incident_times])
        if day > other_day:
            earlier_times, later_times = later_times, earlier_times
        if any(t and t >= NIGHT_STARTS for t in earlier_times) or any(
            t and t <= NIGHT_ENDS for t in later_times
        ):
            agreed.append(f"overnight ({min(day, other_day).isoformat()}/{max(day, other_day).isoformat()})")
        else:
            allowed.append(
                f"adjacent days ({other_day.isoformat()}, {day.isoformat()}) with no sign of a night strike"
            )

    km = distance_km(
        record.get("latitude"), record.get("longitude"), incident.get("latitude"), incident.get("longitude")
    )
    same_name = _fold(record.get("place")) and _fold(record.get("place")) == _fold(incident.get("place"))
    # A name alone is not a place (Ukraine has dozens of Ivanivkas): its points agree too.
    if (same_name and km is not None and km <= NEAR_KM) or (km is not None and km <= SAME_PLACE_KM):
        agreed.append(f"same settlement ({incident.get('place')})")
    elif km is not None and km <= NEAR_KM:
        allowed.append(f"{km:.1f} km apart ({record.get('place')}, {incident.get('place')})")
    else:
        return Verdict(None, "too far apart")

    kind, other_kind = record.get("event_type"), incident.get("event_type")
    if kind == other_kind and kind not in (None, "other"):
        agreed.append(kind)
    elif (
        kind in (None, "other")
        or other_kind in (None, "other")
        or {kind, other_kind} <= _DEBRIS_OF | {"debris"}
        and "debris" in (kind, other_kind)
    ):
        allowed.append(f"types {other_kind or 'unknown'} and {kind or 'unknown'}")
    else:
        return Verdict(None, f"different types ({other_kind}, {kind})")

    attacker, other_attacker = record.get("attacker"), incident.get("attacker")
    if attacker and other_attacker and attacker != other_attacker:
        return Verdict(None, "different attackers")
    if attacker or other_attacker:
        agreed.append(f"attacker {attacker or other_attacker}")

    targets, other_targets = target_kinds(record.get("damage")), target_kinds(incident.get("damage"))
    if targets and other_targets:
        if not targets & other_targets:
            return Verdict(
                None, f"different targets ({', '.join(sorted(other_targets))}; {', '.join(sorted(targets))})"
            )
        agreed.append(f"target {', '.join(sorted(targets & other_targets))}")

    why = "; ".join(agreed + allowed)
    return Verdict(LIKELY if allowed else SURE, why)


def _fold(text) -> str:
    return " ".join(str(text or "").casefold().split())


def _day(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
