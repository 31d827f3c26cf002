"""The report the product started from yields the hand-coded seed records, and nothing else."""

from pathlib import Path

import pytest

from incidents.extract import extract_incidents
from incidents.importing.seed import read_seed
from incidents.rules.model import AIR_DEFENCE_FACTS

SEED_TEXT = Path(__file__).parent / "devset" / "00-seed-report.json"
COMPARED = (
    "place",
    "date",
    "killed",
    "injured",
    "children_killed",
    "children_injured",
    "households_without_power",
    "attacker",
    "event_type",
    "admin1",
    "country",
)
DEFENCE_COMPARED = AIR_DEFENCE_FACTS


@pytest.fixture(scope="module")
def extraction():
    import json

    text = json.loads(SEED_TEXT.read_text(encoding="utf-8"))["text"]
    return extract_incidents(text, published="2025-07-22")


def test_seed_report_yields_exactly_the_four_seed_incidents(extraction):
    expected, _ = read_seed()
    got = [{field: record[field] for field in COMPARED} for record in extraction.incidents]
    assert got == [{field: record[field] for field in COMPARED} for record in expected]


def test_seed_report_yields_exactly_the_three_air_defence_reports(extraction):
    _, expected = read_seed()
    got = [{field: record[field] for field in DEFENCE_COMPARED} for record in extraction.air_defence]
    assert got == [{field: record[field] for field in DEFENCE_COMPARED} for record in expected]


def test_seed_points_are_the_gazetteer_settlements(extraction):
    expected, _ = read_seed()
    for got, truth in zip(extraction.incidents, expected, strict=True):
        assert got["latitude"] == pytest.approx(truth["latitude"], abs=0.01)
        assert got["longitude"] == pytest.approx(truth["longitude"], abs=0.01)
        assert got["geo_precision"] == "settlement"


def test_every_record_keeps_its_evidence_source_and_confidence(extraction):
    import json

    text = json.loads(SEED_TEXT.read_text(encoding="utf-8"))["text"]
    for record in extraction.incidents + extraction.air_defence:
        assert record["evidence"][:60] in text
        assert 0 < record["confidence"] <= 1
        assert record["source_published"] == "2025-07-22"
        assert record["source_name"] == "Article published 2025-07-22"
        assert record["id"].startswith(("inc-", "ad-"))


def test_the_dateline_dates_the_report_even_when_published_is_not_given(extraction):
    import json

    text = json.loads(SEED_TEXT.read_text(encoding="utf-8"))["text"]
    again = extract_incidents(text)
    assert again.published.isoformat() == "2025-07-22"
    assert [r["id"] for r in again.incidents] == [r["id"] for r in extraction.incidents]
