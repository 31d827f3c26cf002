"""Records under construction: one incident or air-defence report gathered from one or
more sentences, and how two statements about the same event are merged."""

import dataclasses
import datetime as dt

from geodata.places import PlaceMatch
from incidents.extract.casualties import Casualties
from incidents.rules.model import CASUALTY_FIELDS, HEADLINE_COUNT_FIELDS


@dataclasses.dataclass
class IncidentDraft:
    place: str
    match: PlaceMatch
    date: dt.date
    date_stated: bool  # the evidence names the day, rather than it being carried over
    paragraph: int
    event_type: str | None = None
    attacker: str | None = None
    attacker_stated: bool = False
    killed: int | None = None
    injured: int | None = None
    children_killed: int | None = None
    children_injured: int | None = None
    households_without_power: int | None = None
    damage: list[str] = dataclasses.field(default_factory=list)
    evidence: list[str] = dataclasses.field(default_factory=list)

    @property
    def is_region(self) -> bool:
        return self.match.geo_precision == "admin1"

    def add_casualties(self, casualties: Casualties) -> None:
        # The first statement of a figure wins; later sentences only fill what is unknown
        # ("Two civilians were wounded ... A man and a woman sustained wounds" adds 0 children).
        for name in CASUALTY_FIELDS:
            if getattr(self, name) is None:
                setattr(self, name, getattr(casualties, name))

    def add_effects(self, households: int | None, damage: list[str]) -> None:
        if self.households_without_power is None:
            self.households_without_power = households
        for phrase in damage:
            if phrase not in self.damage:
                self.damage.append(phrase)

    def add_evidence(self, sentence: str) -> None:
        if sentence not in self.evidence:
            self.evidence.append(sentence)

    def absorb(self, other: "IncidentDraft") -> None:
        """Take what a region-wide statement said into the one settlement it turned out to be."""
        self.add_casualties(Casualties(**{name: getattr(other, name) for name in CASUALTY_FIELDS}))
        self.add_effects(other.households_without_power, other.damage)
        self.event_type = self.event_type or other.event_type
        self.evidence = [*other.evidence, *(e for e in self.evidence if e not in other.evidence)]

    def has_effects(self) -> bool:
        counts = (getattr(self, name) for name in HEADLINE_COUNT_FIELDS)
        return any(value is not None for value in counts) or bool(self.damage)

    def confidence(self) -> float:
        """How much the evidence supports this record, 0..1 (a review hint, not a probability)."""
        score = 0.4
        score += {"settlement": 0.2, "exact": 0.2, "admin1": 0.05}.get(self.match.geo_precision, 0)
        score -= 0.15 if self.match.ambiguous else 0
        score += 0.1 if self.date_stated else 0
        score += 0.1 if self.event_type not in (None, "other") else 0
        score += 0.15 if self.has_effects() else 0
        score += 0.05 if self.attacker_stated else 0
        return round(min(max(score, 0.05), 1.0), 2)


@dataclasses.dataclass
class DefenceDraft:
    date: dt.date
    reported_by: str | None
    attacker: str | None
    weapon: str | None
    area: str | None
    date_stated: bool
    launched: int | None = None
    shot_down: int | None = None
    lost: int | None = None
    evidence: list[str] = dataclasses.field(default_factory=list)

    def key(self) -> tuple:
        return (self.date, self.reported_by, self.weapon, self.area)

    def add(self, field: str, count: int) -> None:
        if getattr(self, field) is None:
            setattr(self, field, count)

    def confidence(self) -> float:
        score = 0.5
        score += 0.15 if self.reported_by else 0
        score += 0.1 if self.date_stated else 0
        score += 0.1 if self.area else 0
        score += 0.1 if self.launched is not None and self.shot_down is not None else 0
        return round(min(score, 1.0), 2)
