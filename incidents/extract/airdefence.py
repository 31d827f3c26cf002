"""Air-defence statements: "shot down 18 of 57 drones", "intercepted 93 drones",
"seven disappeared from radar", "13 shot down before reaching the city".

`read_air_defence` turns one sentence into facts (weapon, area, launched / shot_down /
lost); the caller merges facts of consecutive sentences into records, because a report
often spreads over two sentences ("Russia launched 215 missiles and drones. Air defence
downed 112 of them.").
"""

import dataclasses
import re

from geodata.countries import FOCUS_COUNTRIES
from incidents.extract.mentions import lookup
from incidents.extract.numbers import normalize_numbers

# "Shahed drones" is one noun: stopping at "Shahed" would hide the "and 5 missiles" after it.
_WEAPON = (
    r"(?:[a-z\"-]+\s+){0,3}?(?P<noun>drones?|uavs?|shaheds?(?:\s+(?:drones?|uavs?))?|missiles?)"
    r"(?![\w-])"
)
_DOWN = r"(?:shot down|downed|destroyed|intercepted|neutrali[sz]ed|repelled|suppressed)"
_DOWN_ACTIVE = rf"(?:{_DOWN}(?:\s+and\s+{_DOWN})?)"
_LAUNCH = r"(?:launched|fired|sent)"
_AREA = (
    r"(?:\s+(?:[a-z-]+\s+){0,3}?(?:over|toward|towards|against|targeting|at|on|to)\s+(?:the\s+)?"
    r"(?P<area>ukraine|russia(?:n (?:regions|territory|cities))?|[a-z'-]+(?:\s+(?:region|oblast"
    r"|krai))?))?"
)
# A total of mixed weapons broken down by kind: "614 air attack assets, including 574 drones
# (and 40 missiles)", "577 targets: 546 drones". The total names no weapon, so the verb's
# figure goes to each kind listed; the second kind is read by _SECOND_WEAPON_RE.
_BREAKDOWN = (
    r"\d+\s+(?:[a-z-]+\s+){0,3}?(?:assets|targets|weapons|means|objects)(?![\w-])\s*[,:(]?\s*"
    rf"(?:(?:including|of which|among them|in particular|namely)\s*:?\s*)?(?P<n>\d+)\s+{_WEAPON}"
)

_PATTERNS = (
    # "neutralized 577 targets: 546 drones and 31 missiles"
    ("shot_breakdown", re.compile(rf"\b{_DOWN_ACTIVE}\s+{_BREAKDOWN}{_AREA}")),
    # "attacked ukraine with 614 air attack assets, including 574 drones and 40 missiles"
    (
        "launched_breakdown",
        re.compile(
            rf"\b(?:{_LAUNCH}|attacked\s+(?:(?:the\s+)?(?P<area>ukraine|russia)\s+)?"
            r"(?:[a-z]+\s+){0,2}?with)"
            rf"\s+{_BREAKDOWN}"
        ),
    ),
    # "shot down 18 of 57 drones", "destroyed 48 out of 67 drones over ukraine"
    (
        "shot_of",
        re.compile(
            rf"\b{_DOWN_ACTIVE}\s+(?P<n>\d+)\s+(?:of"
            rf"|out of)\s+(?:the\s+)?(?P<m>\d+)\s+{_WEAPON}{_AREA}"
        ),
    ),
    # "downed 112 of them"
    ("shot_of_them", re.compile(rf"\b{_DOWN_ACTIVE}\s+(?P<n>\d+)\s+of them\b")),
    # "intercepted 93 ukrainian drones", "shot down 319 shahed-type drones and 25 cruise missiles"
    ("shot", re.compile(rf"\b{_DOWN_ACTIVE}\s+(?P<n>\d+)\s+{_WEAPON}{_AREA}")),
    # "13 shot down", "35 drones were destroyed over the kursk region"
    (
        "shot_subject",
        re.compile(
            rf"(?<![\w-])(?P<n>\d+)\s+(?:{_WEAPON}\s+)?(?:were\s+|was\s+|had been\s+"
            rf"|have been\s+)?{_DOWN}\b{_AREA}"
        ),
    ),
    # "and 26 over the bryansk region" (after a shot-down count)
    (
        "shot_area",
        re.compile(
            r"\band\s+(?P<n>\d+)\s+over\s+(?:the\s+)?(?P<area>[a-z'-]+(?:\s+(?:region|oblast"
            r"|krai))?)"
        ),
    ),
    # "launched 597 drones and 26 missiles against ukraine"
    ("launched", re.compile(rf"\b{_LAUNCH}\s+(?P<n>\d+)\s+{_WEAPON}{_AREA}")),
    # "at least 15 were directed toward moscow"
    (
        "launched_subject",
        re.compile(
            rf"(?<![\w-])(?P<n>\d+)\s+(?:{_WEAPON}\s+)?(?:were\s+)?(?:directed|flying|headed"
            rf"|heading|launched)"
            r"\s+(?:toward|towards|at|against|to)\s+(?:the\s+)?(?P<area>[a-z'-]+(?:\s+(?:region"
            r"|oblast))?)"
        ),
    ),
    # "seven additional drones disappeared from radar", "258 drones were "lost" from radar"
    (
        "lost",
        re.compile(
            rf"(?<![\w-])(?P<n>\d+)\s+(?:{_WEAPON}\s+)?(?:were\s+"
            rf"|was\s+)?\"?(?:disappeared from radar|lost\"?"
            r"\s+(?:from radar|locally|locationally)|lost\b|went missing|failed to reach)"
        ),
    ),
)
_SECOND_WEAPON_RE = re.compile(rf"\s+and\s+(?P<n>\d+)\s+{_WEAPON}")
_FIELD = {
    "shot_breakdown": "shot_down",
    "launched_breakdown": "launched",
    "shot_of": "shot_down",
    "shot_of_them": "shot_down",
    "shot": "shot_down",
    "shot_subject": "shot_down",
    "shot_area": "shot_down",
    "launched": "launched",
    "launched_subject": "launched",
    "lost": "lost",
}
_SENTENCE_AREA_RE = re.compile(
    r"\b(?:over|against|targeting|toward|towards|at)\s+(?:the\s+)?(?P<area>ukraine"
    r"|russia(?:n (?:regions|territory|cities))?|moscow)\b"
)


