"""What a sentence is about, from its wording: a strike, a weapon, who attacked, or
something that is not an incident at all (politics, history, war-long totals)."""

import re

from incidents.rules.vocabulary import named_event_type

_STRIKE_VERB_RE = re.compile(
    r"\b(?:attack(?:ed|s)?|struck|strikes?|hit|hits|shelled|bombed|targeted|explosions?|blasts?"
    r"|fell on|crashed into|dropped explosives|fired on|fire on|came under)\b",
    re.IGNORECASE,
)
_HARM_RE = re.compile(
    r"\b(?:killed|killing|injur\w*|wound\w*|hurt|dead|died|damag\w*|destroy\w*|fire|blaze"
    r"|casualties|without (?:power|electricity|light)|outages?|hospitali[sz]ed)\b",
    re.IGNORECASE,
)
# Harm on the ground, as opposed to drones "destroyed over the Kursk region".
_GROUND_HARM_RE = re.compile(
    r"\b(?:killed|killing|injur\w*|wound\w*|hurt|dead|died|damag\w*|fell on|crashed into|struck"
    r"|hit|fire|blaze|casualties|without (?:power|electricity|light))\b",
    re.IGNORECASE,
)
# Politics, threats and history: no strike happens in "threatened to strike the port".
_POLITICAL_RE = re.compile(
    r"\b(?:threat\w*|warn(?:ed|s)?|vow\w*|promis\w*|demand\w*|annex\w*|sanction\w*|negotiat\w*"
    r"|ceasefire|peace|talks|tariffs?|deadline|would|will|could|should|plans? to|urged?)\b",
    re.IGNORECASE,
)
# Totals over a war, a year or a region's whole day: not one strike at one place.
# "In total, air defence destroyed 48 of 67 drones": a night's total, which is still news.
_DAY_TOTAL_RE = re.compile(r"\b(?:in total|in all|overall|a total of)\b", re.IGNORECASE)
_WAR_TOTAL_RE = re.compile(
    r"\bsince (?:the (?:start|beginning|outbreak)|the full-scale|(?:february |feb\. )?(?:19|20)\d\d"
    r"|the invasion|the war)|\bso far this year\b|\bover the course of the war\b"
    r"|\bduring the war\b",
    re.IGNORECASE,
)
_CUMULATIVE_RE = re.compile(
    r"\bsince (?:the (?:start|beginning|outbreak)|the full-scale|(?:february |feb\. )?(?:19|20)\d\d"
    r"|the invasion|the war)|\bso far this year\b|\bin total\b|\bin all\b|\boverall\b|\bto date\b"
    r"|\bover the course of the war\b|\bduring the war\b|\ba total of\b",
    re.IGNORECASE,
)
_AGGREGATE_RE = re.compile(
    r"\b\d[\d,]*\s+(?:settlements|communities|localities|towns and villages|attacks|strikes"
    r"|times|munitions|shells)\b|\b(?:attacks|strikes)\s+on\s+\d+\b",
    re.IGNORECASE,
)
_RU_ATTACK_RE = re.compile(
    r"\bRussian\s+(?:[a-z-]+\s+)?(?:drones?|missiles?|forces|troops|army|military|strikes?|attacks?"
    r"|aircraft|aviation|glide|ballistic|shelling|artillery|occupiers|Shaheds?|bombs?|UAVs?)\b"
    r"|\bRussia\s+(?:launched|attacked|struck|fired|shelled|hit|targeted|bombed)\b|\bby Russia\b"
    r"|\b(?:the )?occupiers\b|\bRussian-launched\b",
)
_UA_ATTACK_RE = re.compile(
    r"\bUkrainian\s+(?:[a-z-]+\s+)?(?:drones?|missiles?|forces|troops|army|military|strikes?"
    r"|attacks?|shelling|artillery|UAVs?|Armed Forces|militants|formations|saboteurs)\b"
    r"|\bUkraine\s+(?:launched|attacked|struck|fired|shelled|hit|targeted)\b|\bby Ukraine\b"
    r"|\bKyiv regime\b|\bAFU\b|\bthe Ukrainian Armed Forces\b",
)


def event_type(text: str) -> str | None:
    """The event type the wording names first in precedence; None when it names no weapon.
    The words are validation's too (incidents.rules.vocabulary): a report reads as a row would."""
    return named_event_type(text)


def is_strike(text: str) -> bool:
    return event_type(text) is not None or bool(_STRIKE_VERB_RE.search(text))


def reports_harm(text: str) -> bool:
    return bool(_HARM_RE.search(text))


def reports_ground_harm(text: str) -> bool:
    return bool(_GROUND_HARM_RE.search(text))


def is_political(text: str) -> bool:
    """Statements, threats and history: political wording with no harm reported."""
    return bool(_POLITICAL_RE.search(text)) and not reports_harm(text)


def is_cumulative(text: str) -> bool:
    return bool(_CUMULATIVE_RE.search(text))


def is_day_total(text: str) -> bool:
    """A total that is only "in total" for the night, not since the war began."""
    return bool(_DAY_TOTAL_RE.search(text)) and not _WAR_TOTAL_RE.search(text)


def is_aggregate(text: str) -> bool:
    """A round-up ("412 strikes on 11 settlements") rather than a strike at one place."""
    return bool(_AGGREGATE_RE.search(text))


def attacker_named(text: str) -> str | None:
    """RU or UA when the wording says who attacked and only one side is named; else None."""
    russian, ukrainian = bool(_RU_ATTACK_RE.search(text)), bool(_UA_ATTACK_RE.search(text))
    if russian == ukrainian:
        return None
    return "RU" if russian else "UA"


def attacker_by_side(country: str | None) -> str | None:
    """Failing words, the other side of the struck place: a place in Ukraine was hit by RU."""
    return {"UA": "RU", "RU": "UA"}.get(country or "")
