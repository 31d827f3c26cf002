"""Normalise the wording of reports to the model's codes: event types, attackers, countries.

Pure. "UAV attack", "Shahed" and "дрон" all mean `drone_strike`; "Russian Federation"
and "Україна" are `RU` and `UA`. Unknown wording raises `ValueProblem` listing what
is accepted: a record is never filed under a guessed category.
"""

import dataclasses
import functools
import re

from geodata import countries
from incidents.rules.model import ATTACKERS, EVENT_TYPES, WEAPONS
from incidents.rules.values import ValueProblem, is_unknown, shown


@dataclasses.dataclass(frozen=True)
class EventWording:
    """The words that name one event type, in any case: a stem where a word starts ("shell"
    in "shelling", not "grad" in "Zelenograd"), a whole word only there and to its end ("KAB"
    in "KAB-500", not in "Kabardino-Balkaria")."""

    event_type: str
    stems: tuple[str, ...]
    words: tuple[str, ...] = ()

    def pattern(self) -> re.Pattern:
        parts = [re.escape(stem) for stem in self.stems]
        if self.words:
            parts.append("(?:" + "|".join(re.escape(word) for word in self.words) + r")\b")
        return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


# The one vocabulary of event types: validation (a spreadsheet's wording, ACLED's notes) and
# extraction (news sentences) both read it. Checked in this order: "drone debris" is debris,
# "missile and drone attack" a missile strike.
EVENT_TYPE_WORDS = (
    EventWording("debris", ("debris", "wreckage", "falling", "уламк", "обломк"), ("fragment", "fragments")),
    EventWording(
        "glide_bomb",
        (
            "glide",
            "guided bomb",
            "guided aerial bomb",
            "guided air bomb",
            "aerial bomb",
            "fab-",
            "umpk",
            "керован",
        ),
        ("kab", "kabs", "каб", "каби", "кабів", "кабы", "кабов", "кабами"),
    ),
    EventWording(
        "missile_strike",
        (
            "missile",
            "rocket strike",
            "iskander",
            "kalibr",
            "kinzhal",
            "kh-",
            "s-300",
            "ballistic",
            "cruise",
            "ракет",
            "баліст",
            "балист",
        ),
    ),
    EventWording(
        "drone_strike",
        (
            "drone",
            "uav",
            "unmanned aerial",
            "shahed",
            "geran",
            "lancet",
            "fpv",
            "loitering",
            "kamikaze",
            "бпла",
            "дрон",
            "шахед",
            "безпілот",
            "беспилот",
        ),
    ),
    EventWording(
        "shelling",
        (
            "shell",
            "artillery",
            "mortar",
            "mlrs",
            "grad",
            "multiple rocket",
            "rocket launcher",
            "tank fire",
            "обстріл",
            "обстрел",
            "артил",
        ),
    ),
    # Aircraft whose munition the wording does not name: last, so "Su-34 dropped KAB
    # bombs" is a glide bomb and "Tu-95 bombers launched missiles" a missile strike.
    EventWording(
        "air_strike",
        (
            "airstrike",
            "air strike",
            "air raid strike",
            "aircraft",
            "warplane",
            "fighter jet",
            "bomber",
            "helicopter",
            "aviation",
            "su-24",
            "su-25",
            "su-30",
            "su-34",
            "su-35",
            "tu-22",
            "tu-95",
            "tu-160",
            "авіаудар",
            "авиаудар",
            "авіаці",
            "авиаци",
        ),
    ),
)
# The types wording can name; `other` is the rest.
NAMED_EVENT_TYPES = tuple(entry.event_type for entry in EVENT_TYPE_WORDS)
# A strike whose kind the wording does not say: `other` to validation; to extraction,
# which reads these as verbs ("attacked", "strikes"), a strike of no named type.
OTHER_EVENT_WORDS = EventWording("other", ("other", "explosion", "strike", "attack"))

_EVENT_TYPE_PATTERNS = tuple((entry.event_type, entry.pattern()) for entry in EVENT_TYPE_WORDS)
_OTHER_PATTERN = OTHER_EVENT_WORDS.pattern()
_PATTERN_OF = dict(_EVENT_TYPE_PATTERNS)

