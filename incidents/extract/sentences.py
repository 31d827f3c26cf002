"""Reading an article sentence by sentence into incident and air-defence drafts.

State carried between sentences, because reports spread over them: the day the article
is talking about ("overnight into Sunday ... Later Sunday ..."), the region it is in
(for villages several regions share a name), the weapon of the paragraph, the incidents
the last sentence was about ("Three residents were injured" belongs to the strike just
named) and the last air-defence report ("Air defence downed 112 of them").
"""

import datetime as dt

from incidents.extract import wording
from incidents.extract.airdefence import DefenceFact, read_air_defence, reporter
from incidents.extract.casualties import find_casualties
from incidents.extract.dates import find_date
from incidents.extract.drafts import DefenceDraft, IncidentDraft
from incidents.extract.effects import damage, households_without_power
from incidents.extract.mentions import Mention, find_places
from incidents.extract.targets import incident_targets, same_place
from incidents.extract.text import Sentence, clauses

_SIDE_OF_AREA = {"Ukraine": "UA", "Russia": "RU", "Moscow": "RU"}
_REPORTER_SIDE = {
    "Ukrainian Air Force": "UA",
    "Ukrainian Defence Ministry": "UA",
    "Ukrainian General Staff": "UA",
    "Russian Defence Ministry": "RU",
}


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

    # -- one sentence ------------------------------------------------------------------

    def read(self, sentence: Sentence) -> None:
        if sentence.paragraph != self.paragraph:
            self._close_paragraph()
            self.paragraph = sentence.paragraph
        text = sentence.text
        mention = find_date(text, self.published)
        date = mention.date if mention and mention.date else (self.context_date or self.published)
        date_stated = bool(mention and mention.date)
        political = wording.is_political(text)
        strike = wording.is_strike(text)
        war_total = wording.is_cumulative(text) and not wording.is_day_total(text)

        facts = [] if war_total or political else read_air_defence(text)
        if date_stated and (strike or facts) and not political:
            self.context_date = date
        if facts:
            self._read_defence(text, facts, date, date_stated)
        if strike and not political:
            self.paragraph_event = wording.event_type(text) or self.paragraph_event

        mentions = find_places(text, region_hint=self.region_hint)
        regions = [m for m in mentions if m.is_region]
        if regions:
            self.region_hint = regions[0].match.admin1 or regions[0].match.name
        if political or wording.is_cumulative(text) or wording.is_aggregate(text):
            self.last_touched = []
            return
        casualties = find_casualties(text)
        households = households_without_power(text)
        if facts and casualties.is_empty() and not wording.reports_ground_harm(text):
            return  # an air-defence statement, not a strike on a place
        harm = wording.reports_harm(text) or not casualties.is_empty() or households is not None
        targets = incident_targets(text, mentions)
        in_strike_story = strike or self.paragraph_event is not None
        if targets and in_strike_story and (strike or harm):
            self._read_strike(text, targets, date, date_stated)
        elif not targets and len(self.last_touched) == 1 and (harm or strike):
            # "Three residents were injured." / "Russian forces struck the city with 48
            # Shahed drones": more about the strike the last sentence named.
            draft = self.last_touched[0]
            draft.add_casualties(casualties)
            draft.add_effects(households, damage(text))
            draft.event_type = draft.event_type or wording.event_type(text)
            draft.add_evidence(text)

    def _read_strike(self, text: str, targets: list[Mention], date, date_stated) -> None:
        pieces = clauses(text)
        touched = []
        for target in targets:
            clause = self._clause_of(pieces, target, len(targets))
            draft = self._draft_for(target, date, date_stated)
            draft.event_type = (
                draft.event_type
                or wording.event_type(clause)
                or wording.event_type(text)
                or self.paragraph_event
            )
            named = wording.attacker_named(clause) or wording.attacker_named(text)
            if named and not draft.attacker_stated:
                draft.attacker, draft.attacker_stated = named, True
            draft.attacker = draft.attacker or wording.attacker_by_side(target.match.country)
            if clause is not None:
                draft.add_casualties(find_casualties(clause))
                draft.add_effects(households_without_power(clause), damage(clause))
            draft.add_evidence(text)
            touched.append(draft)
        self.last_touched = touched

    @staticmethod
    def _clause_of(pieces, target: Mention, target_count: int) -> str | None:
        """The text whose figures belong to `target`: the whole sentence when it names one
        place, else the target's own clause if no other target shares it (else None)."""
        if target_count == 1:
            return " ".join(piece for _, piece in pieces)
        for offset, piece in pieces:
            if offset <= target.start < offset + len(piece):
                return piece
        return None

    def _draft_for(self, target: Mention, date, date_stated) -> IncidentDraft:
        place = target.match.name if target.is_region else target.text
        for draft in self.incidents:
            same_day = draft.date == date or (not date_stated and draft.paragraph == self.paragraph)
            if same_place(draft.match, target.match) and same_day:
                return draft
        draft = IncidentDraft(place, target.match, date, date_stated, self.paragraph)
        self.incidents.append(draft)
        return draft

    def _read_defence(self, text: str, facts: list[DefenceFact], date, date_stated) -> None:
        named_reporter = reporter(text)
        named_attacker = wording.attacker_named(text)
        last = self.last_defence
        for fact in facts:
            following = fact.continues or (named_reporter is None and last is not None)
            reported_by = named_reporter or (last.reported_by if following else None)
            weapon = fact.weapon or (last.weapon if last and following else None) or "drone"
            area = fact.area or (last.area if last and following and not fact.area else None)
            area = area or {"UA": "Ukraine", "RU": "Russia"}.get(_REPORTER_SIDE.get(reported_by, ""))
            attacker = named_attacker or (last.attacker if last and following else None)
            attacker = (
                attacker
                or _attacker_of_area(area)
                or wording.attacker_by_side(_REPORTER_SIDE.get(reported_by))
            )
            day = date if date_stated or not (last and following) else last.date
            draft = self._defence_draft(day, reported_by, attacker, weapon, area, date_stated)
            draft.add(fact.field, fact.count)
            if text not in draft.evidence:
                draft.evidence.append(text)
            self.last_defence = draft

    def _defence_draft(self, date, reported_by, attacker, weapon, area, date_stated) -> DefenceDraft:
        for draft in self.defence:
            if draft.key() == (date, reported_by, weapon, area):
                return draft
        draft = DefenceDraft(date, reported_by, attacker, weapon, area, date_stated)
        self.defence.append(draft)
        return draft

    # -- the end of a paragraph and of the article -----------------------------------

    def _close_paragraph(self) -> None:
        """A region-wide strike the paragraph then places in one settlement is that settlement's."""
        here = [d for d in self.incidents if d.paragraph == self.paragraph]
        for region in [d for d in here if d.is_region]:
            inside = [d for d in here if not d.is_region and d.match.admin1 == region.match.admin1]
            if len(inside) == 1:
                inside[0].absorb(region)
            if inside:
                self.incidents.remove(region)
        self.paragraph_event = None
        self.last_touched = []

    def finish(self) -> tuple[list[IncidentDraft], list[DefenceDraft]]:
        self._close_paragraph()
        reports = [d for d in self.defence if d.shot_down is not None or d.lost is not None]
        return self.incidents, reports


def _attacker_of_area(area: str | None) -> str | None:
    side = _SIDE_OF_AREA.get(area or "")
    if side is None and area and area.endswith(("Oblast", "Krai", "Republic")):
        return None
    return wording.attacker_by_side(side)
