"""Which place mentions of a sentence are struck places, and which only say where or who.

"Zelenograd, on Moscow's outskirts": Moscow only locates. "Moscow's Defense Ministry",
"Kherson Regional Military Administration", "Odesa Oblast Governor", "10:00 Moscow time":
institutions and clocks. "Kyiv would seek": a government. A region is a target only when
no settlement in the sentence is.
"""

import re

from geodata.words import ENGLISH_MONTHS, WEEKDAYS
from incidents.extract.mentions import Mention, region_match

_CALENDAR = "(?:" + "|".join(name.capitalize() for name in (*WEEKDAYS, *ENGLISH_MONTHS)) + r")\b"
_INSTITUTION_AFTER_RE = re.compile(
    rf"^(?:['’]s)?\s+(?!{_CALENDAR})(?:[A-Z][a-z]|time\b|governor\b|mayor\b|officials?\b"
    r"|authorities\b|administration\b|oblenergo\b|prosecutor|terrorists?\b|militants?\b|regime\b"
    r"|forces\b|troops\b|army\b|police\b|court\b|emergency\s+(?:services?|headquarters|ministry)\b"
    r"|(?:operational\s+)?headquarters\b|ministry\b|department\b|health\b|branch\b)"
)
# Not settlements: "Severnoye highway", "Soborna Street", "Nemyshlyan district" (of a city),
# "Leninsky Urban District", "Azot plant". They may locate a strike but are not the place.
_NOT_SETTLEMENT_AFTER_RE = re.compile(
    r"^(?:['’]s)?\s+(?:highway|street|st\.|avenue|ave\.|road|lane|boulevard|square|prospekt"
    r"|prospect|embankment|bridge|airport|airfield|air base|station|plant|factory|refinery"
    r"|depot|terminal|(?:urban |city |municipal )?district|microdistrict|okrug|neighbou?rhood"
    r"|quarter|river|reservoir|lake|oil|energy|power plant|nuclear|community|hromada|municipality"
    r"|districts|streets|avenues|communities)\b",
    re.IGNORECASE,
)
_CITY_DISTRICT_BEFORE_RE = re.compile(r"\bcity['’]s\s+$", re.IGNORECASE)
_LOCATOR_BEFORE_RE = re.compile(
    r"\b(?:outskirts|suburbs?|district|south|north|east|west|southeast|southwest|northeast"
    r"|northwest|km|kilometers|kilometres|miles)\s+(?:of|from)\s+(?:the\s+)?(?:city\s+of\s+)?$",
    re.IGNORECASE,
)
_LOCATOR_AFTER_RE = re.compile(
    r"^(?:['’]s\s+(?:outskirts|suburbs?)\b|\s+(?:suburb|satellite town|district|region town)\s+of\b)",
    re.IGNORECASE,
)
# "the Kyiv suburb of Irpin": the suburb is the place, the city only locates it.
_NAMED_SUBURB_BEFORE_RE = re.compile(r"[A-Z][\w'’-]+\s+(?:suburb|satellite town)\s+of\s+$")
_GOVERNMENT_AFTER_RE = re.compile(
    r"^(?:['’]s)?\s+(?:would|will|has said|said|says|accused|demanded|has demanded|claims|insists"
    r"|regime|government|and its (?:allies|partners)|is|was|has|had|denies|denied|blames?|blamed"
    r"|responded|officials|authorities|terrorists?|forces|troops|militants)\b",
    re.IGNORECASE,
)
_GOVERNMENT_BEFORE_RE = re.compile(r"\b(?:accused|for|urged|told|warned|with)\s+$", re.IGNORECASE)
_LIST_REST_RE = re.compile(r"^(?:(?:,\s*|,?\s+and\s+)[A-Z][\w'’-]*)+(?=\s+[a-z])")
_PLURAL_KIND_RE = re.compile(
    r"^\s+(?:(?:urban|city|municipal)\s+)?(?:districts|raions|okrugs|communities|hromadas|streets|avenues)\b",
    re.IGNORECASE,
)
_LAUNCH_RE = re.compile(r"\b(?:fired|launched|took off|sent)\b", re.IGNORECASE)
_ORIGIN_BEFORE_RE = re.compile(
    r"\bfrom\s+(?:(?!(?:at|on|toward|towards|against|into|targeting|over)\b)[\w'’-]+\s+){0,9}$", re.IGNORECASE
)
_CAPITALS = {"kyiv", "kiev", "moscow"}


