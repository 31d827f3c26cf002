"""The Extract view pre-selects only the candidates the extractor rates "high"."""

from dashboard.state import extract_review as table
from incidents.extract import extract_incidents

TEXT = (
    "A Russian drone hit a house in Sumy on Friday, injuring two people. "
    "In the Sumy region, a guided bomb hit the village of Pryshyb-Nyzhnii, wounding an elderly man."
)


def test_only_high_confidence_rows_start_accepted():
    extraction = extract_incidents(TEXT, "2025-05-02")
    rows = table.table_rows(extraction.incidents, table.INCIDENT_COLUMNS)
    accepted = {row["place"]: row[table.ACCEPT] for row in rows}
    assert accepted == {"Sumy": True, "Pryshyb-Nyzhnii": False}


def test_a_record_without_a_level_stays_accepted():
    assert table.is_preselected({"place": "Kharkiv"})


def test_level_and_flags_are_not_stored():
    extraction = extract_incidents(TEXT, "2025-05-02")
    rows = table.table_rows(extraction.incidents, table.INCIDENT_COLUMNS)
    record = table.edited_record(extraction.incidents[1], rows[1], table.INCIDENT_COLUMNS)
    assert "confidence_level" not in record and "flags" not in record
