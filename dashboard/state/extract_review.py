"""The Extract view's tables: candidate records to editable rows and back to valid records.

Pure (no Streamlit): rows are what the analyst sees and edits; `review()` turns the
accepted rows into validated, geocoded records for one store batch, and says why any
row cannot be stored. Unknown stays None: an emptied cell means "not reported".
"""

import dataclasses
import datetime as dt

import pandas as pd

from incidents.importing.locate import Locator
from incidents.importing.telegram import PROPOSAL_KEYS
from incidents.rules.model import AIR_DEFENCE_FACTS, COUNT_FIELDS
from incidents.rules.validate import RecordError, validate_air_defence, validate_incident

ACCEPT = "accept"
INCIDENT_COLUMNS = (
    "place",
    "admin1",
    "country",
    "date",
    "event_type",
    "attacker",
    *COUNT_FIELDS,
    "damage",
)
DEFENCE_COLUMNS = AIR_DEFENCE_FACTS
READ_ONLY = ("confidence", "evidence")
# Candidates from many messages: each row shows the message it came from.
SOURCED_READ_ONLY = (*READ_ONLY, "source_url")
# An edit to these moves the record: its old point (and the region found with it) no longer holds.
_WHERE = ("place", "admin1", "country")
_POINT = ("latitude", "longitude", "geo_precision", "geocoder")
# Not model fields; the evidence survives as the description.
_EXTRA = ("evidence", "confidence", "confidence_level", "flags", "id", *PROPOSAL_KEYS)


@dataclasses.dataclass(frozen=True)
class Review:
    incidents: list[dict]
    air_defence: list[dict]
    rejections: list[dict]  # {"row": "incident 2", "reason": ...}

    @property
    def read(self) -> int:
        return len(self.incidents) + len(self.air_defence) + len(self.rejections)


def table_rows(
    records: list[dict], columns: tuple[str, ...], *, read_only: tuple[str, ...] = READ_ONLY
) -> list[dict]:
    """One editable row per candidate, evidence and confidence last. Only "high" confidence
    candidates start accepted (measured right at least 95% of the time on real reports);
    the analyst ticks the others after checking them."""
    return [
        {ACCEPT: is_preselected(record), **{name: record.get(name) for name in (*columns, *read_only)}}
        for record in records
    ]


def is_preselected(record: dict) -> bool:
    # A record from elsewhere (no level) was not judged by the extractor: leave it accepted.
    return record.get("confidence_level", "high") == "high"


def edited_record(original: dict, row: dict, columns: tuple[str, ...]) -> dict:
    """The candidate with the row's edits; a moved incident loses its point to be geocoded again."""
    record = {key: value for key, value in original.items() if key not in _EXTRA}
    edits = {name: _cell(row.get(name)) for name in columns}
    moved = [name for name in _WHERE if name in edits and edits[name] != original.get(name)]
    record.update(edits)
    if moved:
        record.update(dict.fromkeys(_POINT))
        if "place" in moved:
            # A new place is looked up afresh, unless the analyst also named its region.
            for name in ("admin1", "country"):
                if name not in moved:
                    record[name] = None
    if not record.get("description"):
        record["description"] = original.get("evidence")
    return record


def review(
    incidents: list[dict],
    incident_rows: list[dict],
    air_defence: list[dict],
    defence_rows: list[dict],
    *,
    source: dict | None,
    today: dt.date | None = None,
    locator: Locator | None = None,
) -> Review:
    """The accepted rows as valid records with the article as source, and the rejected ones.

    `source` holds source_name, source_url and source_published, as given at saving time;
    None keeps each candidate's own (a Telegram export's: one message each).
    """
    locator = locator or Locator()
    result = Review([], [], [])
    for kind, originals, rows, columns in (
        ("incident", incidents, incident_rows, INCIDENT_COLUMNS),
        ("air-defence report", air_defence, defence_rows, DEFENCE_COLUMNS),
    ):
        for number, (original, row) in enumerate(zip(originals, rows, strict=True), start=1):
            if not row.get(ACCEPT):
                continue
            record = {**edited_record(original, row, columns), **(source or {})}
            try:
                if kind == "incident":
                    result.incidents.append(locator.locate(validate_incident(record, today=today)))
                else:
                    result.air_defence.append(validate_air_defence(record, today=today))
            except RecordError as error:
                label = record.get("place") or record.get("reported_by") or "no name"
                result.rejections.append({"row": f"{kind} {number} ({label})", "reason": str(error)})
    return result


def accounting(summary: dict, review: Review) -> dict:
    """The store's summary of the saved batch, with the rows that never reached it."""
    rejections = list(review.rejections) + list(summary.get("rejections", []))
    return {
        **summary,
        "read": review.read,
        "rejected": summary.get("rejected", 0) + len(review.rejections),
        "rejections": rejections,
    }


def _cell(value):
    """An edited cell as a plain value: empty and NaN are None, 2.0 is 2, text is trimmed."""
    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalars from the edited frame
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, str):
        return value.strip() or None
    return value
