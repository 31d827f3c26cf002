"""Reading an article sentence by sentence into incident and air-defence drafts.

State carried between sentences, because reports spread over them: the day the article
is talking about ("overnight into Sunday ... Later Sunday ..."), the region it is in
(for villages several regions share a name), the weapon of the paragraph, the incidents
the last sentence was about ("Three residents were injured" belongs to the strike just
named) and the last air-defence report ("Air defence downed 112 of them").

What real reports taught (issue 15), as general rules rather than sentence shapes:
- bylines and datelines are set aside (text.split_byline); title lines only confirm what
  the body says;
- a sentence proposes a new incident only when it says something was hit or harmed, and
  not when it is background: politics and accusations, alerts, totals, habits, history,
  another day ("Last week, ...", a caption dated years ago);
- every place is checked against the regions the text names: a namesake inside them is
  preferred, one far from all of them (or a name the gazetteer does not know) becomes
  "needs a place" in the region the text is talking about, never a guess;
- figures go to the place whose clause (or part of a clause) states them; a region's
  figures go to the one settlement the paragraph then names, and stay a region's total
  when the settlement has figures of its own.
"""

import datetime as dt
import itertools
import re

from geodata.distance import distance_km
from incidents.extract import wording
from incidents.extract.airdefence import DefenceFact, read_air_defence, reporter
from incidents.extract.casualties import find_casualties, read_casualties
from incidents.extract.dates import find_date
from incidents.extract.drafts import DefenceDraft, IncidentDraft, refines
from incidents.extract.effects import damage, household_count, households_without_power
from incidents.extract.mentions import Mention, find_places, lookup, region_match
from incidents.extract.placing import far_note, place_in_context, trusted
from incidents.extract.targets import incident_targets, office_places, same_place
from incidents.extract.text import Sentence, clauses
from incidents.rules.model import CASUALTY_FIELDS

