"""The incidents of the news report the product started from, as data."""

import json
from importlib import resources

from incidents.rules.model import AIR_DEFENCE_FIELDS, INCIDENT_FIELDS, air_defence_id, incident_id

SEED_FILE = "seed-2025-07-20.json"


def read_seed() -> tuple[list[dict], list[dict]]:
    """Return (incidents, air_defence_reports) hand-coded from the 2025-07-22 report."""
    text = resources.files("incidents.data").joinpath(SEED_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    # Every field of the model, those the file leaves out unknown.
    incidents = [_complete({"id": incident_id(row), **row}, INCIDENT_FIELDS) for row in data["incidents"]]
    air_defence = [
        _complete({"id": air_defence_id(row), **row}, AIR_DEFENCE_FIELDS) for row in data["air_defence"]
    ]
    return incidents, air_defence


def _complete(record: dict, fields: tuple[str, ...]) -> dict:
    return {name: record.get(name) for name in fields}
