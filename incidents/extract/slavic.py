"""Reading a Ukrainian or Russian report into the same incident and air-defence drafts as
English (incidents.extract.drafts), clause by clause.

What the officials' posts and news reports in these languages taught, as rules:
- a clause proposes an incident for the places it names when it says something was hit or
  harmed; a clause naming no place adds to the strike the sentence (or the one before)
  was about, and a lead clause before a breakdown by place ("постраждали 6 людей: у
  Харкові ...; у селищі Вільшани ...") is its total, not one more incident;
- "Нагадаємо"/"Напомним" retells an older strike: not proposed;
- a settlement outranks the district and region that locate it in the same clause; a
  region's figures go to the one settlement the text then names in it, and a region's
  statement the settlements' figures account for is not proposed again;
- the attacker is who the text's side calls the enemy ("ворог" in a Ukrainian post is
  Russia, "ВСУ"/"противник" in a Russian one Ukraine), failing that the other side of the
  place struck.
"""

import datetime as dt
import re

from geodata import morphology
from geodata.distance import distance_km
from incidents.extract import slavic_words as words
from incidents.extract import wording
from incidents.extract.casualties import Casualties
from incidents.extract.drafts import DefenceDraft, IncidentDraft, refines
from incidents.extract.mentions import lookup, region_match
from incidents.extract.slavic_defence import read_claims
from incidents.extract.slavic_figures import Token, find_date, households_off, read_harm, tokenize
from incidents.extract.slavic_places import Place, _title, find_places, town_of_district
from incidents.extract.text import paragraphs
from incidents.rules.model import CASUALTY_FIELDS

_BOUNDARY_RE = re.compile(r"(?<=[.!?…])[\"”»')\]]*\s+(?=[\"“«„(\[]?[A-ZА-ЯІЇЄҐЁ0-9])")
_BULLET_RE = re.compile(r"^\s*[•\-–—*·]\s*")
_CLAUSE_BREAKS = frozenset({";", ":"})
_CONTRAST = frozenset({"а", "але", "но", "однак", "однако", "тоді", "тогда"})
_OLDEST_DAYS = 7
_DISTRICT_KM = 60  # a district (raion, okrug, hromada) reaches this far from its town
_SIDE_NAMES = {"UA": "Ukraine", "RU": "Russia"}


def read_report(text: str, published: dt.date, lang: str) -> tuple[list[IncidentDraft], list[DefenceDraft]]:
    reader = SlavicReader(published, lang)
    # "Каменско -Днепровского": a hyphenated name typed with a space.
    text = re.sub(r"(?<=\w) -(?=[A-ZА-ЯІЇЄҐ])", "-", text)
    reader.article_side = _article_side(tokenize(text, lang), lang)
    lines = paragraphs(text)
    for index, line in enumerate(lines):
        reader.read_line(line, index, headline=index < len(lines) - 1 and _is_title(line))
    return reader.finish()


def _is_title(line: str) -> bool:
    """A short first line with no full stop; a list's lines (":", ";", bullets) are body."""
    if _BULLET_RE.match(line) or line.rstrip().endswith((":", ";", ",")):
        return False
    return len(line.split()) <= 20 and not re.search(r"[.!?…][\"”»')\]]*$", line.strip())


def split_sentences(line: str) -> list[str]:
    pieces, start = [], 0
    for match in _BOUNDARY_RE.finditer(line):
        before = line[start : match.start()]
        last = re.findall(r"(\w+)\.$", before)
        # "у м. Куп'янськ", "с. Прудянка": a one-letter abbreviation does not end a sentence.
        if last and (len(last[0]) == 1 or last[0].lower() in words.SETTLEMENT_ABBREVIATIONS):
            continue
        pieces.append(line[start : match.start()].strip())
        start = match.end()
    pieces.append(line[start:].strip())
    return [p for p in pieces if p]


