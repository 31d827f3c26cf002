"""Place mentions in a sentence, through geodata only.

`find_places` is the one door to the gazetteer: it uses
`geodata.places.find_place_mentions` when geodata has it, and also looks up the
capitalised phrases that follow "in", "on", "near", "village of"... with `lookup` (the
gazetteer behind geopy's Geocoder interface).
Either way "the Kharkiv region" / "Belgorod Oblast" become region-level mentions.
"""

import dataclasses
import re

from geodata import places as gazetteer
from geodata.countries import FOCUS_COUNTRIES
from geodata.geocoder import GazetteerGeocoder, locate_place
from geodata.regions import REGIONS
from geodata.words import is_common_word, is_given_name

_REGION_WORD = r"(?:region|oblast|krai|province|governorate)"
_REGION_AFTER_RE = re.compile(rf"^\s+{_REGION_WORD}\b", re.IGNORECASE)
_SETTLEMENT_BEFORE_RE = re.compile(
    r"\b(?:city|town|village|villages|settlement|settlements|urban-type settlement|port)\s+of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# The words after which a capitalised phrase is likely a place (fallback finder only).
_TRIGGER_RE = re.compile(
    r"\b(?:in|on|near|at|outside|over|toward|towards|to|from|of|into|struck|hit|attacked|shelled"
    r"|targeted|bombed|and)\s+(?:the\s+)?(?:(?:city|town|village|villages|settlement|port"
    r"|outskirts|suburbs?|centre|center)\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
# Capitalised words ("Kam'ianske", "Velyka Pysarivka"); a possessive 's ends the name.
_WORD = r"[A-Z][\w-]*(?:['’](?!s\b)\w+)*"
_NAME_RE = re.compile(rf"{_WORD}(?:[ -]{_WORD}){{0,2}}")
_NAME_TAIL_RE = re.compile(rf"[ -]({_WORD})")


@dataclasses.dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    match: gazetteer.PlaceMatch
    # A settlement the gazetteer cannot place with confidence ("the village of Riasne",
    # "Krasnyi Vostok"): its match is only a stand-in until the reader puts it in the
    # region the text names; it is proposed as "needs a place", never guessed.
    needs_place: bool = False

    @property
    def is_region(self) -> bool:
        return self.match.geo_precision == "admin1" and not self.needs_place

    @property
    def is_country(self) -> bool:
        return self.match.geo_precision == "country"


# Article text never leaves the machine: extraction asks the offline gazetteer, through
# the geopy interface import uses, whichever geocoder import is configured with.
_GAZETTEER = GazetteerGeocoder()


def lookup(
    name: str, *, country: str | None = None, region: str | None = None
) -> gazetteer.PlaceMatch | None:
    """The gazetteer's best match for a place name (with its ambiguity), or None."""
    found = locate_place(_GAZETTEER, name, country=country, region=region)
    return None if found is None else found.match


def find_places(sentence: str, *, region_hint: str | None = None) -> list[Mention]:
    """Every place the sentence names, in order; regions as admin1-level matches.

    `region_hint` (an admin1 named earlier in the article) settles names several regions
    share, e.g. the many villages called Prymorske.
    """
    mentions = []
    raw = _whole_names(sentence, _raw_mentions(sentence)) + _capitals(sentence)
    raw += [item for item in _areas(sentence) if not any(item[0] < e and s < item[1] for s, e, _ in raw)]
    for start, end, match in sorted(raw, key=lambda item: item[:2]):
        # A span ending inside a word ("Kherson Region|al Military Administration") is
        # widened to the word, so the words after it are judged from the right place.
        while end < len(sentence) and sentence[end].isalnum():
            end += 1
        if _PERSON_BEFORE_RE.search(sentence[:start]) or (
            _GIVEN_BEFORE_RE.search(sentence[:start])
            and is_given_name(_GIVEN_BEFORE_RE.search(sentence[:start]).group(1))
        ):
            continue  # "Governor Alexander Gusev": a surname, not the town of Gusev
        if match is not None and _SETTLEMENT_BEFORE_RE.search(sentence[:start]):
            # "the village of Krasnaya Dubrava": the whole name after "village of" is the
            # settlement, not its first word.
            tail = end
            while not _REGION_AFTER_RE.match(sentence[tail:]):
                word = _NAME_TAIL_RE.match(sentence, tail)
                if word is None or is_common_word(word.group(1)) or is_given_name(word.group(1)):
                    break
                tail = word.end()
            if tail != end:
                end = tail
                whole = lookup(sentence[start:end])
                match = whole if whole is not None and whole.country in FOCUS_COUNTRIES else None
        if match is None:
            mentions.append(Mention(start, end, sentence[start:end], unplaced(sentence[start:end]), True))
            continue
        mention = _as_region_if_phrased(sentence, start, end, match)
        if _CAPITAL_RE.fullmatch(mention.text):
            mention = dataclasses.replace(mention, text=match.name)
        if region_hint and not mention.is_region and mention.match.admin1 != region_hint:
            # A village named after a region was mentioned: prefer the namesake inside it.
            better = lookup(mention.text, region=region_hint)
            if better is not None and better.admin1 == region_hint:
                mention = dataclasses.replace(mention, match=better)
        mentions.append(mention)
    return mentions


def _raw_mentions(sentence: str) -> list[tuple[int, int, gazetteer.PlaceMatch]]:
    """The gazetteer's own finder first; then names after "in", "village of"... that it
    missed, looked up one by one (a lookup knows more spellings: "Huliaipole")."""
    found = []
    finder = getattr(gazetteer, "find_place_mentions", None)
    if finder is not None:
        try:
            found = [tuple(item) for item in finder(sentence, countries=FOCUS_COUNTRIES)]
        except (ImportError, NotImplementedError):
            pass  # geodata is mid-upgrade: its finder is declared but not there yet
    for start, end, match in _fallback_mentions(sentence):
        if not any(start < other_end and other_start < end for other_start, other_end, _ in found):
            found.append((start, end, match))
    return sorted(found, key=lambda item: item[0])


# A title and a first name before a capitalised word make it a surname.
_PERSON_BEFORE_RE = re.compile(
    r"\b(?:[Gg]overnor|Gov\.|[Mm]ayor|President|[Mm]inister|spokes(?:wo)?man|[Hh]ead|[Cc]hief|Commander"
    r"|General|Gen\.|Lt\.|Col\.|Prosecutor|Ombudsman|[Dd]eputy|[Ss]enator|[Aa]mbassador|[Ee]nvoy|Mr\.|Ms\."
    r"|Mrs\.|Dr\.|By|by)\s+[A-Z][\w'’-]+\s+$"
)
_GIVEN_BEFORE_RE = re.compile(r"\b([A-Z][a-z]+)\s+$")
# "the Ukrainian capital", "the Russian capital": Kyiv and Moscow by another name.
_CAPITAL_RE = re.compile(r"\bthe (Ukrainian|Russian) capital\b(?!['’]s)")
_CAPITAL_CITY = {"Ukrainian": "Kyiv", "Russian": "Moscow"}


def _capitals(sentence: str) -> list:
    found = []
    for phrase in _CAPITAL_RE.finditer(sentence):
        match = lookup(_CAPITAL_CITY[phrase.group(1)])
        if match is not None:
            found.append((phrase.start(), phrase.end(), match))
    return found


# "in the Danube river area": a named area the gazetteer has no settlement for.
_AREA_RE = re.compile(r"\bthe ([A-Z][\w'’-]+\s+(?:river\s+)?area)\b")


def _areas(sentence: str) -> list:
    found = []
    for area in _AREA_RE.finditer(sentence):
        name = area.group(1).split()[0]
        if not is_common_word(name) and lookup(name) is None:
            found.append((area.start(1), area.end(1), None))
    return found


def unplaced(name: str) -> gazetteer.PlaceMatch:
    """The stand-in match of a settlement the gazetteer does not know."""
    return gazetteer.PlaceMatch(name, None, None, None, None, None, None, "settlement", True, ())


def _whole_names(sentence: str, found: list) -> list:
    """Adjacent mentions of one capitalised name ("Krasnyi" + "Vostok") are one name: the
    whole is looked up, and a whole the gazetteer does not know is left unplaced (None)
    rather than read as two places or as its last word."""
    merged = []
    for start, end, match in found:
        if merged:
            p_start, p_end, p_match = merged[-1]
            gap = sentence[p_end:start]
            if gap == " " and sentence[p_start].isupper() and sentence[start].isupper():
                name = sentence[p_start:end]
                if not _REGION_AFTER_RE.match(sentence[p_end:]) and (
                    p_match is None or p_match.geo_precision != "admin1"
                ):
                    whole = lookup(name)
                    known = whole is not None and whole.country in FOCUS_COUNTRIES
                    merged[-1] = (p_start, end, whole if known else None)
                    continue
        merged.append((start, end, match))
    return merged


def region_match(match: gazetteer.PlaceMatch) -> gazetteer.PlaceMatch | None:
    """The admin1-level match of the region a settlement lies in (its point stands in)."""
    if match.geo_precision == "admin1":
        return match
    if not match.admin1:
        return None
    found = lookup(match.admin1, country=match.country)
    if found is not None and found.geo_precision == "admin1":
        return found
    return gazetteer.PlaceMatch(
        match.admin1,
        match.latitude,
        match.longitude,
        match.admin1,
        match.country,
        geo_precision="admin1",
    )


def _as_region_if_phrased(sentence, start, end, match) -> Mention:
    """ "Kharkiv region" / "Belgorod Oblast" is the region even when the finder saw the city."""
    text = sentence[start:end]
    after = _REGION_AFTER_RE.match(sentence[end:])
    if match.geo_precision == "admin1" or _SETTLEMENT_BEFORE_RE.search(sentence[:start]):
        return Mention(start, end + (after.end() if after else 0), text, match)
    if after:
        base = re.sub(rf"\s+{_REGION_WORD}$", "", text, flags=re.IGNORECASE)
        region = lookup(f"{base} Oblast", country=match.country)
        if region is None or region.geo_precision != "admin1":
            region = region_match(match)
        if region is not None:
            return Mention(start, end + after.end(), text, region)
    return Mention(start, end, text, match)


def _fallback_mentions(sentence: str) -> list[tuple[int, int, gazetteer.PlaceMatch]]:
    found = []
    for name in _NAME_RE.finditer(sentence):
        words = name.group(0).split()
        start = name.start()
        # "In Zaporizhzhia" at a sentence start: the preposition is capitalised too.
        while words and is_common_word(words[0]):
            start = sentence.index(words[1], start + len(words[0])) if len(words) > 1 else name.end()
            words = words[1:]
        if not words:
            continue
        before = sentence[:start]
        region_after = _REGION_AFTER_RE.match(sentence[name.end() :])
        possessive = re.match(r"['’]s\b", sentence[name.end() :])
        if not (_TRIGGER_RE.search(before) or region_after or possessive):
            continue
        hit = _longest_resolving_prefix(words, start)
        if hit:
            found.append(hit)
        elif _SETTLEMENT_BEFORE_RE.search(before) and not is_common_word(words[0]):
            # "the village of Riasne": a settlement by the text's own word, unknown here.
            found.append((start, start + len(" ".join(words)), None))
        elif region_after:
            region = _misspelt_region(" ".join(words))
            if region is not None:
                found.append((start, start + len(" ".join(words)), region))
    return found


def _misspelt_region(name: str) -> gazetteer.PlaceMatch | None:
    """ "the Kharikv region": a region stem one slip (a swap, a letter more, less or
    different) from the name written; None unless exactly one region is that close."""
    key = name.casefold()
    if len(key) < 5:
        return None
    close = {
        region.name
        for region in REGIONS
        for stem in region.stems
        if stem[0].casefold() == key[0] and _one_slip(stem.casefold(), key)
    }
    if len(close) != 1:
        return None
    found = lookup(close.pop())
    return found if found is not None and found.geo_precision == "admin1" else None


def _one_slip(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _longest_resolving_prefix(words: list[str], offset: int):
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[:size])
        person = size == 1 and len(words) > 1 and is_given_name(candidate)
        if person or is_common_word(candidate):
            continue  # not a place, or a person: "Vladimir Putin" (yet "struck Vladimir")
        match = lookup(candidate)
        if match is not None and match.country in FOCUS_COUNTRIES:
            return offset, offset + len(candidate), match
    return None
