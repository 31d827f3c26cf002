"""Killed and injured people in one clause, and how many of them were children.

Reads the clause after `numbers.normalize_numbers`, so ages ("age7"), clock times and
"no one" can no longer pass for counts. People are counted from who they are:
"a woman and her age7 son" is 2 (1 child), "two women" is 2 (0 children), "three
residents" is 3 (children unknown). "no casualties" is 0 killed and 0 injured; a clause
that says nothing leaves both None. Counts of weapons, houses or settlements never
match because a count must sit next to a person noun or a casualty verb.
"""

import dataclasses
import re

from incidents.extract.numbers import normalize_numbers

_CHILD = (
    r"child|children|boys?|girls?|bab(?:y|ies)|infants?|teen(?:ager)?s?|toddlers?|minors?"
    r"|schoolboys?|schoolgirls?|schoolchildren|kids?|newborns?"
)
_KIN = r"sons?|daughters?|grand(?:son|daughter)s?"  # a child only when the age says so
_ADULT = (
    r"man|men|wom[ae]n|pensioners?|elderly|grand(?:mother|father)s?|husbands?|wives|wife"
    r"|mothers?|fathers?|adults?|policem[ae]n|servicem[ae]n"
)
_GENERIC = (
    r"people|persons?|civilians?|residents?|passengers?|drivers?|workers?|employees?"
    r"|rescuers?|firefighters?|medics?|paramedics?|officers?|volunteers?|locals?|farmers?"
    r"|victims?|others|pedestrians?|journalists?|security guards?|guards?|cyclists?|neighbou?rs?"
)
# Person nouns by their endings too: fishermen, miners, students, tourists, civilians.
_BY_ENDING = r"[a-z]+(?:men|ers|ors|ists|ants|ents|ians)"
_NOUN = rf"(?:{_CHILD}|{_KIN}|{_ADULT}|{_GENERIC}|age\d+|{_BY_ENDING})"
_ADJ = (
    r"(?:more|other|additional|further|local|elderly|young|little|old|adult|teenage|civilian"
    r"|port|bus|train|car|taxi|utility|energy|railway|emergency|municipal|private|female|male"
    r"|ordinary|injured|wounded|age\d+|farm|factory|plant|shop|hospital|school|power|gas|road|repair"
    r"|construction|humanitarian|aid|ambulance|[a-z]+-aged|[a-z]+ly)"
)
_QUALIFIER = (
    r"(?:(?:at least|at most|about|around|approximately|some|nearly|almost|more than|over"
    r"|up to|another|a further|further|all)\s+)*"
)
# One person phrase: "2 women", "a age64 man", "her age7 son", "the driver", "the age58".
_PERSON = (
    rf"{_QUALIFIER}(?:\d+\s+of\s+(?:its|their|his|her|the)|(?:his|her|their|its|the)\s+\d+|\d+(?!\s+of\b)|an?|his"
    rf"|her|their|the|its)"
    rf"(?:\s+{_ADJ}){{0,3}}\s+{_NOUN}\b"
)
_PEOPLE = rf"{_PERSON}(?:(?:\s*,\s*|\s+and\s+|\s*,\s+and\s+){_PERSON})*"
_INCLUDING = rf"(?:(?:\s*,)?\s+(?:including|among them|among whom|of whom)\s+(?P<incl>{_PEOPLE}))"
_BARE = rf"{_QUALIFIER}\d+(?!\s+of\b)"

_KILL = r"killed|dead|died|perished|fatally (?:wounded|injured)"
# Passive and intransitive forms only: "June 7, killing three" must not read "7 killing".
_INJURE = (
    r"injured|wounded|hurt|hospitali[sz]ed"
    r"|(?:sustained|suffered|received)\s+(?:[a-z-]+\s+){0,2}?(?:injuries|wounds|cuts|burns|trauma)"
)
_BE = r"(?:\s+(?:were|was|have been|has been|had been|are|is|got|reportedly|also|all"
_BE += r"|slightly|seriously|severely|critically|lightly|moderately|badly|known to be|reported to be"
_BE += r"|said to be|believed to be|confirmed|reported|left|later|subsequently|then))*"