class SlavicReader:
    def __init__(self, published: dt.date, lang: str):
        self.published = published
        self.lang = lang
        self.incidents: list[IncidentDraft] = []
        self.defence: list[DefenceDraft] = []
        self.context_date: dt.date | None = None
        self.hints: list[str] = []  # admin1 names the text has named, latest first
        self.last_touched: list[IncidentDraft] = []
        self.last_defence: DefenceDraft | None = None
        self.reporter: str | None = None
        self.paragraph = 0
        self.headline = False
        self.body_started = False
        self.list_noun: str | None = None  # "Пошкодження є у трьох громадах:" -> громада
        self.list_harm = False  # the list's header said what the items suffered
        self.paragraph_event: str | None = None
        self.enemy_side = "RU" if lang == "uk" else "UA"
        self.districts: dict[int, str] = {}  # id(draft) -> its district as the text names it
        self.last_city: Place | None = None  # the last large town named, for its districts
        self.district_drafts: set[int] = set()  # ids of drafts for a district or community
        self.harm_said: set[int] = set()  # ids of drafts whose clauses speak of harm
        self.article_side: str | None = None
        self.header: Place | None = None  # the settlement a post opens with, alone
        # The district or settlement drones were just downed over: where their debris fell
        # ("над Лискинским районом сбиты три беспилотника. Обломками повреждена ЛЭП").
        self.downed_over: Place | None = None

    # -- lines and sentences -----------------------------------------------------------

    def read_line(self, line: str, index: int, *, headline: bool) -> None:
        if index != self.paragraph:
            self.paragraph_event = None
        self.paragraph = index
        self.headline = headline and not self.body_started
        self.body_started = self.body_started or not self.headline
        bullet = bool(_BULLET_RE.match(line))
        if bullet:
            line = _BULLET_RE.sub("", line)
        else:
            self.list_noun, self.list_harm = None, False
        for sentence in split_sentences(line):
            self.read(sentence, bullet=bullet)
        if not bullet and line.rstrip().endswith(":"):
            tokens = tokenize(line, self.lang)
            self.list_noun = next(
                (
                    lemma
                    for t in tokens
                    if t.kind == "word"
                    for lemma in t.lemmas
                    if lemma in words.DISTRICT_WORDS
                ),
                None,
            )
            self.list_harm = any(
                t.has(words.DAMAGE_WORDS | words.STRIKE_WORDS) for t in tokens if t.kind == "word"
            )

    def read(self, text: str, *, bullet: bool = False) -> None:
        tokens = tokenize(text, self.lang)
        content = [t for t in tokens if t.kind == "word"]
        if not content:
            return
        if content[0].has(words.REMINDER_WORDS):
            self.last_touched = []
            return  # "Нагадаємо, ...": an earlier strike told again
        if any(
            tuple(t.lower for t in content[i : i + 2]) in words.CUMULATIVE_OPENERS
            for i in range(len(content))
        ):
            return  # "З початку повномасштабного вторгнення ...": a war total
        mention = find_date(tokens, self.published)
        date = mention.date if mention else (self.context_date or self.published)
        date_stated = mention is not None
        places = find_places(tokens, self.lang, self.hints)
        here = [
            p.match.admin1
            for p in places
            if p.match.admin1
            and (
                p.kind == "region"
                or (p.kind == "settlement" and any(t.pos == "NOUN" for t in tokens[p.start : p.end]))
            )
        ]
        if here:
            # The sentence's own regions settle its names first: "(Запорожская область)".
            places = find_places(tokens, self.lang, [*dict.fromkeys(here), *self.hints])
        if bullet and self.list_noun:
            places = _list_item(tokens, self.lang, self.list_noun, self.hints) + places
        for place in places:
            admin1 = place.match.admin1 if place.match.admin1 else None
            if admin1 and (
                place.kind in ("region", "settlement") and not place.needs_place or place.kind == "district"
            ):
                if admin1 in self.hints:
                    self.hints.remove(admin1)
                self.hints.insert(0, admin1)
        if len(places) == 1 and places[0].kind == "settlement" and len(content) <= 2:
            self.header = places[0]  # "Херсон." opening a post: the city it is about
            return
        reporter = _reporter(tokens)
        self.reporter = reporter or self.reporter
        claims = read_claims(tokens, places)
        strike = _any(tokens, words.STRIKE_WORDS)
        whole = read_harm(tokens)
        ground = (
            not whole.is_empty()
            or households_off(tokens) is not None
            or _any(tokens, words.DAMAGE_WORDS)
            or _any(tokens, {"влучити", "влучання", "попасть", "попадание", "врезаться"})
        )
        if date_stated and (strike or claims or ground):
            self.context_date = date
        if date < self.published - dt.timedelta(days=_OLDEST_DAYS):
            return
        if claims:
            self._read_claims(claims, date, date_stated, reporter, text)
            local = [
                place
                for place in places
                if place.kind in ("district", "settlement")
                and place.start > 0
                and tokens[place.start - 1].lower == "над"
            ]
            self.downed_over = local[0] if len(local) == 1 and len(claims) == 1 else None
        self.paragraph_event = _weapon_type(tokens) or self.paragraph_event
        if claims and not ground:
            return  # an air-defence statement, not a strike on a place
        self._read_clauses(tokens, places, date, date_stated, strike or (bullet and self.list_harm))
        cities = [p for p in places if _is_city(p)]
        if cities:
            self.last_city = cities[-1]

    def _read_clauses(self, tokens, places, date, date_stated, strike) -> None:
        pieces = _clauses(tokens, places)
        placed = [[p for p in places if a <= p.start < b and p.is_target] for a, b in pieces]
        touched: list[IncidentDraft] = []
        pending: list = []  # figures of a lead clause that the next placed clause states
        for n, (a, b) in enumerate(pieces):
            clause = tokens[a:b]
            targets = _ranked(placed[n])
            city = _city_of_districts(targets, places, self.lang, self.last_city)
            if city is not None:
                targets = [city]  # "по Херсону ...: у Корабельному районі загинув чоловік"
            header = self.header
            if (
                header is not None
                and targets
                and all(t.kind == "district" and t.match.admin1 == header.match.admin1 for t in targets)
            ):
                targets = [header]  # "Херсон. ... обстрілу Дніпровського району": the city's district
            harm = read_harm(clause)
            households = households_off(clause)
            damage = _damage(clause)
            effect = not harm.is_empty() or households is not None or bool(damage)
            if (
                not targets
                and effect
                and header is not None
                and not touched
                and not self.last_touched
                and not any(placed[n + 1 :])
            ):
                # "Запоріжжя. Внаслідок удару по місту загинули троє": the post's own city.
                targets = [header]
            elif (
                not targets
                and effect
                and self.downed_over is not None
                and not touched
                and not self.last_touched
                and not any(placed[n + 1 :])
            ):
                targets = [self.downed_over]
            if not targets:
                if not effect:
                    continue
                later = [t for t in placed[n + 1 :] if t]
                if touched:
                    for draft in touched[-1:] if len(touched) > 1 else touched:
                        self._add(draft, clause, harm, households, damage)
                elif len(later) >= 2:
                    continue  # the total of the breakdown that follows
                elif len(later) == 1:
                    pending.append((clause, harm, households, damage))
                elif self.last_touched:
                    for draft in self.last_touched if len(self.last_touched) == 1 else []:
                        self._add(draft, clause, harm, households, damage)
                        touched.append(draft)
                continue
            clause_strike = _any(clause, words.STRIKE_WORDS)
            if not (strike or effect or clause_strike):
                continue
            wide = all(t.kind in ("district", "region") for t in targets)
            follow = [d for d in self.last_touched if not self._is_wide(d)]
            same_region = len(follow) == 1 and all(
                t.match.admin1 == follow[0].match.admin1
                and (t.kind == "region" or self._near(follow[0], t.name, t.match.admin1))
                for t in targets
            )
            if wide and same_region and not date_stated and ((not clause_strike and effect) or not effect):
                # "Из-за этого без электричества ... в Хомутовском районе", "по его словам, дрон
                # ударил по остановке в Никитовском районе": more on the strike just named.
                self._add(follow[0], clause, harm, households, damage)
                touched.append(follow[0])
                continue
            for target in targets:
                draft = self._draft_for(target, date, date_stated)
                for earlier in pending:
                    self._add(draft, *earlier)
                self._add(draft, clause, harm, households, damage)
                draft.event_type = draft.event_type or _weapon_type(clause) or _weapon_type(tokens)
                draft.event_type = draft.event_type or self.paragraph_event
                draft.attacker = draft.attacker or self._attacker(tokens, target)
                draft.attacker_stated = draft.attacker_stated or _names_attacker(tokens)
                if target.district:
                    self.districts[id(draft)] = target.district
                if target.kind == "district":
                    self.district_drafts.add(id(draft))
                if _any(clause, words.KILLED | words.INJURED | words.DAMAGE_WORDS | words.OUTAGE_WORDS):
                    self.harm_said.add(id(draft))
                touched.append(draft)
            pending = []
        if touched:
            unique = {id(d): d for d in touched}
            self.last_touched = list(unique.values())

    def _add(self, draft: IncidentDraft, clause, harm: Casualties, households, damage) -> None:
        text = _text_of(clause)
        draft.event_type = draft.event_type or _weapon_type(clause)
        only_children = harm.children_injured is not None and harm.killed is None and harm.injured is None
        if only_children and draft.killed is not None and draft.injured is None:
            harm = Casualties(
                children_killed=harm.children_injured
            )  # "... загинули п'ятеро. Серед них дитина."
        draft.add_casualties(harm, update=_any(clause, words.UPDATE_WORDS))
        draft.add_effects(households, damage)
        draft.add_evidence(text)
        draft.in_body = draft.in_body or not self.headline

    def _draft_for(self, target: Place, date, date_stated) -> IncidentDraft:
        for draft in self.incidents:
            if draft.needs_place != target.needs_place:
                continue
            if draft.place.casefold() != target.name.casefold():
                continue
            if draft.date == date or (not date_stated and draft.paragraph == self.paragraph):
                return draft
        draft = IncidentDraft(target.name, target.match, date, date_stated, self.paragraph)
        draft.needs_place = target.needs_place
        self.incidents.append(draft)
        return draft

    def _attacker(self, tokens, target: Place) -> str | None:
        named = _named_side(tokens, self.lang)
        if named:
            return named
        if _any(tokens, words.ENEMY):
            return self.enemy_side
        return self.article_side or wording.attacker_by_side(target.match.country)

    # -- air defence -------------------------------------------------------------------

    def _read_claims(self, claims, date, date_stated, reporter, text) -> None:
        reporter = reporter or self.reporter
        side = next((s for _, name, s in words.REPORTERS if name == reporter), None)
        # "ПВО ... 30 БПЛА: над Брянской областью – 12": the regions say whose air defence.
        side = side or next((c.area.match.country for c in claims if c.area is not None), None)
        # Failing both, a post's own side: Ukrainian air defence in Ukrainian, Russian in Russian.
        side = side or ("UA" if self.lang == "uk" else "RU")
        for claim in claims:
            area = claim.area.name if claim.area is not None else _SIDE_NAMES.get(side or "")
            # Whose air defence it is says who attacked (Crimea is Ukraine's, its defence Russia's).
            attacker = wording.attacker_by_side(side)
            draft = None
            for known in self.defence:
                if known.key() == (date, reporter, claim.weapon, area):
                    value = getattr(known, claim.field)
                    if value is None or value == claim.count:
                        draft = known
                        break
            if draft is None:
                draft = DefenceDraft(date, reporter, attacker, claim.weapon, area, date_stated)
                self.defence.append(draft)
            draft.add(claim.field, claim.count)
            if text not in draft.evidence:
                draft.evidence.append(text)
            self.last_defence = draft

    # -- the end -----------------------------------------------------------------------

    def finish(self) -> tuple[list[IncidentDraft], list[DefenceDraft]]:
        oldest = self.published - dt.timedelta(days=_OLDEST_DAYS)
        self.incidents = [d for d in self.incidents if d.date >= oldest]
        self._consolidate()
        # "ВСУ атаковали беспилотниками Крым": a region attacked, nothing said to be hit.
        self.incidents = [
            d for d in self.incidents if not d.is_region or d.has_effects() or id(d) in self.harm_said
        ]
        if any(d.in_body for d in self.incidents):
            self.incidents = [d for d in self.incidents if d.in_body]
        reports = []
        for draft in self.defence:
            if draft.shot_down is not None or draft.lost is not None:
                reports.append(draft)
        return self.incidents, reports

    def _consolidate(self) -> None:
        """A region's or district's statement and the settlements the text places in it."""
        self._merge_communities()
        for wide in [d for d in self.incidents if self._is_wide(d)]:
            inside = [
                d
                for d in self.incidents
                if d is not wide
                and not d.is_region
                and (wide.is_region or not self._is_wide(d))
                and d.match.admin1 == wide.match.admin1
                and d.date == wide.date
                and (
                    wide.is_region
                    or self.districts.get(id(d)) == wide.place
                    or (d.paragraph == wide.paragraph and self._near_district(d, wide))
                )
            ]
            if not inside:
                continue
            apart = all(d.paragraph != wide.paragraph for d in inside)
            if (
                not wide.is_region
                and apart
                and wide.has_casualties()
                and any(d.has_casualties() for d in inside)
            ):
                continue  # a district's own casualties, told apart from the settlement's
            if not wide.is_region and len(inside) == 1 and _conflict(wide, inside[0]):
                continue  # "пострадали два мирных жителя ... В Белгороде ранен подросток"
            if len(inside) == 1:
                inside[0].absorb(wide)
                if id(wide) in self.harm_said:
                    self.harm_said.add(id(inside[0]))
            elif not _covered(wide, inside):
                continue
            else:
                for draft in inside:
                    draft.add_effects(wide.households_without_power, [])
            self.incidents.remove(wide)

    def _merge_communities(self) -> None:
        """ "Охтирська громада" and Okhtyrka: a community named after the town struck is that
        town, when the text has the town's own incident on the same day."""
        for wide in [d for d in self.incidents if id(d) in self.district_drafts]:
            town = town_of_district(wide.place, self.lang, wide.match.admin1)
            if town is None:
                continue
            same = [
                d
                for d in self.incidents
                if d.match.name == town.name and d.date == wide.date and not self._is_wide(d)
            ]
            if not same:
                continue
            into = same[0]
            into.add_casualties(Casualties(**{name: getattr(wide, name) for name in CASUALTY_FIELDS}))
            into.add_effects(wide.households_without_power, wide.damage)
            for sentence in wide.evidence:
                into.add_evidence(sentence)
            self.incidents.remove(wide)

    def _near_district(self, draft: IncidentDraft, district: IncidentDraft) -> bool:
        return self._near(draft, district.place, district.match.admin1)

    def _near(self, draft: IncidentDraft, district: str, admin1: str | None) -> bool:
        """Could the settlement lie in the district? Not when the town the district is
        named after is far from it ("у Шосткинській громаді" is not Sumy's)."""
        town = town_of_district(district, self.lang, admin1)
        if town is None or draft.match.latitude is None:
            return True
        far = distance_km(town.latitude, town.longitude, draft.match.latitude, draft.match.longitude)
        return far <= _DISTRICT_KM

    def _is_wide(self, draft: IncidentDraft) -> bool:
        return draft.is_region or id(draft) in self.district_drafts


