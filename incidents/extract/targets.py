"""Which place mentions of a sentence are struck places, and which only say where or who.

"Zelenograd, on Moscow's outskirts": Moscow only locates. "Moscow's Defense Ministry",
"Kherson Regional Military Administration", "Odesa Oblast Governor", "10:00 Moscow time":
institutions and clocks. "Kyiv would seek": a government. A region is a target only when
no settlement in the sentence is.
"""

import re

from geodata.words import ENGLISH_MONTHS, WEEKDAYS
from incidents.extract.mentions import Mention

_CALENDAR = "(?:" + "|".join(name.capitalize() for name in (*WEEKDAYS, *ENGLISH_MONTHS)) + r")\b"
_INSTITUTION_AFTER_RE = re.compile(
    rf"^(?:['’]s)?\s+(?!{_CALENDAR})(?:[A-Z][a-z]|time\b|governor\b|mayor\b|officials?\b"
    r"|authorities\b|administration\b|oblenergo\b|prosecutor)"
)
_CITY_DISTRICT_BEFORE_RE = re.compile(r"\bcity['’]s\s+$", re.IGNORECASE)
_LOCATOR_BEFORE_RE = re.compile(
    r"\b(?:outskirts|suburbs?|district|south|north|east|west|southeast|southwest|northeast"
    r"|northwest|km|kilometers|kilometres|miles)\s+(?:of|from)\s+(?:the\s+)?(?:city\s+of\s+)?$",
    re.IGNORECASE,
)
_LOCATOR_AFTER_RE = re.compile(r"^['’]s\s+(?:outskirts|suburbs?)\b", re.IGNORECASE)
_GOVERNMENT_AFTER_RE = re.compile(
    r"^(?:['’]s)?\s+(?:would|will|has said|said|says|accused|demanded|has demanded|claims|insists"
    r"|regime|government|and its (?:allies|partners))\b",
    re.IGNORECASE,
)
_GOVERNMENT_BEFORE_RE = re.compile(r"\b(?:accused|for|urged|told|warned|with)\s+$", re.IGNORECASE)
_CAPITALS = {"kyiv", "kiev", "moscow"}


def incident_targets(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions naming struck places, in order, one per place."""
    kept, locators = [], []
    for mention in mentions:
        if mention.is_country or _is_institution(sentence, mention):
            continue
        if _is_locator(sentence, mention):
            locators.append(mention)
        else:
            kept.append(mention)
    settlements = [m for m in kept if not m.is_region]
    if settlements:
        kept = settlements
    elif not kept:
        kept = [m for m in locators if not m.is_region][:1] or locators[:1]
    return _unique(kept)


def same_place(a, b) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    return a.name.casefold() == b.name.casefold() and a.country == b.country


def _is_institution(sentence: str, mention: Mention) -> bool:
    after = sentence[mention.end :]
    before = sentence[: mention.start]
    if _CITY_DISTRICT_BEFORE_RE.search(before):
        return True
    if _INSTITUTION_AFTER_RE.match(after) and not re.match(r"^(?:['’]s)?\s+[A-Z]\w+\s+district", after):
        return True
    if mention.match.name.casefold() in _CAPITALS or mention.text.casefold() in _CAPITALS:
        return bool(_GOVERNMENT_AFTER_RE.match(after) or _GOVERNMENT_BEFORE_RE.search(before))
    return False


def _is_locator(sentence: str, mention: Mention) -> bool:
    return bool(
        _LOCATOR_BEFORE_RE.search(sentence[: mention.start])
        or _LOCATOR_AFTER_RE.match(sentence[mention.end :])
    )


def _unique(mentions: list[Mention]) -> list[Mention]:
    result = []
    for mention in mentions:
        if not any(same_place(mention.match, seen.match) for seen in result):
            result.append(mention)
    return result