ATTACKER_WORDS = {
    "RU": (
        "ru",
        "rus",
        "russia",
        "russian",
        "russian federation",
        "росія",
        "россия",
        "рф",
        "military forces of russia",
    ),
    "UA": (
        "ua",
        "ukr",
        "ukraine",
        "ukrainian",
        "україна",
        "украина",
        "зсу",
        "всу",
        "military forces of ukraine",
    ),
}

WEAPON_WORDS = {
    "drone": ("drone", "drones", "uav", "uavs", "shahed", "дрон", "бпла"),
    "missile": ("missile", "missiles", "ракета", "ракети", "ракеты"),
}


def named_event_type(text: str) -> str | None:
    """The event type the wording names first in EVENT_TYPE_WORDS' order; None when it
    names no kind of strike ("Shahed" -> drone_strike, "attacked" -> None)."""
    for code, pattern in _EVENT_TYPE_PATTERNS:
        if pattern.search(text):
            return code
    return None


def event_types_named(text: str) -> list[str]:
    """Every event type the wording names, in EVENT_TYPE_WORDS' order."""
    return [code for code, pattern in _EVENT_TYPE_PATTERNS if pattern.search(text)]


def weapon_named(text: str) -> str | None:
    """The weapon (`WEAPONS`) that running text names first: "shot down a Shahed" ->
    drone; None when it names neither drones nor missiles."""
    found = [
        (match.start(), code)
        for code, event in (("drone", "drone_strike"), ("missile", "missile_strike"))
        if (match := _PATTERN_OF[event].search(text))
    ]
    return min(found)[1] if found else None


def event_type(value) -> str | None:
    """See `_event_type`; None when not given."""
    if is_unknown(value):
        return None
    return _event_type(str(value))


# Cached: a column repeats a few wordings thousands of times.
@functools.lru_cache(maxsize=4096)
def _event_type(value) -> str | None:
    """The event type for a code or a description; None when not given."""
    if is_unknown(value):
        return None
    text = " ".join(str(value).casefold().replace("_", " ").split())
    code = text.replace(" ", "_")
    if code in EVENT_TYPES:
        return code
    named = named_event_type(text)
    if named is not None:
        return named
    if _OTHER_PATTERN.search(text):
        return "other"
    raise ValueProblem(
        f"{shown(value)} is not an event type; use one of {', '.join(EVENT_TYPES)}"
        " or wording such as 'UAV attack', 'missile strike', 'artillery shelling'"
    )


def attacker(value) -> str | None:
    """See `_attacker`; None when not given."""
    if is_unknown(value):
        return None
    return _attacker(str(value))


# Cached: a column repeats a few wordings thousands of times.
@functools.lru_cache(maxsize=1024)
def _attacker(value) -> str | None:
    """`RU` or `UA` for a code or name; None when not given."""
    if is_unknown(value):
        return None
    text = " ".join(str(value).casefold().split())
    for code, words in ATTACKER_WORDS.items():
        if text in words or re.sub(r"\s*\(.*\)$", "", text) in words:
            return code
    raise ValueProblem(f"{shown(value)} is not an attacker; use {' or '.join(ATTACKERS)} (or leave empty)")


def country_code(value) -> str | None:
    """See `_country_code`; None when not given."""
    if is_unknown(value):
        return None
    return _country_code(str(value))


# Cached: a column repeats a few wordings thousands of times.
@functools.lru_cache(maxsize=1024)
def _country_code(value) -> str | None:
    """ISO 3166-1 alpha-2 for a code, an alpha-3 code or an English/local country name."""
    if is_unknown(value):
        return None
    code = countries.country_code(str(value))
    if code is None:
        raise ValueProblem(
            f"{shown(value)} is not a country; use an ISO code (UA, RU) or an English name (Ukraine)"
        )
    return code


def weapon(value) -> str | None:
    if is_unknown(value):
        return None
    text = str(value).strip().casefold()
    for code, words in WEAPON_WORDS.items():
        if text in words:
            return code
    raise ValueProblem(f"{shown(value)} is not a weapon; use {' or '.join(WEAPONS)}")