def _conflict(one: IncidentDraft, other: IncidentDraft) -> bool:
    """Both state a figure, and not the same one: two events, not one told twice."""
    return any(
        getattr(one, name) is not None
        and getattr(other, name) is not None
        and getattr(one, name) != getattr(other, name)
        for name in CASUALTY_FIELDS
    )


def _covered(wide: IncidentDraft, inside: list[IncidentDraft]) -> bool:
    """The settlements' figures account for the region's (a total of theirs)."""
    for name in (*CASUALTY_FIELDS, "households_without_power"):
        value = getattr(wide, name)
        if not value:
            continue
        parts = sum(getattr(d, name) or 0 for d in inside)
        if name == "households_without_power":
            if not any(
                d.households_without_power and refines(value, d.households_without_power) for d in inside
            ):
                if parts < value:
                    return False
        elif parts < value:
            return False
    return True


def _clauses(tokens: list[Token], places: list[Place]) -> list[tuple[int, int]]:
    """Token ranges of the sentence's clauses: cut at ";" and ":", before "а"/"но" after a
    comma, and at a comma between two places struck unless the comma lists places."""
    cuts = [0]
    starts = {p.start for p in places if p.is_target}
    for i, token in enumerate(tokens):
        if token.text in _CLAUSE_BREAKS:
            cuts.append(i + 1)
        elif token.text == "," and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            if nxt.lower in _CONTRAST:
                cuts.append(i + 1)
            elif nxt.pos == "PREP" and (i + 2) in starts and any(cuts[-1] <= s < i for s in starts):
                # "... на Сумщині вдарив по рятувальниках, у Запорізькій області загинула жінка"
                cuts.append(i + 1)
    cuts.append(len(tokens))
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


