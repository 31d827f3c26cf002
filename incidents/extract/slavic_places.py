"""Places a Ukrainian or Russian clause names, resolved through the gazetteer.

A capitalised run of words is put into its nominative forms (geodata.morphology) and
looked up: "у Харкові" -> Kharkiv, "в Белгородской области" -> Belgorod Oblast, "на
Сумщині" -> Sumy Oblast. A word of kind settles what the run is: after "село", "м.",
"хутора" a settlement (kept as written, in the nominative, when the gazetteer does not
know it), before "район", "громада", "округ" a district, before "область", "край" a region.
People (first names, surnames, anyone after a title) and offices ("Харківської ОВА") are
not places struck.
"""

import dataclasses

from geodata import morphology
from geodata.places import PlaceMatch, towns_of_adjective
from incidents.extract import slavic_words as words
from incidents.extract.mentions import lookup, region_match, unplaced
from incidents.extract.slavic_figures import Token

_FOCUS = ("UA", "RU")
_STREET_WORDS = frozenset(
    "вулиця провулок проспект бульвар площа улица переулок проспект площадь шоссе".split()
)
_JOINS = frozenset({",", "і", "й", "та", "и", "частково", "частично"})
_OPENING_QUOTES = frozenset('«“„"')
_CLOSING_QUOTES = frozenset('»”"')
_NOT_NAME_POS = frozenset("PREP CONJ PRCL ADVB NPRO VERB INFN PRTS GRND PRED ADJS NUMR INTJ COMP".split())
_CAPITAL = frozenset({"столиця"})
_ROAD_WORDS = frozenset("автодорога траса дорога шосе автодорогa трасса шоссе".split())
_COUNTRIES = frozenset("росія россия україна украина білорусь беларусь рф".split())
_REPORTED_BY = frozenset("словами словам даними данным".split())
# A settlement opening a sentence with no preposition before it is a subject ("Ізмаїл
# потрапив під удар"); the capital letter then says nothing, so only towns are taken.
_SUBJECT_POPULATION = 10_000
_FAR_TOWN_POPULATION = 50_000


@dataclasses.dataclass
class Place:
    start: int  # token index
    end: int
    offset: int  # character offset in the clause's sentence
    text: str
    name: str  # the record's place: the gazetteer's name, or the text's nominative form
    match: PlaceMatch
    kind: str  # settlement, district, region, country
    needs_place: bool = False
    locator: bool = False  # an office or a qualifier of another place: not a place struck
    district: str | None = None  # the district the text puts a settlement in

    @property
    def is_target(self) -> bool:
        return not self.locator and self.kind in ("settlement", "district", "region")


def find_places(tokens: list[Token], lang: str, hints: list[str]) -> list[Place]:
    """Every place in a clause's tokens, in order. `hints`: admin1 names the text has
    named, most recent first; they settle names several regions share."""
    found: list[Place] = []
    settlement_next = False
    skip_next = False
    road_next = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind != "word":
            i += 1
            continue
        if not token.is_capitalised:
            skip_next = False
            if lang == "uk" and token.has(_CAPITAL):
                match = lookup("Kyiv")  # "у Дарницькому районі столиці": Kyiv, in a Ukrainian text
                if match is not None:
                    found.append(_place(tokens, i, i + 1, match.name, match, "settlement"))
                    i += 1
                    continue
            if token.has(words.SETTLEMENT_WORDS) or (
                token.lower in words.SETTLEMENT_ABBREVIATIONS
                and i + 1 < len(tokens)
                and tokens[i + 1].text == "."
            ):
                settlement_next = True
            elif token.has(_STREET_WORDS) or token.lower in _REPORTED_BY:
                skip_next = True
            elif token.has(_ROAD_WORDS):
                road_next = True
            elif token.pos not in ("ADJF", "PRTF", "NUMR"):
                settlement_next = road_next = False
            i += 1
            continue
        run_end = i + 1
        while run_end < len(tokens) and run_end - i < 3 and tokens[run_end].is_capitalised:
            run_end += 1
        q = _qualifier(tokens, run_end, single=run_end - i == 1)
        if q == run_end and run_end - i > 1:
            # "Калиновка Хомутовского района": the settlement, then the district it is in.
            run_end, q = run_end - 1, None
        if road_next:
            place = _road(tokens, i, run_end, lang, hints)
            road_next = False
            if place is not None:
                found.append(place)
                i = place.end
                continue
        if (
            skip_next
            or _quoted(tokens, i, run_end)
            or (q is None and _is_person(tokens, i, run_end, lang, settlement_next))
        ):
            skip_next = settlement_next = road_next = False
            i = run_end
            continue
        place = _resolve(tokens, i, run_end, q, lang, hints, settlement_next)
        settlement_next = False
        if place is None:
            i += 1
            continue
        found.append(place)
        i = place.end
    _link_districts(tokens, found)
    return found


