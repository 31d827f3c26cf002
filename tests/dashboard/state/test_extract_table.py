"""Candidate records to editable rows and back: edits kept, unknowns kept unknown."""

import datetime as dt

import pytest

from dashboard.state import extract_review as table
from incidents.extract import extract_incidents

TODAY = dt.date(2025, 8, 1)
SOURCE = {
    "source_name": "Kyiv Post",
    "source_url": "https://example.org/a",
    "source_published": "2025-07-22",
}
TEXT = (
    "In Kharkiv, two civilians were injured in a drone strike on Sunday. "
    "Ukraine's air force said it shot down 18 of 57 drones overnight."
)


@pytest.fixture
def extraction():
    return extract_incidents(TEXT, "2025-07-22")


def rows(extraction):
    return (
        table.table_rows(extraction.incidents, table.INCIDENT_COLUMNS),
        table.table_rows(extraction.air_defence, table.DEFENCE_COLUMNS),
    )


def run_review(extraction, incident_rows, defence_rows):
    return table.review(
        extraction.incidents,
        incident_rows,
        extraction.air_defence,
        defence_rows,
        source=SOURCE,
        today=TODAY,
    )


def test_rows_are_accepted_by_default_with_evidence_last(extraction):
    incident_rows, _ = rows(extraction)
    assert list(incident_rows[0])[:2] == ["accept", "place"]
    assert list(incident_rows[0])[-2:] == ["confidence", "evidence"]
    assert incident_rows[0]["accept"] is True and incident_rows[0]["place"] == "Kharkiv"


def test_unedited_rows_become_valid_records_with_the_article_as_source(extraction):
    result = run_review(extraction, *rows(extraction))
    assert not result.rejections and result.read == 2
    (incident,) = result.incidents
    assert incident["source_name"] == "Kyiv Post" and incident["source_published"] == "2025-07-22"
    assert "evidence" not in incident and "confidence" not in incident
    assert incident["description"].startswith("In Kharkiv")
    assert incident["killed"] is None and incident["injured"] == 2
    (report,) = result.air_defence
    assert (report["launched"], report["shot_down"], report["source_name"]) == (57, 18, "Kyiv Post")


def test_unticked_rows_are_left_out(extraction):
    incident_rows, defence_rows = rows(extraction)
    defence_rows[0]["accept"] = False
    result = run_review(extraction, incident_rows, defence_rows)
    assert len(result.incidents) == 1 and result.air_defence == [] and result.read == 1


def test_editor_cells_are_read_as_plain_values(extraction):
    incident_rows, defence_rows = rows(extraction)
    incident_rows[0].update(injured=3.0, killed=float("nan"), damage="  ", attacker=None)
    (incident,) = run_review(extraction, incident_rows, defence_rows).incidents
    assert (incident["injured"], incident["killed"], incident["damage"], incident["attacker"]) == (
        3,
        None,
        None,
        None,
    )


def test_a_new_place_is_geocoded_afresh_and_the_id_follows_the_edit(extraction):
    incident_rows, defence_rows = rows(extraction)
    original_id = run_review(extraction, incident_rows, defence_rows).incidents[0]["id"]
    incident_rows[0]["place"] = "Odesa"
    (incident,) = run_review(extraction, incident_rows, defence_rows).incidents
    assert (incident["place"], incident["admin1"], incident["country"]) == (
        "Odesa",
        "Odesa Oblast",
        "UA",
    )
    assert 46 < incident["latitude"] < 47 and incident["geocoder"] == "gazetteer"
    assert incident["id"] != original_id


def test_bad_values_are_rejected_with_the_row_and_the_reason(extraction):
    incident_rows, defence_rows = rows(extraction)
    incident_rows[0].update(date="2025-07-40", place="Nowhereville")
    defence_rows[0].update(shot_down=99)
    result = run_review(extraction, incident_rows, defence_rows)
    assert result.incidents == [] and result.air_defence == []
    reasons = {item["row"]: item["reason"] for item in result.rejections}
    assert "2025-07-40" in reasons["incident 1 (Nowhereville)"]
    assert "more than launched 57" in reasons["air-defence report 1 (Ukrainian Air Force)"]


def test_accounting_adds_the_rows_that_never_reached_the_store(extraction):
    incident_rows, defence_rows = rows(extraction)
    incident_rows[0]["date"] = "not a date"
    result = run_review(extraction, incident_rows, defence_rows)
    stored = {
        "read": 1,
        "stored": 1,
        "updated": 0,
        "duplicates": 0,
        "rejected": 0,
        "rejections": [],
    }
    summary = table.accounting(stored, result)
    assert (summary["read"], summary["stored"], summary["rejected"]) == (2, 1, 1)
    assert (
        summary["read"]
        == summary["stored"] + summary["updated"] + summary["duplicates"] + summary["rejected"]
    )
    assert "not a date" in summary["rejections"][0]["reason"]