@dataclasses.dataclass(frozen=True)
class DefenceFact:
    field: str  # launched / shot_down / lost
    count: int
    weapon: str | None
    area: str | None
    continues: bool  # "of them": about the report before


def read_air_defence(sentence: str) -> list[DefenceFact]:
    """The air-defence figures a sentence states, in order; [] when it states none."""
    text = normalize_numbers(sentence)
    sentence_area = _SENTENCE_AREA_RE.search(text)
    default_area = _area_name(sentence_area["area"]) if sentence_area else None
    facts, taken = [], []
    for kind, regex in _PATTERNS:
        for match in regex.finditer(text):
            if any(start <= match.start("n") < end for start, end in taken):
                continue
            taken.append(match.span())
            weapon = _weapon(match)
            area = _area_name(match.groupdict().get("area")) or default_area
            if kind == "shot_of":
                facts.append((match.start(), DefenceFact("launched", int(match["m"]), weapon, area, False)))
            facts.append(
                (
                    match.start(),
                    DefenceFact(_FIELD[kind], int(match["n"]), weapon, area, kind == "shot_of_them"),
                )
            )
            second = (
                _SECOND_WEAPON_RE.match(text, match.end("noun")) if match.groupdict().get("noun") else None
            )
            if second:
                taken.append(second.span())
                facts.append(
                    (
                        second.start(),
                        DefenceFact(_FIELD[kind], int(second["n"]), _weapon(second), area, False),
                    )
                )
    return [fact for _, fact in sorted(facts, key=lambda item: item[0])]


def reporter(sentence: str) -> str | None:
    """Who gives the figures, as named in the sentence."""
    if re.search(r"\bair force\b", sentence, re.IGNORECASE) and not re.search(
        r"aerospace|russian air force", sentence, re.IGNORECASE
    ):
        return "Ukrainian Air Force"
    ministry = re.search(
        r"(\w+)['’]?s?\s+(?:defen[cs]e ministry|ministry of defen[cs]e)|defen[cs]e ministry"
        r"|ministry of defen[cs]e",
        sentence,
        re.IGNORECASE,
    )
    if ministry:
        before = sentence[max(0, ministry.start() - 20) : ministry.end()].casefold()
        if "ukrain" in before:
            return "Ukrainian Defence Ministry"
        return "Russian Defence Ministry"
    official = re.search(r"\b(Mayor|Governor|governor|mayor)\s+([A-Z]\w+(?:\s+[A-Z]\w+)?)", sentence)
    if official:
        return f"{official.group(1).capitalize()} {official.group(2)}"
    if re.search(r"general staff", sentence, re.IGNORECASE):
        return "Ukrainian General Staff"
    return None


def _weapon(match: re.Match) -> str | None:
    noun = match.groupdict().get("noun")
    if not noun:
        return None
    return "missile" if noun.startswith("missile") else "drone"


def _area_name(phrase: str | None) -> str | None:
    """ "ukraine" -> Ukraine, "russian regions" -> Russia, "the kursk region" -> Kursk Oblast."""
    if not phrase:
        return None
    phrase = phrase.strip()
    if phrase == "ukraine":
        return "Ukraine"
    if phrase.startswith("russia"):
        return "Russia"
    if phrase in ("it", "the", "them", "city", "capital"):
        return None
    match = lookup(phrase.title())
    if match is None or match.country not in FOCUS_COUNTRIES:
        return None
    if match.geo_precision == "admin1" or match.name == match.admin1:
        return match.admin1 or match.name
    return match.name