def _is_person(tokens, start, end, lang, settlement_next=False) -> bool:
    run = tokens[start:end]
    if any(morphology.is_first_name(t.text, lang) and not _has_place_reading(t, lang) for t in run):
        return True
    if settlement_next:
        return False  # "с. Нижче Солоне": the text says a settlement follows
    if all(morphology.is_person_word(t.text, lang) for t in run):
        return True
    if len(run) >= 2 and morphology.is_person_word(run[-1].text, lang):
        return True  # "Володимир Когут": a first name the dictionary also knows as a town
    before = [t for t in tokens[max(0, start - 4) : start]]
    if any(t.text in (",", ".", ";", ":") for t in before):
        before = before[max(i for i, t in enumerate(before) if t.text in (",", ".", ";", ":")) + 1 :]
    after = tokens[end] if end < len(tokens) else None
    qualified = after is not None and (after.has(words.REGION_WORDS) or after.has(words.DISTRICT_WORDS))
    return not qualified and any(t.has(words.TITLE_WORDS) for t in before)


def _adjectival(token, lang) -> bool:
    """ "Хомутовском": an adjective in some reading (the first may be a surname's)."""
    return any(p.tag.POS in ("ADJF", "PRTF") for p in morphology.parses(token.text, lang))


def _has_place_reading(token, lang) -> bool:
    """ "Києві" is also a form of Київ: an inanimate noun reading or a place tag."""
    return any(
        p.tag.POS == "NOUN" and bool({"inan", "Geox"} & set(p.tag.grammemes))
        for p in morphology.parses(token.text, lang)
    )


def _quoted(tokens, start, end) -> bool:
    """ "“Газель”", "«Молнія»": a name in quotes inside a sentence is a thing's name."""
    return (
        start > 0
        and tokens[start - 1].text in _OPENING_QUOTES
        and end < len(tokens)
        and tokens[end].text in _CLOSING_QUOTES
    )


def _qualifier(tokens, end, *, single: bool) -> int | None:
    """The index of the kind word after a name ("області", "муниципального округа"),
    also across a list that shares it ("Хомутовском и частично Рыльском районах")."""
    k = end
    while k < len(tokens) and k - end < 2 and tokens[k].kind == "word" and not tokens[k].is_capitalised:
        if tokens[k].has(words.REGION_WORDS | words.DISTRICT_WORDS):
            return k
        if tokens[k].pos not in ("ADJF", "PRTF"):
            break
        k += 1
    if not single:
        return None
    k = end
    while k < len(tokens) and k - end < 8:
        token = tokens[k]
        if token.has(words.REGION_WORDS | words.DISTRICT_WORDS) and not token.is_capitalised:
            return k
        if token.text in _JOINS or token.lower in _JOINS or (token.is_capitalised and token.pos == "ADJF"):
            k += 1
            continue
        break
    return None