_CITY_POPULATION = 50_000  # a town with districts of its own (the gazetteer's count)


def _city_of_districts(
    targets: list[Place], places: list[Place], lang: str, last_city: Place | None = None
) -> Place | None:
    """The city whose districts a clause names: a large city named earlier in the sentence
    (or, failing one, in the sentence before) and districts named after no town of its
    region (city districts, not raions)."""
    if not targets or not all(t.kind == "district" for t in targets):
        return None
    cities = [p for p in places if _is_city(p) and p.start < targets[0].start]
    if (
        not cities
        and last_city is not None
        and all(t.match.admin1 == last_city.match.admin1 for t in targets)
    ):
        cities = [last_city]
    if len(cities) != 1:
        return None
    city = cities[0]
    if any(_raion_of(t, lang, city) for t in targets):
        return None
    return city


def _raion_of(district: Place, lang: str, city: Place) -> bool:
    """Whether a district is a raion of the city's region, named after a town of its own,
    rather than one of the city's districts. A village far from the city that happens to
    carry the name (Донецьк, "Куйбишевський район": Kuibysheve, 80 km off) is no raion's
    centre: raions are named after towns."""
    town = town_of_district(district.name, lang, city.match.admin1)
    if town is None:
        return False
    far = distance_km(town.latitude, town.longitude, city.match.latitude, city.match.longitude)
    return far <= _DISTRICT_KM or (town.population or 0) >= _RAION_TOWN_POPULATION