def incident_targets(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions naming struck places, in order, one per place."""
    kept, locators = [], []
    launch = _LAUNCH_RE.search(sentence)
    for mention in mentions:
        if mention.is_country or _is_institution(sentence, mention):
            continue
        if launch and _ORIGIN_BEFORE_RE.search(sentence[launch.end() : mention.start]):
            continue  # "fired three missiles from ... Ukraine's Donetsk region": where from
        if _is_locator(sentence, mention) or is_not_settlement(sentence, mention):
            locators.append(mention)
        else:
            kept.append(mention)
    settlements = [m for m in kept if not m.is_region]
    districts = [m for m in locators if _DISTRICT_AFTER_RE.match(_after_list(sentence, m))]
    locators = [m for m in locators if m not in districts or not _is_city_district(m)]
    districts = [m for m in districts if not _is_city_district(m)]
    regions = [m for m in kept if m.is_region]
    works = [m for m in locators if _WORKS_AFTER_RE.match(sentence[m.end :])]
    inside = [m for m in works if not regions or any(m.match.admin1 == r.match.admin1 for r in regions)]
    if settlements:
        kept = settlements
    elif inside:
        # "the Novoshakhtinsk oil refinery in the Rostov region": the works' town is the place.
        kept = inside
    elif districts and (len(_unique(regions)) == 1 or (not regions and region_match(districts[0].match))):
        # "In the Kyiv region ..., with the Boryspil and Brovary districts the hardest hit",
        # "settlements of the Konotop, Okhtyrka and Sumy districts": the region's incident,
        # placed by the districts the text names in it.
        start = districts[0].start
        tail = _DISTRICT_TAIL_RE.match(sentence, districts[-1].end)
        end = tail.end() if tail else districts[-1].end
        region = regions[0].match if regions else region_match(districts[0].match)
        return [Mention(start, end, sentence[start:end].strip(), region, needs_place=True)]
    elif not kept:
        kept = [m for m in locators if not m.is_region][:1] or locators[:1]
    return _unique(kept)


# "Kharkiv Mayor Ihor Terekhov said ...", "the Sumy regional administration said ...": the
# place an official speaks for, which is where the strike was when the text names no other.
_LOCAL_OFFICE_AFTER_RE = re.compile(
    r"^(?:['’]s)?\s+(?:(?:city|regional|oblast|district|military|state|local)\s+){0,3}(?:mayor|governor"
    r"|administration|authorities|officials|council|head)\b",
    re.IGNORECASE,
)


def office_places(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """The places of the local officials a sentence cites, one per place."""
    found = [
        m
        for m in mentions
        if not m.is_country and m.match.name.casefold() not in _CAPITALS | {"kyiv oblast"} or m.is_region
    ]
    found = [m for m in found if not m.is_country and _LOCAL_OFFICE_AFTER_RE.match(sentence[m.end :])]
    return _unique(found)


def same_place(a, b) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    return a.name.casefold() == b.name.casefold() and a.country == b.country


def _is_institution(sentence: str, mention: Mention) -> bool:
    after = sentence[mention.end :]
    before = sentence[: mention.start]
    if _CITY_DISTRICT_BEFORE_RE.search(before):
        return True
    if _DISTRICT_AFTER_RE.match(after):
        return False  # "the Gaivoron City District administration": a district, located
    if _INSTITUTION_AFTER_RE.match(after) and not re.match(r"^(?:['’]s)?\s+[A-Z]\w+\s+district", after):
        return True
    if mention.match.name.casefold() in _CAPITALS or mention.text.casefold() in _CAPITALS:
        return bool(_GOVERNMENT_AFTER_RE.match(after) or _GOVERNMENT_BEFORE_RE.search(before))
    return False


_DISTRICT_AFTER_RE = re.compile(
    r"^\s+(?:(?:urban|city|municipal)\s+)?(?:districts?|raions?|okrugs?|communities|community|hromadas?)\b",
    re.IGNORECASE,
)
_WORKS_AFTER_RE = re.compile(
    r"^\s+(?:(?:oil|gas|power|thermal|chemical|metallurgical|steel|ammunition|military|sea|river)\s+)?"
    r"(?:refinery|plant|factory|works|depot|terminal|airfield|air base|port|substation|power station)\b",
    re.IGNORECASE,
)
_DISTRICT_TAIL_RE = re.compile(
    r"(?:(?:,\s*|,?\s+and\s+)[A-Z][\w'’-]*)*\s+(?:(?:urban|city|municipal)\s+)?(?:districts?|raions?"
    r"|okrugs?|communit(?:y|ies)|hromadas?)\b",
    re.IGNORECASE,
)
# "Desnianskyi district", "Leninsky Urban District": named with an adjective, a district of a
# city (or a borough), not a district named after its town ("Bohodukhiv district").
_ADJECTIVE_NAME_RE = re.compile(
    r"(?:sk|ck|zk|n|v)(?:yi|iy|y|ij|i|ii)$|ivska|ivske|ska|ske|skoy$", re.IGNORECASE
)


def _after_list(sentence: str, mention: Mention) -> str:
    """What follows a name and the names listed after it, when the list ends in a plural
    ("Desnianskyi, Dniprovskyi and Holosiivskyi districts"); "Derhachi, Kharkiv district"
    is a town and its district, not a list."""
    after = sentence[mention.end :]
    rest = _LIST_REST_RE.sub("", after, count=1)
    return rest if rest != after and _PLURAL_KIND_RE.match(rest) else after


def _is_city_district(mention: Mention) -> bool:
    return bool(_ADJECTIVE_NAME_RE.search(mention.text.split()[-1]))


def is_not_settlement(sentence: str, mention: Mention) -> bool:
    """A street, highway, city district, river or enterprise named after a place."""
    if mention.is_region:
        return False
    # "the Desnianskyi, Dniprovskyi and Holosiivskyi districts": the list's last word says.
    after = _after_list(sentence, mention)
    return bool(_NOT_SETTLEMENT_AFTER_RE.match(after))


def _is_locator(sentence: str, mention: Mention) -> bool:
    if _NAMED_SUBURB_BEFORE_RE.search(sentence[: mention.start]):
        return False
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
