"""What a sentence is about, from its wording: a strike, a weapon, who attacked, or
something that is not an incident at all (politics, history, war-long totals)."""

import re

from incidents.extract.numbers import normalize_numbers
from incidents.rules.vocabulary import named_event_type

_STRIKE_VERB_RE = re.compile(
    r"\b(?:attack(?:ed|s)?|struck|strikes?|hit|hits|shelled|bombed|targeted|explosions?|blasts?"
    r"|pounded|slammed into|slammed|battered|rocked|exploded|detonated"
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
    r"|hit|fire|blaze|casualties|without (?:power|electricity|light)|lost (?:power|electricity)"
    r"|outages?|blackouts?|de-?energi[sz]ed)\b",
    re.IGNORECASE,
)
# Air defence at work: drones "destroyed over the Kursk region" hit nothing on the ground.
_INTERCEPT_RE = re.compile(
    r"\b(?:shot down|downed|brought down|intercepted|neutrali[sz]ed|repelled|suppressed"
    r"|destroyed\s+(?:(?:[a-z-]+\s+){0,3}?)?(?:over|above|in the air|in the sky|on approach)"
    r"|(?:drones?|missiles?|uavs?|shaheds?|targets)\s+(?:were|was|had been|have been)\s+destroyed)\b",
    re.IGNORECASE,
)
# Politics, threats and history: no strike happens in "threatened to strike the port".
_POLITICAL_RE = re.compile(
    r"\b(?:threat\w*|warn(?:ed|s)?|vow\w*|promis\w*|demand\w*|annex\w*|sanction\w*|negotiat\w*"
    r"|ceasefire|peace|talks|tariffs?|deadline|would|will|could|should|plans? to|urged?"
    r"|accus\w*|alleg\w*|attempted|attempts? to)\b",
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
    r"|\bover the course of the war\b|\bduring the war\b|\ba total of\b"
    # Habits, not events: "has hit the grid repeatedly this year", "shelled almost daily".
    r"|\b(?:repeatedly|regularly|routinely|(?:almost |nearly )?daily|every (?:day|night|week)"
    r"|in recent (?:weeks|months)|for (?:weeks|months|years))\b",
    re.IGNORECASE,
)
_AGGREGATE_RE = re.compile(
    r"\b\d[\d,]*\s+(?:[a-z]+\s+)?(?:settlements|communities|localities|towns and villages|attacks"
    r"|strikes|times|munitions|shells|locations|sites|regions|oblasts)\b|\b(?:attacks|strikes)\s+on\s+\d+\b",
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


def names_a_hit(text: str) -> bool:
    """A strike verb ("attacked", "struck", "hit"), not only a weapon's name ("drones
    approach the capital"): the least a sentence must say to propose a new incident.
    Ukrainian and Russian wording is not read yet: there a weapon's name still counts."""
    if _CYRILLIC_RE.search(text):
        return is_strike(text)
    return bool(_STRIKE_VERB_RE.search(text))


_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


# "without saying whether anything on the ground was damaged": harm left unsaid.
_UNSAID_RE = re.compile(
    r"\b(?:without (?:saying|specifying|giving details|reporting|mentioning)|(?:did|does) not (?:say|specify"
    r"|report|mention)|(?:it was|it is) (?:not|un)(?:clear|known))\b[^.;]*",
    re.IGNORECASE,
)


def _said(text: str) -> str:
    return _UNSAID_RE.sub("", text)


def reports_harm(text: str) -> bool:
    return bool(_HARM_RE.search(_said(text)))


_UPDATE_RE = re.compile(
    r"\b(?:updated|rose|has risen|had risen|climbed|increased|grew|now stands|revised)\b", re.IGNORECASE
)


def is_update(text: str) -> bool:
    """A new toll replacing an earlier one: "Terekhov then updated the toll: ten injured"."""
    return bool(_UPDATE_RE.search(text))


def is_interception(text: str) -> bool:
    return bool(_INTERCEPT_RE.search(text))


def reports_ground_harm(text: str) -> bool:
    return bool(_GROUND_HARM_RE.search(_said(text)))


def is_political(text: str) -> bool:
    """Statements, threats and history: political wording with no harm reported."""
    return bool(_POLITICAL_RE.search(text)) and not reports_harm(text)


# Alerts and sirens are warnings, not strikes.
_ALERT_RE = re.compile(
    r"\b(?:air[- ]raid (?:alerts?|sirens?|warnings?)|alerts? (?:sounded|was declared|were declared))\b",
    re.IGNORECASE,
)


def is_alert(text: str) -> bool:
    """An alert with no harm reported alongside: "declared three air raid alerts"."""
    return bool(_ALERT_RE.search(text)) and not reports_ground_harm(text)


# "the deadliest attack on the city since 2023": a comparison, not a total since then.
_SUPERLATIVE_SINCE_RE = re.compile(
    r"\b(?:\w+est|most \w+|worst|largest|biggest)\s+(?:[\w-]+\s+){0,6}?since\b[^,.;]*", re.IGNORECASE
)


def is_cumulative(text: str) -> bool:
    return bool(_CUMULATIVE_RE.search(_SUPERLATIVE_SINCE_RE.sub("", text)))


def is_day_total(text: str) -> bool:
    """A total that is only "in total" for the night, not since the war began."""
    return bool(_DAY_TOTAL_RE.search(text)) and not _WAR_TOTAL_RE.search(text)


def is_aggregate(text: str) -> bool:
    """A round-up ("412 strikes on 11 settlements") rather than a strike at one place."""
    return bool(_AGGREGATE_RE.search(normalize_numbers(text)))


_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


def is_history(text: str, published) -> bool:
    """A sentence about an earlier year ("since Moscow invaded in February 2022"): background."""
    years = [int(year) for year in _YEAR_RE.findall(text)]
    recent = published.year - (1 if published.month == 1 else 0)
    if not years or any(year >= recent for year in years):
        return False
    # "the deadliest strike on the city since 2023" is today's strike; "In March 2022, bombs
    # destroyed the theatre" and "since Moscow invaded in 2022" are not.
    first_year = _YEAR_RE.search(text).start()
    first_event = _STRIKE_VERB_RE.search(text) or _HARM_RE.search(text)
    return first_event is None or first_year < first_event.start() or not _HARM_RE.search(text)


# "Last week, a glide bomb attack on the same district killed five": another day, told as
# background. Only when the time comes before the strike it dates: in "The strike hit X,
# where troops advanced earlier this month" it dates something else.
_EARLIER_RE = re.compile(
    r"\b(?:last (?:week|month|year|summer|winter|spring|autumn|fall)|earlier this (?:week|month|year)"
    r"|(?:a|one|two|three|four|five|six|several|few|\d+) (?:days|weeks|months|years) (?:ago|earlier)"
    r"|a (?:week|month|year) (?:ago|earlier)|the previous (?:week|month|year))\b",
    re.IGNORECASE,
)


def is_earlier_time(text: str) -> bool:
    found = _EARLIER_RE.search(text)
    if found is None:
        return False
    first_event = _STRIKE_VERB_RE.search(text) or _HARM_RE.search(text) or named_event_type_span(text)
    return first_event is None or found.start() < first_event.start()


def named_event_type_span(text: str):
    return re.search(r"\b(?:drones?|missiles?|bombs?|shelling|UAVs?|Shaheds?)\b", text, re.IGNORECASE)


def attacker_named(text: str) -> str | None:
    """RU or UA when the wording says who attacked and only one side is named; else None."""
    russian, ukrainian = bool(_RU_ATTACK_RE.search(text)), bool(_UA_ATTACK_RE.search(text))
    if russian == ukrainian:
        return None
    return "RU" if russian else "UA"


def attacker_by_side(country: str | None) -> str | None:
    """Failing words, the other side of the struck place: a place in Ukraine was hit by RU."""
    return {"UA": "RU", "RU": "UA"}.get(country or "")
