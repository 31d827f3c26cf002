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
_DOWN = (
    r"(?:shot down|downed|destroyed|intercepted|neutrali[sz]ed|repelled|suppressed|brought down"
    r"|taken down|took down|jammed|disabled)"
)
_ALL = r"(?:all\s+(?:the\s+)?)?"
# "six drones aimed at the city were shot down": where they flew, between count and verb.
_AIMED = (
    r"(?:(?:aimed|launched|flying|heading|directed|sent)\s+(?:at|toward|towards|against|over)\s+"
    r"(?:the\s+)?[a-z'-]+(?:\s+(?:region|oblast|city))?\s+)?"
)
# "shot down and destroyed", "shot down or jammed" (guns and electronic warfare counted together)
_DOWN_ACTIVE = rf"(?:{_DOWN}(?:\s+(?:and|or|and/or)\s+(?:electronically\s+)?{_DOWN})?)"
_LAUNCH = r"(?:launched|fired|sent)"
_AREA = (
    r"(?:\s+(?:[a-z-]+\s+){0,3}?(?:over|toward|towards|against|targeting|at|on|to)\s+(?:the\s+)?"
    r"(?:territory of\s+(?:the\s+)?)?(?:(?:russia|ukraine)'s\s+)?"
    r"(?:(?:[a-z]+ern|central|border|frontline)\s+)?"
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
    # "of the 31 shahed drones russia sent overnight, air defense systems destroyed 23",
    # "of 22 drones russia launched overnight, 21 were shot down": the total first.
    (
        "of_first",
        re.compile(
            rf"\bof\s+(?:the\s+)?(?P<m>\d+)\s+{_WEAPON}[^.;:]{{0,80}}?,\s*(?:[a-z'-]+\s+){{0,6}}?"
            rf"(?:{_DOWN_ACTIVE}\s+(?P<n>\d+)\b|(?P<n2>\d+)\s+(?:were|was|had been|have been)\s+{_DOWN})"
            rf"{_AREA}"
        ),
    ),
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
            rf"\b{_DOWN_ACTIVE}\s+{_ALL}(?P<n>\d+)\s+(?:of"
            rf"|out of)\s+(?:the\s+)?(?P<m>\d+)\s+{_WEAPON}{_AREA}"
        ),
    ),
    # "47 of the 65 drones launched by russia were shot down"
    (
        "of_subject",
        re.compile(
            rf"(?<![\w-])(?P<n>\d+)\s+(?:of|out of)\s+(?:the\s+)?(?P<m>\d+)\s+{_WEAPON}[^.;:]{{0,60}}?"
            rf"\b(?:were|was|had been|have been)\s+{_DOWN}{_AREA}"
        ),
    ),
    # "destroyed 23 shahed drones out of 31"
    (
        "shot_out_of",
        re.compile(
            rf"\b{_DOWN_ACTIVE}\s+{_ALL}(?P<n>\d+)\s+{_WEAPON}\s+out of\s+(?:the\s+)?(?P<m>\d+)\b{_AREA}"
        ),
    ),
    # "downed 112 of them"
    # "downed 112 of them", "shot down or jammed 61 of the drones": the total said before.
    (
        "shot_of_them",
        re.compile(rf"\b{_DOWN_ACTIVE}\s+(?P<n>\d+)\s+of\s+(?:them\b|(?:the|these|those)\s+{_WEAPON})"),
    ),
    # "intercepted 93 ukrainian drones", "shot down 319 shahed-type drones and 25 cruise missiles"
    ("shot", re.compile(rf"\b{_DOWN_ACTIVE}\s+{_ALL}(?P<n>\d+)\s+{_WEAPON}{_AREA}")),
    # "brought down nine over belgorod": the weapon named before
    ("shot_bare", re.compile(rf"\b{_DOWN_ACTIVE}\s+{_ALL}(?P<n>\d+)\s+(?:over|above)\b{_AREA}")),
    # "13 shot down", "35 drones were destroyed over the kursk region"
    (
        "shot_subject",
        re.compile(
            rf"(?<![\w-])(?P<n>\d+)\s+(?:of the\s+)?(?:{_WEAPON}\s+)?{_AIMED}(?:were\s+|was\s+|had been\s+"
            rf"|have been\s+)?{_DOWN}\b{_AREA}"
        ),
    ),
    # "and 26 over the bryansk region" (after a shot-down count)
    (
        "shot_area",
        re.compile(
            r"(?:\band|,|:|\bincluding|\bof which|\bamong them)\s+(?P<n>\d+)\s+(?:of them\s+)?over\s+"
            r"(?:the\s+)?"
            r"(?:(?:[a-z]+ern|central|border)\s+)?(?P<area>[a-z'-]+(?:\s+(?:region"
            r"|oblast|krai))?)"
        ),
    ),
    # "launched 597 drones and 26 missiles against ukraine", "attacked overnight with 142 drones"
    (
        "launched",
        re.compile(
            rf"\b(?:{_LAUNCH}|attacked\s+(?:[a-z'-]+\s+){{0,3}}?with)\s+(?P<n>\d+)\s+{_WEAPON}{_AREA}"
        ),
    ),
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
_NAMED_AFTER_RE = re.compile(rf"\s+{_WEAPON}")
_FIRST_OF_PAIR_RE = re.compile(rf"(?<![\w-])(?:all\s+)?(?P<n>\d+)\s+{_WEAPON}\s+and\s+$")
_SECOND_WEAPON_RE = re.compile(
    rf"\s+and\s+(?P<n>\d+)\s+(?:(?:of|out of)\s+(?:the\s+)?(?P<m>\d+)\s+)?{_WEAPON}"
)
# Several "over the X region" counts: the sentence as a whole is over no one region.
_REGION_COUNTS_RE = re.compile(r"\b\d+\s+(?:[a-z-]+\s+){0,2}?over\s+(?:the\s+)?[a-z'-]+\s+(?:region|oblast)")
_FIELD = {
    "of_first": "shot_down",
    "of_subject": "shot_down",
    "shot_out_of": "shot_down",
    "shot_bare": "shot_down",
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
    if len(_REGION_COUNTS_RE.findall(text)) > 1:
        default_area = None
    facts, taken = [], []
    for kind, regex in _PATTERNS:
        for match in regex.finditer(text):
            if any(start <= match.start("n") < end for start, end in taken):
                continue
            if kind == "shot_area" and not any(f.field == "shot_down" for _, f in facts):
                continue  # "and 26 over the bryansk region" only continues a shot-down count
            taken.append(match.span())
            weapon = _weapon(match)
            area = _area_name(match.groupdict().get("area")) or default_area
            count = int(match["n"] if match.groupdict().get("n") is not None else match["n2"])
            if kind in ("shot_of", "of_first", "of_subject", "shot_out_of"):
                facts.append((match.start(), DefenceFact("launched", int(match["m"]), weapon, area, False)))
            if kind == "shot_subject":
                # "all four tochka missiles and 37 of the drones were brought down"
                pair = _FIRST_OF_PAIR_RE.search(text[max(0, match.start() - 80) : match.start()])
                if pair and not any(start <= match.start() - 1 < end for start, end in taken[:-1]):
                    facts.append(
                        (
                            match.start() - 1,
                            DefenceFact("shot_down", int(pair["n"]), _weapon(pair), area, False),
                        )
                    )
            facts.append(
                (
                    match.start(),
                    DefenceFact(_FIELD[kind], count, weapon, area, kind == "shot_of_them"),
                )
            )
            second = (
                _SECOND_WEAPON_RE.match(text, match.end("noun")) if match.groupdict().get("noun") else None
            )
            if second:
                taken.append(second.span())
                if second["m"]:
                    facts.append(
                        (
                            second.start(),
                            DefenceFact("launched", int(second["m"]), _weapon(second), area, False),
                        )
                    )
                # "of the 4 missiles and 80 drones, ...": the second kind's total, too.
                second_field = "launched" if kind == "of_first" else _FIELD[kind]
                facts.append(
                    (
                        second.start(),
                        DefenceFact(second_field, int(second["n"]), _weapon(second), area, False),
                    )
                )
            if kind == "of_first" and match["n"] is not None:
                # "..., air defence shot down 1 missile and 60 drones": the downed, kind by kind.
                named = _NAMED_AFTER_RE.match(text, match.end("n"))
                other = _SECOND_WEAPON_RE.match(text, named.end("noun")) if named else None
                if other and not any(start <= other.start("n") < end for start, end in taken):
                    taken.append(other.span())
                    facts.append(
                        (
                            other.start(),
                            DefenceFact("shot_down", int(other["n"]), _weapon(other), area, False),
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
