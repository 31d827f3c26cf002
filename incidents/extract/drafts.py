"""Records under construction: one incident or air-defence report gathered from one or
more sentences, and how two statements about the same event are merged."""

import dataclasses
import datetime as dt
import re

from geodata.places import PlaceMatch
from incidents.extract.casualties import Casualties
from incidents.rules.model import CASUALTY_FIELDS, HEADLINE_COUNT_FIELDS

_DISTRICT_RE = re.compile(r"\b(?:districts?|raions?|okrugs?|communit(?:y|ies)|hromadas?)$", re.IGNORECASE)


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
    needs_place: bool = False  # named, but placed only in its region (see mentions.Mention)
    in_body: bool = False  # some evidence comes from the body, not only from a title line
    title_figures: dict = dataclasses.field(default_factory=dict)
    lower_bounds: set = dataclasses.field(default_factory=set)  # "at least seven" killed
    night: bool = False  # dated by "Sunday night": the strike may fall after midnight
    # A note on where the place came from that a reviewer must check: "610 km from Belgorod
    # Oblast, the region the text names", "placed at the dateline's Kharkiv".
    far_from: str | None = None

    @property
    def is_region(self) -> bool:
        return self.match.geo_precision == "admin1" and not self.needs_place

    @property
    def is_district(self) -> bool:
        """Placed in its region by the districts the text names ("Boryspil and Brovary districts")."""
        return self.needs_place and bool(_DISTRICT_RE.search(self.place))

    def add_casualties(
        self, casualties: Casualties, *, update: bool = False, lower_bounds: frozenset = frozenset()
    ) -> None:
        # The first statement of a figure wins; later sentences only fill what is unknown
        # ("Two civilians were wounded ... A man and a woman sustained wounds" adds 0 children),
        # unless they update the toll ("the toll rose to five").
        for name in CASUALTY_FIELDS:
            value = getattr(casualties, name)
            if getattr(self, name) is None or (update and value is not None):
                setattr(self, name, value)
                if value is not None and name in lower_bounds:
                    self.lower_bounds.add(name)
                elif value is not None:
                    self.lower_bounds.discard(name)

    def set_title_aside(self) -> None:
        names = (*CASUALTY_FIELDS, "households_without_power")
        self.title_figures = {name: getattr(self, name) for name in names}
        for name in names:
            setattr(self, name, None)

    def fill_from_title(self) -> None:
        for name, value in self.title_figures.items():
            if getattr(self, name) is None:
                setattr(self, name, value)

    def add_effects(self, households: int | None, damage: list[str]) -> None:
        if self.households_without_power is None or refines(self.households_without_power, households):
            self.households_without_power = households
        for phrase in damage:
            if phrase not in self.damage:
                self.damage.append(phrase)

    def add_evidence(self, sentence: str) -> None:
        if sentence not in self.evidence:
            self.evidence.append(sentence)

    def absorb(self, other: "IncidentDraft") -> None:
        """Take what a region-wide statement said into the one settlement it turned out to be.

        The region's statement came first, so its figures win ("A mother and a child were
        killed ... The woman died at the scene" is 2 killed, not 1)."""
        mine = {name: getattr(self, name) for name in CASUALTY_FIELDS}
        for name in CASUALTY_FIELDS:
            setattr(self, name, getattr(other, name))
        self.add_casualties(Casualties(**mine))
        self.add_effects(other.households_without_power, other.damage)
        self.event_type = self.event_type or other.event_type
        self.in_body = self.in_body or other.in_body
        self.lower_bounds |= {
            name for name in other.lower_bounds if getattr(self, name) == getattr(other, name)
        }
        self.evidence = [*other.evidence, *(e for e in self.evidence if e not in other.evidence)]

    def has_casualties(self) -> bool:
        return any(getattr(self, name) is not None for name in CASUALTY_FIELDS)

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
        score = round(min(max(score, 0.05), 1.0), 2)
        # The level is the measured part (benchmarks.eval_shared): the score agrees with it.
        return max(score, HIGH) if self.confidence_level() == "high" else min(score, HIGH - 0.05)

    def flags(self) -> list[str]:
        """What a reviewer should check before accepting, in words."""
        found = []
        if self.is_district:
            found.append(f"needs a place: the text names only '{self.place}'; shown at {self.match.name}")
        elif self.needs_place and self.match.latitude is None:
            found.append(
                f"needs a place: '{self.place}' is not in the gazetteer and the text names no region"
            )
        elif self.needs_place:
            found.append(
                f"needs a place: '{self.place}' is not placed by the gazetteer; shown at {self.match.name}"
            )
        if self.far_from:
            found.append(self.far_from)
        if self.match.ambiguous and not self.needs_place:
            found.append(f"'{self.place}' names several places: check the region ({self.match.admin1})")
        if self.is_region:
            found.append("region only: the text names no settlement")
        if self.night:
            found.append(f"date: a night from {self.date.isoformat()} into the next day; check which")
        for name in sorted(self.lower_bounds):
            found.append(f"{name} is a lower bound ('at least', 'more than')")
        if not self.has_effects():
            found.append("no casualties, damage or outage reported")
        return found

    def confidence_level(self) -> str:
        """ "high" when nothing needs checking but the wording: a settlement the gazetteer
        places unambiguously, in a region the text agrees with, with reported effects."""
        risky = (
            self.needs_place or self.far_from or self.night or (self.match.ambiguous and not self.is_region)
        )
        if risky or not self.has_effects():
            return "low"
        if self.is_region and not self.has_casualties():
            return "low"
        return "high"


HIGH = 0.8


def refines(rounded: int, exact: int | None) -> bool:
    """ "281 thousand consumers ... 281,072 consumers", "nearly half a million ... 417,350":
    a precise count of the same order replaces a round one, whichever came first."""
    if exact is None or exact == rounded or rounded % 1000:
        return False
    return exact % 1000 != 0 and abs(exact - rounded) <= rounded * 0.25


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
        score = round(min(score, 1.0), 2)
        return max(score, HIGH) if self.confidence_level() == "high" else min(score, HIGH - 0.05)

    def confidence_level(self) -> str:
        """ "high" when a named reporter gives the figure."""
        return "high" if self.reported_by and self.shot_down is not None else "low"