def _resolve(tokens, start, end, q, lang, hints, settlement_next) -> Place | None:
    run = tokens[start:end]
    texts = [t.text for t in run]
    after = tokens[end] if end < len(tokens) else None
    office = after is not None and (after.has(words.OFFICE_WORDS) or after.lower in words.OFFICE_WORDS)
    if q is not None and q == end or (q is not None and all(_adjectival(t, lang) for t in run)):
        kind_word = tokens[q]
        if kind_word.has(words.REGION_WORDS):
            for form in morphology.phrase_forms([*texts, kind_word.text], lang):
                match = lookup(form)
                if match is not None and match.geo_precision == "admin1" and match.country in _FOCUS:
                    stop = q + 1 if q == end else end
                    return _place(tokens, start, stop, match.name, match, "region", locator=office)
            return None
        if kind_word.has(words.DISTRICT_WORDS):
            forms = morphology.phrase_forms([*texts, kind_word.text], lang)
            noun = next(iter(kind_word.lemmas), kind_word.lower)
            name = next((f for f in forms if f.endswith(noun)), forms[0])
            region = _region_of_hints(hints) or _region_of_district(texts, lang)
            town = _town_named(texts[-1], lang, region.admin1 if region is not None else None)
            english = words.DISTRICT_IN_ENGLISH.get(noun)
            # The record names the district by its town as the gazetteer spells it; the
            # text's own words stay in the evidence.
            name = (
                f"{town.name} {english}" if town is not None and english and len(texts) == 1 else _title(name)
            )
            if settlement_next:
                name = f"village in {name}"  # "в одному з сіл ... громади": which one is unsaid
            match = region if region is not None else unplaced(name)
            stop = q + 1 if q == end else end
            return _place(tokens, start, stop, name, match, "district", needs_place=True)
    if end - start == 1:
        region = morphology.land_region(run[0].text, lang)
        if region is not None:
            match = lookup(region.name)
            if match is not None:
                return _place(tokens, start, end, match.name, match, "region", locator=office)
    subject = not settlement_next and (
        start == 0 or (tokens[start - 1].kind == "punct" and tokens[start - 1].text not in ("(", ","))
    )
    # After a preposition or a verb of attack ("атакували Кропивницький") a place is expected.
    after_preposition = start > 0 and (
        tokens[start - 1].pos == "PREP" or tokens[start - 1].has(words.STRIKE_WORDS)
    )
    if run[0].has(_COUNTRIES):
        return None  # "Росія", "Україну": the country, not a place struck
    for size in range(end - start, 0, -1):
        part = texts[:size]
        if subject and any(p.tag.POS in _NOT_NAME_POS for p in morphology.parses(run[0].text, lang)):
            return None
        # A capitalised adjective alone ("Українські захисники") names a place only where
        # a place is expected: after a preposition or a word such as "село".
        if all(t.pos in ("ADJF", "PRTF") for t in run[:size]) and not (
            after_preposition
            or settlement_next
            or any("Geox" in t.grammemes and t.pos == "NOUN" for t in run[:size])
        ):
            continue
        match = _best_match(morphology.phrase_forms(part, lang), hints)
        if match is None:
            continue
        if hints and match.admin1 not in hints and all(t.pos in ("ADJF", "PRTF") for t in run[:size]):
            continue  # "у Дніпровському –": an adjective far from the text's regions is no place
        if subject and match.geo_precision == "settlement":
            if (match.population or 0) < _SUBJECT_POPULATION and "Geox" not in run[0].grammemes:
                continue
        if match.geo_precision == "country":
            return _place(tokens, start, start + size, match.name, match, "country", locator=True)
        kind = "region" if match.geo_precision == "admin1" else "settlement"
        return _place(tokens, start, start + size, match.name, match, kind, locator=office)
    if settlement_next:
        name = " ".join(_title(word) for word in morphology.phrase_forms(texts, lang)[0].split())
        region = _region_of_hints(hints)
        match = region if region is not None else unplaced(name)
        return _place(tokens, start, end, name, match, "settlement", needs_place=True)
    return None


def _road(tokens, start, end, lang, hints) -> Place | None:
    """ "на участке автодороги Казинка — Посохово": a road between two places."""
    if end + 1 < len(tokens) and tokens[end].text in ("—", "–", "-") and tokens[end + 1].is_capitalised:
        first = " ".join(
            _title(w) for w in morphology.phrase_forms([t.text for t in tokens[start:end]], lang)[0].split()
        )
        second = _title(morphology.phrase_forms([tokens[end + 1].text], lang)[0])
        name = f"{first} — {second}"
        region = _region_of_hints(hints)
        match = region if region is not None else unplaced(name)
        return _place(tokens, start, end + 2, name, match, "settlement", needs_place=True)
    return None


def _best_match(forms: list[str], hints: list[str]) -> PlaceMatch | None:
    """The first form's match, unless another form names a place in a region the text names."""
    found = [m for m in (_settlement(form, hints) for form in forms) if m is not None]
    if not found:
        return None
    for hint in hints:
        for match in found:
            if match.admin1 == hint:
                return match
    return found[0]


def _region_of_district(texts: list[str], lang: str) -> PlaceMatch | None:
    """ "Шебекинский округ", "Валуйском округе": the region of the town the district is
    named after, when the gazetteer knows exactly one such town."""
    town = _town_named(texts[-1], lang)
    return region_match(town) if town is not None else None