_SUBJECT_RE = re.compile(
    rf"(?<![\w-])(?P<who>{_PEOPLE}|{_BARE}){_INCLUDING}?(?:\s*,)?{_BE}\s+(?P<verb>{_KILL}"
    rf"|{_INJURE})\b"
)
_OBJECT_RE = re.compile(
    rf"\b(?P<verb>killing|killed|kills|wounding|wounded|injuring|injured|injures|hurting"
    rf"|claiming the lives of)\s+(?P<who>{_PEOPLE}|him\b|her\b|{_BARE}(?=\s*(?:[,.;)]|$|and\b"
    rf"|on\b|in\b|at\b|when\b|after\b|as\b|during\b|including\b|among\b|others?\b|over\b"
    rf"|overnight\b|since\b|across\b|yesterday\b|today\b|this\b|last\b|so far\b)))"
    rf"{_INCLUDING}?"
)
# Who were among the victims: "among the injured was a boy", "among those injured is a
# girl", "the wounded include a child", "a boy was among those killed".
_AMONG_RE = re.compile(
    rf"\b(?:among (?:the|those)\s+(?P<verb>injured|wounded|dead|killed|victims)\s+(?:were|are|was|is)"
    rf"|(?:the\s+)?(?P<verb3>injured|wounded|dead|victims)\s+(?:include|included|includes))"
    rf"\s+(?P<who>{_PEOPLE})"
    rf"|(?<![\w-])(?P<who2>{_PEOPLE})\s+(?:were|are|was|is)\s+among (?:the|those)\s+(?P<verb2>injured"
    rf"|wounded|dead|killed)"
)
_ANOTHER_RE = re.compile(
    rf"\b(?:and|while|,)\s+another\s+(?:(?P<n>\d+)\s+)?(?:(?:people|persons?)\s+)?(?:(?:were|was)\s+)?"
    rf"(?P<verb>{_KILL}|{_INJURE})\b"
)
# "the death toll from thursday's strike on the city has risen to 26": the words between
# name the strike, so they may be many.
_TOLL_RE = re.compile(
    r"\b(?:death toll|toll of (?:the )?dead|number of (?:the )?(?:dead|killed|those killed))\b"
    r"(?:\s+[\w'’-]+){0,10}?\s+(?:to|at|reached|is|stands at)\s+(?:at least\s+)?(\d+)"
)
_HARM = r"(?:injuries|injured|deaths|fatalities|dead)"
_NO_CASUALTIES_RE = re.compile(
    r"\bno (?:reports? of )?(?:casualties|victims)\b|\bwithout casualties\b"
    rf"|\bno {_HARM} (?:or|and|nor) {_HARM}\b"
    r"|\bno (?:one"
    r"|noone) (?:was )?(?:hurt or killed|killed or (?:injured|hurt|wounded))\b"
)
_NO_INJURED_RE = re.compile(
    r"\b(?:noone|no (?:residents|people|civilians|one)) (?:was |were )?(?:reportedly |seriously )?"
    r"(?:injured|hurt|wounded)\b|\bno reports? of (?:injuries|injured)\b"
    r"|\b(?:was|were) not (?:hurt|injured|wounded)\b"
    r"|\bno (?:injuries|injured)\b"
)
_NO_KILLED_RE = re.compile(
    r"\b(?:noone|no (?:residents|people|civilians|one)) (?:was |were )?killed\b"
    r"|\bno (?:reports? of )?(?:deaths|fatalities|dead)\b"
)
# "seven people dead, three of them children": how many of those just counted were children.
_OF_THEM_RE = re.compile(
    rf"(?:\s+so far)?\s*,?\s+(?:with\s+|including\s+)?(?P<n>\d+)\s+of\s+(?:them|whom)\s+(?:were\s+|are\s+)?"
    rf"(?:{_CHILD})\b"
)
_PERSON_RE = re.compile(_PERSON)
_TRAILING_INCLUDING_RE = re.compile(rf"(?:\s+(?:on|in|at)\s+[a-z]+)?{_INCLUDING}")


@dataclasses.dataclass(frozen=True)
class Casualties:
    killed: int | None = None
    injured: int | None = None
    children_killed: int | None = None
    children_injured: int | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in _FIELDS)


def find_casualties(clause: str) -> Casualties:
    """The casualties one clause reports; None for whatever it does not say.

    Separate clauses about different people add up: "The woman died at the scene, and a
    boy later died in hospital" is 2 killed."""
    return read_casualties(clause)[0]


def read_casualties(clause: str) -> tuple[Casualties, frozenset[str]]:
    """The casualties and which of killed / injured are lower bounds ("at least seven")."""
    parts = [part for part in _PARTS_RE.split(clause) if part.strip()]
    whole = _casualties(clause)
    if len(parts) < 2:
        return whole
    found = [_casualties(part) for part in parts]
    if sum(not part.is_empty() for part, _ in found) < 2:
        return whole
    totals = {}
    for kind in ("killed", "injured"):
        stated = [part for part, _ in found if getattr(part, kind) is not None]
        if not stated:
            totals[kind], totals[f"children_{kind}"] = None, None
            continue
        totals[kind] = sum(getattr(part, kind) for part in stated)
        children = [getattr(part, f"children_{kind}") for part in stated]
        totals[f"children_{kind}"] = None if None in children else sum(children)
    return Casualties(**totals), frozenset(bound for _, bounds in found for bound in bounds)