_RAION_TOWN_POPULATION = 10_000


def _is_city(place: Place) -> bool:
    return (
        place.kind == "settlement"
        and not place.needs_place
        and (place.match.population or 0) >= _CITY_POPULATION
    )


def _ranked(targets: list[Place]) -> list[Place]:
    """A settlement outranks the district and region around it; a district the region."""
    for kind in ("settlement", "district", "region"):
        chosen = [t for t in targets if t.kind == kind]
        if chosen:
            return chosen
    return []


def _list_item(tokens, lang, noun, hints) -> list[Place]:
    """ "- Сумська: пошкоджено ..." under "Пошкодження є у трьох громадах:": the community."""
    adjectives = []
    for i, token in enumerate(tokens):
        if token.kind == "word" and token.pos == "ADJF" and (i > 0 or token.is_capitalised):
            adjectives.append(token)
            continue
        if token.text in (":", "–", "—", "-") and adjectives:
            break
        return []
    else:
        return []
    forms = morphology.phrase_forms([t.text for t in adjectives] + [noun], lang)
    name = _title(forms[0])
    region = None
    for hint in hints:
        match = lookup(hint)
        if match is not None:
            region = region_match(match)
            break
    if region is None:
        return []
    return [Place(0, len(adjectives), 0, name, name, region, "district", needs_place=True)]


