"""The incidents of the news report the product started from, as data."""

import json
from importlib import resources

from incidents.rules.model import (
    AIR_DEFENCE_FIELDS,
    INCIDENT_FIELDS,
    air_defence_id,
    complete_record,
    incident_id,
)

SEED_FILE = "seed-2025-07-20.json"


def read_seed() -> tuple[list[dict], list[dict]]:
    """Return (incidents, air_defence_reports) hand-coded from the 2025-07-22 report."""
    text = resources.files("incidents.data").joinpath(SEED_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    # Every field of the model, those the file leaves out unknown.
    incidents = [
        complete_record({"id": incident_id(row), **row}, INCIDENT_FIELDS) for row in data["incidents"]
    ]
    air_defence = [
        complete_record({"id": air_defence_id(row), **row}, AIR_DEFENCE_FIELDS) for row in data["air_defence"]
    ]
    return incidents, air_defence