_FIELDS = ("killed", "injured", "children_killed", "children_injured")
_LOWER_BOUND_RE = re.compile(r"\b(?:at least|more than|over|no fewer than|at minimum|upwards of)\s+\d")
_PARTS_RE = re.compile(r",\s+and\s+(?!(?:\w+\s+){0,3}?(?:hospitali[sz]ed|taken to hospital))|;\s+")


def _casualties(clause: str) -> tuple[Casualties, frozenset[str]]:
    text = normalize_numbers(clause)
    found: dict[str, tuple[int, int | None, int | None]] = {}  # kind -> (position, total, children)
    bounds: dict[str, bool] = {}

    def note(kind, position, total, children, bound=False):
        if kind not in found or position < found[kind][0]:
            found[kind] = (position, total, children)
            bounds[kind] = bound

    if _NO_CASUALTIES_RE.search(text):
        note("killed", -1, 0, 0)
        note("injured", -1, 0, 0)
    if _NO_INJURED_RE.search(text):
        note("injured", -1, 0, 0)
    if _NO_KILLED_RE.search(text):
        note("killed", -1, 0, 0)
    for regex in (_SUBJECT_RE, _OBJECT_RE):
        for match in regex.finditer(text):
            total, children = _count(match["who"])
            # "Three residents were injured, including a child": the list may trail the verb.
            including = match["incl"] or _first_group(_TRAILING_INCLUDING_RE.match(text, match.end()))
            if including:
                children = _children_in(including)
            of_them = _OF_THEM_RE.match(text, match.end())
            if of_them:
                children = int(of_them["n"])
            bound = bool(_LOWER_BOUND_RE.search(match["who"]))
            note(_kind(match["verb"]), match.start(), total, children, bound)
    for match in _ANOTHER_RE.finditer(text):
        # "One person was killed and another injured": one more, of the kind the verb says.
        kind = _kind(match["verb"])
        if kind not in found:
            note(kind, match.start(), int(match["n"] or 1), None)
    for match in _TOLL_RE.finditer(text):
        including = _first_group(_TRAILING_INCLUDING_RE.match(text, match.end()))
        of_them = _OF_THEM_RE.match(text, match.end())
        children = int(of_them["n"]) if of_them else (_children_in(including) if including else None)
        note("killed", match.start(), int(match.group(1)), children, "at least" in match.group(0))
    result = {
        "killed": found.get("killed", (0, None, None))[1],
        "injured": found.get("injured", (0, None, None))[1],
        "children_killed": found.get("killed", (0, None, None))[2],
        "children_injured": found.get("injured", (0, None, None))[2],
    }
    for match in _AMONG_RE.finditer(text):
        kind = _kind(match["verb"] or match["verb2"] or match["verb3"])
        children = _children_in(match["who"] or match["who2"])
        if children is not None and result[f"children_{kind}"] is None:
            result[f"children_{kind}"] = children
    lower = frozenset(kind for kind in ("killed", "injured") if bounds.get(kind) and result[kind] is not None)
    return Casualties(**result), lower


def _first_group(match: re.Match | None) -> str | None:
    return match["incl"] if match else None


def _kind(verb: str) -> str:
    return "killed" if re.match(rf"(?:{_KILL}|killing|kills|claiming)", verb) else "injured"


def _count(people: str) -> tuple[int | None, int | None]:
    """(people, children among them) of a person list; None where the words do not say."""
    people = people.strip()
    if people in ("him", "her"):
        return 1, None
    persons = list(_PERSON_RE.finditer(people))
    if not persons:  # a bare count: "injuring 21"
        digits = re.search(r"\d+", people)
        return (int(digits.group(0)) if digits else None), None
    total, children = 0, 0
    for person in persons:
        size = _size(person.group(0))
        if size is None:
            return None, None
        total += size
        child = _is_child(person.group(0))
        children = None if child is None or children is None else children + (size if child else 0)
    return total, children


def _children_in(people: str) -> int | None:
    """Children named in an "including ..." list; None when it names adults or unknowns."""
    total, children = _count(people)
    return children if children == total else None


def _size(person: str) -> int | None:
    digits = re.search(r"(?<![\w-])(\d+)\b(?!\s*$)", re.sub(r"age\d+", "", person))
    if digits:
        return int(digits.group(1))
    noun = person.split()[-1]
    plural = noun.endswith("s") or noun in ("men", "women", "people", "children", "policemen")
    if re.match(r"(?:\w+\s+)*(?:an?|the|his|her|its)\b", person) and not plural:
        return 1
    return None


def _is_child(person: str) -> bool | None:
    age = re.search(r"age(\d+)", person)
    if age:
        return int(age.group(1)) < 18
    noun = person.split()[-1]
    if re.fullmatch(_CHILD, noun):
        return True
    if re.fullmatch(_ADULT, noun):
        return False
    return None