def _any(tokens, vocabulary) -> bool:
    return any(t.kind == "word" and t.has(vocabulary) for t in tokens)


def _weapon_type(tokens) -> str | None:
    for code, vocabulary in words.WEAPONS.items():
        if any(
            t.kind == "word" and (t.has(vocabulary) or t.lower.split("-")[0] in vocabulary) for t in tokens
        ):
            return code
    return None


def _damage(tokens) -> list[str]:
    for i, token in enumerate(tokens):
        if token.kind == "word" and token.has(words.DAMAGE_WORDS):
            rest = tokens[i : i + 10]
            stop = next((n for n, t in enumerate(rest) if t.text in (".", ";", "!", "?")), len(rest))
            text = _text_of(rest[:stop]).strip(" ,–—-")
            return [text] if text else []
    return []


def _text_of(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    out = tokens[0].text
    for before, token in zip(tokens, tokens[1:], strict=False):
        out += (" " if token.start > before.end else "") + token.text
    return out


def _reporter(tokens) -> str | None:
    lowered = [lemma for t in tokens if t.kind == "word" for lemma in (t.lower, *t.lemmas)]
    for sequence, name, _side in words.REPORTERS:
        if all(word in lowered for word in sequence):
            return name
    return None


def _named_side(tokens, lang) -> str | None:
    ua = _any(tokens, words.ATTACKER_UA)
    ru = _any(tokens, words.ATTACKER_RU)
    if ua and not ru:
        return "UA"
    if ru and not ua:
        return "RU"
    return None


def _article_side(tokens, lang) -> str | None:
    """The side the whole text says attacked, from its words for the enemy."""
    named = _named_side(tokens, lang)
    if named:
        return named
    if _any(tokens, words.ENEMY):
        return "RU" if lang == "uk" else "UA"
    return None


def _names_attacker(tokens) -> bool:
    return _any(tokens, words.ATTACKER_UA | words.ATTACKER_RU | words.ENEMY)