def town_of_district(name: str, lang: str, region: str | None = None) -> PlaceMatch | None:
    """The town a district or community name is made from ("Охтирська громада" ->
    Okhtyrka), in `region` when given; None unless the gazetteer knows exactly one."""
    words_ = name.split()
    if len(words_) >= 2 and words_[-1] in words.DISTRICT_IN_ENGLISH.values():
        # "Shostka community": a district the reader has already named by its town.
        town = lookup(" ".join(words_[:-1]), region=region) if region else lookup(" ".join(words_[:-1]))
        return town if town is not None and town.geo_precision == "settlement" else None
    return _town_named(words_[0], lang, region) if len(words_) >= 2 else None


def _town_named(adjective: str, lang: str, region: str | None = None) -> PlaceMatch | None:
    for stem in morphology.adjective_stems(adjective, lang):
        match = lookup(stem, region=region) if region else lookup(stem)
        if match is None or match.country not in _FOCUS or match.geo_precision != "settlement":
            continue
        if region and match.admin1 == region:
            return match
        if not region and not match.ambiguous and match.admin1:
            return match
    # Derivations the stems above do not undo ("Кременчуцький" from Кременчук): the
    # gazetteer's names that begin the adjective, the region's largest.
    for lemma in morphology.lemmas(adjective, lang):
        towns = [m for m in towns_of_adjective(lemma, region) if m.country in _FOCUS]
        # Without a region, only a town that dwarfs the others of such a name: a district
        # is named after its centre, and villages share names.
        sizes = [m.population or 0 for m in towns]
        if towns and (region or len(towns) == 1 or sizes[0] >= _DOMINANT * sizes[1]):
            return towns[0]
    return None


_DOMINANT = 5


def _settlement(form: str, hints: list[str]) -> PlaceMatch | None:
    match = lookup(form)
    if match is None or match.country not in _FOCUS:
        return None
    if match.geo_precision != "settlement" or not hints or (match.admin1 in hints and not match.ambiguous):
        return match
    for hint in hints:
        if match.admin1 == hint:
            return match
        better = lookup(form, region=hint)
        if better is not None and better.admin1 == hint:
            return better
    if match.ambiguous or (match.population or 0) < _FAR_TOWN_POPULATION:
        # A village of that name far from every region the text names is another village:
        # unknown here, rather than a guess.
        return None
    return match


def _region_of_hints(hints: list[str]) -> PlaceMatch | None:
    for hint in hints:
        match = lookup(hint)
        if match is not None:
            return region_match(match)
    return None


def _title(name: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in name.split("-"))


def _place(tokens, start, end, name, match, kind, *, needs_place=False, locator=False) -> Place:
    text = " ".join(t.text for t in tokens[start:end])
    return Place(start, end, tokens[start].start, text, name, match, kind, needs_place, locator)


def _link_districts(tokens: list[Token], found: list[Place]) -> None:
    _link(tokens, found)
    by_name = {p.name: p for p in found if p.kind == "district" and p.match.admin1}
    for place in found:
        if place.needs_place and place.match.admin1 is None and place.district in by_name:
            place.match = by_name[place.district].match  # placed in the district's region


def _link(tokens: list[Token], found: list[Place]) -> None:
    """ "Калиновка Хомутовского района", "Шевченківському районі Харкова": a district next
    to a settlement only says where the settlement is."""
    for n, place in enumerate(found):
        if place.kind != "district":
            continue
        before = found[n - 1] if n > 0 else None
        after = found[n + 1] if n + 1 < len(found) else None
        if before is not None and before.kind == "settlement" and place.start - before.end <= 1:
            place.locator = True
            m = n - 1
            while m >= 0 and found[m].kind == "settlement":
                found[m].district = place.name
                gap = tokens[found[m - 1].end : found[m].start] if m > 0 else []
                if not gap or not all(t.text in _JOINS or t.lower in _JOINS for t in gap):
                    break
                m -= 1
        elif after is not None and after.kind == "settlement" and after.start == place.end:
            place.locator = True
            after.district = place.name
        elif before is not None and before.kind == "district" and before.locator:
            gap = tokens[before.end : place.start]
            if all(t.text in _JOINS or t.lower in _JOINS for t in gap):
                place.locator = True  # "Харків (Київський, Шевченківський і Салтівський райони)"
