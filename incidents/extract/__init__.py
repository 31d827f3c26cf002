"""From news text to candidate records: `extract_incidents(text, published=DATE)`.

Pure and offline: places come from `geodata`, everything else from the wording. Each
record is a DESIGN.md incident or air-defence record plus `evidence` (the sentences it
came from), `confidence` (0..1, how much those sentences support it), `confidence_level`
("high": right at least 95% of the time on the real development reports, as
`make eval-extract` measures; "low": check it) and, for incidents, `flags` (what to check:
a place that needs placing, a lower-bound figure...). What the text does not say stays None.
"""

import dataclasses
import datetime as dt

from incidents.extract.dates import parse_published, split_dateline
from incidents.extract.drafts import DefenceDraft, IncidentDraft
from incidents.extract.errors import ExtractError
from incidents.extract.language import check_language, detect_language
from incidents.extract.sentences import ArticleReader
from incidents.extract.slavic import read_report
from incidents.extract.text import sentences
from incidents.rules.model import (
    AIR_DEFENCE_COUNT_FIELDS,
    AIR_DEFENCE_FIELDS,
    COUNT_FIELDS,
    INCIDENT_FIELDS,
    air_defence_id,
    incident_id,
)

__all__ = ["Extraction", "ExtractError", "detect_language", "extract_incidents"]


@dataclasses.dataclass(frozen=True)
class Extraction:
    incidents: list[dict]
    air_defence: list[dict]
    published: dt.date

    def to_dict(self) -> dict:
        """The JSON shape of `incidents extract --json`."""
        return {"incidents": self.incidents, "air_defence": self.air_defence}

    def is_empty(self) -> bool:
        return not self.incidents and not self.air_defence


def extract_incidents(
    text: str,
    published=None,
    *,
    source_name: str | None = None,
    source_url: str | None = None,
    lang: str | None = None,
) -> Extraction:
    """Candidate incidents and air-defence reports in a news text.

    `published` (date or YYYY-MM-DD) anchors "on Sunday" and "yesterday"; a dateline in
    the text ("Tuesday, July 22, 2025", "KYIV, June 25 (Reuters) -") takes precedence,
    as the text's own statement of its date. One of the two is required.

    `lang` ("en", "uk", "ru") forces the language; by default it is detected from the text.
    Ukrainian and Russian reports give the same records, places named as the gazetteer
    names them (the text's own form is in the evidence).
    """
    if not isinstance(text, str):
        raise ExtractError(f"text to extract from must be a str, not {type(text).__name__}")
    language = check_language(lang) or detect_language(text)
    fallback = parse_published(published) if published is not None else None
    # Datelines are read in English only; a Ukrainian or Russian post is dated by `published`.
    dateline, body = split_dateline(text, fallback) if language == "en" else (None, text)
    day = dateline or fallback
    if day is None:
        raise ExtractError(
            "no publication date: the text has no dateline, so give the date it was published (YYYY-MM-DD)"
        )
    source = {
        "source_name": source_name or f"Article published {day.isoformat()}",
        "source_url": source_url,
        "source_published": day.isoformat(),
    }
    if language == "en":
        reader = ArticleReader(day)
        for sentence in sentences(body):
            reader.read(sentence)
        incidents, reports = reader.finish()
    else:
        incidents, reports = read_report(body, day, language)
    return Extraction(
        [_incident_record(draft, source) for draft in incidents],
        [_defence_record(draft, source) for draft in reports],
        day,
    )


def _incident_record(draft: IncidentDraft, source: dict) -> dict:
    match = draft.match
    values = {
        "date": draft.date.isoformat(),
        "time": None,
        "date_precision": "day",
        "place": draft.place,
        "admin1": match.admin1,
        "country": match.country,
        "latitude": match.latitude,
        "longitude": match.longitude,
        "geo_precision": match.geo_precision,
        "geocoder": "gazetteer",
        "event_type": draft.event_type or "other",
        "attacker": draft.attacker,
        **{name: getattr(draft, name) for name in COUNT_FIELDS},
        "damage": ", ".join(draft.damage) or None,
        "description": " ".join(draft.evidence),
        **source,
    }
    record = {name: values.get(name) for name in INCIDENT_FIELDS}
    record["id"] = incident_id(record)
    record["evidence"] = " ".join(draft.evidence)
    record["confidence"] = draft.confidence()
    record["confidence_level"] = draft.confidence_level()
    record["flags"] = draft.flags()
    return record


def _defence_record(draft: DefenceDraft, source: dict) -> dict:
    values = {
        "date": draft.date.isoformat(),
        "reported_by": draft.reported_by,
        "attacker": draft.attacker,
        "weapon": draft.weapon,
        **{name: getattr(draft, name) for name in AIR_DEFENCE_COUNT_FIELDS},
        "area": draft.area,
        "description": " ".join(draft.evidence),
        **source,
    }
    record = {name: values.get(name) for name in AIR_DEFENCE_FIELDS}
    record["id"] = air_defence_id(record)
    record["evidence"] = " ".join(draft.evidence)
    record["confidence"] = draft.confidence()
    record["confidence_level"] = draft.confidence_level()
    return record