_THE_CITY_RE = re.compile(r"\b(?:the|this) city\b(?!\s+of\b)", re.IGNORECASE)
# "45 km short of the frontier with Ukraine's Kharkiv region": a region that only locates.
_REGION_LOCATOR_BEFORE_RE = re.compile(
    r"\b(?:frontier|border|borders|bordering|boundary|from|near|toward|towards|outside)\s+"
    r"(?:with\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
# A sentence about places just named, without naming them again.
_BACK_REFERENCE_RE = re.compile(
    r"\b(?:there|both (?:of )?(?:those|these|the)? ?(?:regions|cities|areas|places)|both regions"
    r"|(?:those|these|each of the|all (?:three|four|the)) (?:regions|cities|towns|villages|areas))\b",
    re.IGNORECASE,
)
_SIDE_OF_AREA = {"Ukraine": "UA", "Russia": "RU", "Moscow": "RU"}
_REPORTER_SIDE = {
    "Ukrainian Air Force": "UA",
    "Ukrainian Defence Ministry": "UA",
    "Ukrainian General Staff": "UA",
    "Russian Defence Ministry": "RU",
}


_OLDEST_DAYS = 7


class ArticleReader:
    def __init__(self, published: dt.date):
        self.published = published
        self.incidents: list[IncidentDraft] = []
        self.defence: list[DefenceDraft] = []
        self.context_date: dt.date | None = None
        self.region_hint: str | None = None
        self.paragraph = -1
        self.paragraph_event: str | None = None
        self.last_touched: list[IncidentDraft] = []
        self.last_defence: DefenceDraft | None = None
        self.article_event = False  # some sentence so far reported a strike
        self.last_named: list = []  # (mention, date, date_stated) of the sentence before
        self.carry_over = False  # the last paragraph ended on an incident
        self.regions_named: dict[str, object] = {}  # admin1 -> its match, in order named
        self.headline = False  # the sentence being read is a title line
        self.night = False  # its date is "Sunday night": that day or the next
        # Who the paragraph quotes ("..., the Defence Ministry said."), even in a sentence
        # with no figures: the next sentence's figures are theirs.
        self.paragraph_reporter: str | None = None

    # -- one sentence ------------------------------------------------------------------

    def read(self, sentence: Sentence) -> None:
        if sentence.paragraph != self.paragraph:
            self._close_paragraph()
            self.paragraph = sentence.paragraph
        text = sentence.text
        self.headline = sentence.headline
        mention = find_date(text, self.published)
        date = mention.date if mention and mention.date else (self.context_date or self.published)
        date_stated = bool(mention and mention.date)
        if mention and mention.kind == "reported" and self._reported_next_day(mention.date):
            # "A strike on Monday night ... two women were killed as well, the governor said
            # on Tuesday morning": the next day's report of the story's strike.
            date, date_stated = self.context_date, False
        self.night = bool(mention and mention.kind == "night")
        political = wording.is_political(text)
        strike = wording.is_strike(text)
        war_total = wording.is_cumulative(text) and not wording.is_day_total(text)
        history = wording.is_history(text, self.published) or wording.is_earlier_time(text)

        facts = [] if war_total or political or history else read_air_defence(text)
        self.paragraph_reporter = reporter(text) or self.paragraph_reporter
        if date_stated and (strike or facts) and not political and not history:
            self.context_date = date
        if facts:
            self._read_defence(text, facts, date, date_stated)
        if strike and not political and not history:
            self.paragraph_event = wording.event_type(text) or self.paragraph_event
            self.article_event = True

        mentions = find_places(text, region_hint=self.region_hint)
        regions = [m for m in mentions if m.is_region]
        region_before = self.region_hint
        if regions:
            self.region_hint = regions[0].match.admin1 or regions[0].match.name
        sentence_regions = []
        for region in regions:
            name = region.match.admin1 or region.match.name
            self.regions_named.setdefault(name, region.match)
            sentence_regions.append(name)
        named = self.last_named
        self.last_named = []
        background = political or history or wording.is_alert(text)
        if background or wording.is_cumulative(text) or wording.is_aggregate(text):
            self.last_touched = []
            return
        casualties = find_casualties(text)
        households = households_without_power(text)
        targets = incident_targets(text, mentions)
        offices = office_places(text, mentions)
        intercepted = wording.is_interception(text) or any(f.field != "launched" for f in facts)
        if intercepted and casualties.is_empty() and not wording.reports_ground_harm(text):
            # An air-defence statement, not a strike on a place; "both regions" may follow.
            self.last_named = [(t, date, date_stated) for t in targets]
            self.last_touched = []
            return
        harm = wording.reports_harm(text) or not casualties.is_empty() or households is not None
        in_strike_story = strike or self.paragraph_event is not None or self.article_event
        locating = [r for r in regions if _REGION_LOCATOR_BEFORE_RE.search(text[: r.start])]
        home_regions = [n for n, r in zip(sentence_regions, regions, strict=True) if r not in locating]
        # "Nikolskoye in the Belgorod district": the region of a place that only locates.
        nearby = {
            m.match.admin1: region_match(m.match)
            for m in mentions
            if m not in targets and not m.is_region and not m.match.ambiguous and m.match.admin1
        }
        targets = [
            place_in_context(t, home_regions, region_before, self.regions_named, nearby) for t in targets
        ]
        if targets and in_strike_story and (wording.names_a_hit(text) or harm):
            self._read_strike(text, targets, date, date_stated, mentions=mentions)
        elif not targets and harm and named and _BACK_REFERENCE_RE.search(text):
            # "Officials in both of those regions reported damage": the places just named.
            self._read_strike(text, [t for t, _, _ in named], named[0][1], named[0][2], shared=True)
        elif not targets and self._refined(households if households is not None else household_count(text)):
            pass  # "281,072 consumers across the region": the exact count of an outage named
        elif not targets and harm and not self._follow_up() and self._dateline_city(sentence, text):
            # "KHARKIV, Ukraine (AP) — A drone hit an apartment block in the city": the city
            # is the one the story was filed from (only when the text says "the city").
            city = self._dateline_city(sentence, text)
            self._read_strike(text, [city], date, date_stated)
            for draft in self.last_touched:
                draft.far_from = f"placed at the dateline's {city.text}: the text says only 'the city'"
        elif not targets and harm and in_strike_story and not self._follow_up() and offices:
            # "Kharkiv Mayor Ihor Terekhov said debris damaged a kindergarten"
            self._read_strike(text, offices[:1], date, date_stated)
        elif (
            not targets
            and (harm or strike)
            and len(self._follow_up()) == 1
            and (not date_stated or self._follow_up()[0].date == date)
        ):
            # "Three residents were injured." / "Russian forces struck the city with 48
            # Shahed drones": more about the strike the last sentence named.
            draft = self._follow_up()[0]
            self._from_body(draft)
            figures, bounds = read_casualties(text)
            draft.add_casualties(figures, update=wording.is_update(text), lower_bounds=bounds)
            draft.add_effects(households, damage(text))
            draft.event_type = draft.event_type or wording.event_type(text)
            draft.add_evidence(text)
            draft.in_body = draft.in_body or not self.headline
            self.last_touched = [draft]
        if targets:
            self.last_named = [(t, date, date_stated) for t in targets]

    def _dateline_city(self, sentence: Sentence, text: str) -> Mention | None:
        if sentence.dateline is None or not _THE_CITY_RE.search(text):
            return None
        match = lookup(sentence.dateline)
        if match is None or match.geo_precision not in ("settlement", "exact") or not trusted(match):
            return None
        return Mention(0, 0, match.name, match)

    def _from_body(self, draft: IncidentDraft) -> None:
        """The body's first word on a strike a title line named: the title's figures (often
        rounded: "nearly half a million") only fill what the body leaves unsaid."""
        if not self.headline and not draft.in_body:
            draft.set_title_aside()

    def _refined(self, households: int | None) -> bool:
        if households is None:
            return False
        for draft in self.incidents:
            if draft.households_without_power is not None and refines(
                draft.households_without_power, households
            ):
                draft.households_without_power = households
                return True
        return False

    def _follow_up(self) -> list[IncidentDraft]:
        """The incidents a sentence naming no place continues: those of the sentence before,
        or, in a new paragraph, the article's only incident ("No residents were injured")."""
        if self.last_touched:
            return self.last_touched
        return self.incidents if len(self.incidents) == 1 and self.carry_over else []

    def _read_strike(
        self, text: str, targets: list[Mention], date, date_stated, *, shared=False, mentions=()
    ) -> None:
        if date < self.published - dt.timedelta(days=_OLDEST_DAYS):
            return  # a strike dated weeks before the report: background (a photo caption, history)
        pieces = clauses(text)
        # A place named twice ("hit Dnipro and Zaporizhzhia, killing three in Dnipro and
        # injuring eight in Zaporizhzhia") is bound to figures by its last naming.
        placed = [
            next((m for m in reversed(mentions) if not m.is_region and same_place(m.match, t.match)), t)
            if not t.is_region and not t.needs_place
            else t
            for t in targets
        ]
        touched = []
        for target in targets:
            clause = (
                text
                if shared or len(targets) == 1
                else self._clause_of(pieces, placed[targets.index(target)], placed)
            )
            draft = self._draft_for(target, date, date_stated)
            draft.far_from = draft.far_from or far_note(target, self.regions_named)
            draft.event_type = (
                draft.event_type
                or wording.event_type(clause)
                or wording.event_type(text)
                or self.paragraph_event
            )
            named = wording.attacker_named(clause or "") or wording.attacker_named(text)
            if named and not draft.attacker_stated:
                draft.attacker, draft.attacker_stated = named, True
            draft.attacker = draft.attacker or wording.attacker_by_side(target.match.country)
            if clause is not None:
                self._from_body(draft)
                figures, bounds = read_casualties(clause)
                draft.add_casualties(figures, update=wording.is_update(clause), lower_bounds=bounds)
                draft.add_effects(households_without_power(clause), damage(clause))
            draft.add_evidence(text)
            draft.in_body = draft.in_body or not self.headline
            draft.night = draft.night or (self.night and draft.date == date)
            touched.append(draft)
        self.last_touched = touched

    @staticmethod
    def _clause_of(pieces, target: Mention, targets: list[Mention]) -> str | None:
        """In a sentence naming several places, the text whose figures belong to `target`:
        its own clause; a clause naming several places is cut between them when each part
        has figures of its own ("killed three people in Kremenchuk and injured five in
        Sumy"), else its figures are shared. (A sentence naming one place is read whole.)"""
        if len(targets) == 1:
            return None  # the whole sentence: the caller reads it as written
        for offset, piece in pieces:
            if not offset <= target.start < offset + len(piece):
                continue
            inside = [t for t in targets if offset <= t.start < offset + len(piece)]
            if len(inside) < 2:
                return piece
            cuts = [offset]
            for before, after in itertools.pairwise(inside):
                s_gap = piece[before.end - offset : after.start - offset]
                joint = max(s_gap.rfind(" and "), s_gap.rfind(", "))
                if joint < 0:
                    return piece
                cuts.append(before.end + joint)
            cuts.append(offset + len(piece))
            parts = [piece[a - offset : b - offset] for a, b in itertools.pairwise(cuts)]
            if all(not find_casualties(part).is_empty() for part in parts):
                return parts[inside.index(target)]
            return piece
        return None

    def _draft_for(self, target: Mention, date, date_stated) -> IncidentDraft:
        place = target.match.name if target.is_region else target.text
        for draft in self.incidents:
            same_day = draft.date == date or (not date_stated and draft.paragraph == self.paragraph)
            if draft.needs_place != target.needs_place:
                continue
            if target.needs_place and draft.place.casefold() != place.casefold():
                continue
            if same_place(draft.match, target.match) and same_day:
                return draft
        draft = IncidentDraft(place, target.match, date, date_stated, self.paragraph)
        draft.needs_place = target.needs_place
        self.incidents.append(draft)
        return draft

    def _read_defence(self, text: str, facts: list[DefenceFact], date, date_stated) -> None:
        named_reporter = reporter(text)
        named_attacker = wording.attacker_named(text)
        last = self.last_defence
        for fact in facts:
            if fact.continues and last is not None and last.reported_by is None and named_reporter:
                # "Russia sent 120 drones. Units downed 97 of them, the air force said": the
                # reporter named with the second figure reported the first as well.
                last.reported_by = named_reporter
            following = fact.continues or (named_reporter is None and last is not None)
            reported_by = named_reporter or (last.reported_by if following else None)
            reported_by = reported_by or self.paragraph_reporter
            weapon = fact.weapon or (last.weapon if last and following else None) or "drone"
            area = fact.area or (last.area if last and following and not fact.area else None)
            area = area or self._the_region(text)
            area = area or {"UA": "Ukraine", "RU": "Russia"}.get(_REPORTER_SIDE.get(reported_by, ""))
            attacker = named_attacker or (last.attacker if last and following else None)
            attacker = (
                attacker
                or _attacker_of_area(area)
                or wording.attacker_by_side(_REPORTER_SIDE.get(reported_by))
            )
            day = date if date_stated or not (last and following) else last.date
            draft = self._defence_draft(day, reported_by, attacker, weapon, area, date_stated, fact)
            draft.add(fact.field, fact.count)
            if text not in draft.evidence:
                draft.evidence.append(text)
            self.last_defence = draft

    def _reported_next_day(self, day: dt.date) -> bool:
        return self.context_date is not None and 0 <= (day - self.context_date).days <= 1

    def _the_region(self, text: str) -> str | None:
        """ "14 drones were shot down over the region": the region the text is about (named
        before, or that of the strike just read)."""
        if not _THE_REGION_RE.search(text):
            return None
        if self.region_hint:
            return self.region_hint
        return self.incidents[-1].match.admin1 if self.incidents else None

    def _defence_draft(self, date, reported_by, attacker, weapon, area, date_stated, fact) -> DefenceDraft:
        for draft in self.defence:
            if draft.key() == (date, reported_by, weapon, area):
                known = getattr(draft, fact.field)
                if known is None or known == fact.count:
                    return draft
                # "all nine drones were downed ... where 12 drones were shot down": another claim.
        draft = DefenceDraft(date, reported_by, attacker, weapon, area, date_stated)
        self.defence.append(draft)
        return draft

    # -- the end of a paragraph and of the article -----------------------------------

    def _close_paragraph(self) -> None:
        """A region-wide strike the paragraph then places in one settlement is that settlement's."""
        here = [d for d in self.incidents if d.paragraph == self.paragraph]
        wide = [d for d in here if d.is_region or d.is_district]
        for region in wide:
            inside = [d for d in here if d not in wide and _within(d, region)]
            later = [d for d in inside if self.incidents.index(d) > self.incidents.index(region)]
            into = (
                inside[0] if len(inside) == 1 else (later[0] if later and region.has_casualties() else None)
            )
            # "One dead and three wounded in the Moscow region ... the dead and wounded were in
            # Vidnoye ...": the first settlement named after the region's figures is where they
            # happened. A settlement with figures of its own keeps them: the region's are then
            # a total over places ("over the past day, seven injured ... in Kherson, a man").
            absorbed = into is not None and not (into.has_casualties() and region.has_casualties())
            if absorbed:
                into.absorb(region)
            # A region's statement is summed up by its settlements; a district's only by the
            # settlement that took it (others in the region may lie outside it).
            if absorbed or (inside and not region.is_district):
                self.incidents.remove(region)
        self.paragraph_event = None
        self.paragraph_reporter = None
        self.carry_over = bool(self.last_touched)
        self.last_touched = []

    def _place_region_strikes(self) -> None:
        """The paragraph rule across the article: "drones attacked a refinery in the Samara
        region ... (next paragraph) The refinery in Novokuibyshevsk was hit" is one strike,
        when the region's (or district's) strike that day is placed later in exactly one of
        its settlements, or in the one settlement that reports the same figures ("killed a
        man in the Kursk region ... a civilian was killed near Glushkovo")."""
        for wide in [d for d in self.incidents if d.is_region or d.is_district]:
            rest = [d for d in self.incidents if d is not wide and not (d.is_region or d.is_district)]
            later = [
                d
                for d in rest[self._position_after(wide, rest) :]
                if d.date == wide.date and _within(d, wide)
            ]
            others = [d for d in rest if d.match.admin1 == wide.match.admin1]
            into = None
            if (
                len(later) == 1
                and others == later
                and not (later[0].has_casualties() and wide.has_casualties())
            ):
                into = later[0]
            elif wide.has_casualties():
                same = [d for d in later if d.has_casualties() and _same_figures(d, wide)]
                into = same[0] if len(same) == 1 else None
            if into is not None:
                into.absorb(wide)
                self.incidents.remove(wide)

    def _position_after(self, draft: IncidentDraft, rest: list[IncidentDraft]) -> int:
        """How many of `rest` come before `draft` in the article."""
        mine = self.incidents.index(draft)
        return sum(1 for d in rest if self.incidents.index(d) < mine)

    def finish(self) -> tuple[list[IncidentDraft], list[DefenceDraft]]:
        self._close_paragraph()
        self._place_region_strikes()
        # A strike dated weeks before the report is background (a photo caption, history).
        oldest = self.published - dt.timedelta(days=_OLDEST_DAYS)
        self.incidents = [d for d in self.incidents if d.date >= oldest]
        # A title names the story the body tells: what only a title says is not proposed
        # when the body has incidents of its own.
        if any(d.in_body for d in self.incidents):
            self.incidents = [d for d in self.incidents if d.in_body]
        for draft in self.incidents:
            draft.fill_from_title()
        reports = [d for d in self.defence if d.shot_down is not None or d.lost is not None]
        return self.incidents, reports


_THE_REGION_RE = re.compile(r"\b(?:over|above)\s+the\s+(?:region|oblast)\b", re.IGNORECASE)


def _same_figures(a: IncidentDraft, b: IncidentDraft) -> bool:
    """No casualty figure that one states and the other contradicts."""
    return all(
        getattr(a, name) is None or getattr(b, name) is None or getattr(a, name) == getattr(b, name)
        for name in CASUALTY_FIELDS
    )


# A Ukrainian raion spans up to ~80 km: a settlement this far from the town it is named
# after lies in another district of the region.
_DISTRICT_REACH_KM = 60


def _within(draft: IncidentDraft, wide: IncidentDraft) -> bool:
    """Whether a settlement's strike may lie in a region's (or district's) statement: the
    same region, and for "the Kryvyi Rih district" near Kryvyi Rih, not in Dnipro."""
    if draft.match.admin1 != wide.match.admin1:
        return False
    if not wide.is_district:
        return True
    # "the Konotop, Okhtyrka and Sumy districts": near any of the towns they are named after.
    names = re.split(r",\s*|\s+and\s+", _DISTRICT_WORD_RE.sub("", wide.place).strip())
    namesakes = [m for m in map(lookup, names) if m is not None and m.latitude is not None]
    if not namesakes or draft.match.latitude is None:
        return True
    return any(
        distance_km(m.latitude, m.longitude, draft.match.latitude, draft.match.longitude)
        <= _DISTRICT_REACH_KM
        for m in namesakes
    )


_DISTRICT_WORD_RE = re.compile(
    r"^the\s+|\s+(?:districts?|raions?|okrugs?|communit(?:y|ies)|hromadas?)$", re.IGNORECASE
)


def _attacker_of_area(area: str | None) -> str | None:
    side = _SIDE_OF_AREA.get(area or "")
    if side is None and area and area.endswith(("Oblast", "Krai", "Republic")):
        return None
    return wording.attacker_by_side(side)
