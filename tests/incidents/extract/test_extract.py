"""extract_incidents as a whole: records, provenance, and what is not an incident."""

import datetime as dt

import pytest

from incidents.extract import ExtractError, Extraction, extract_incidents
from incidents.rules.model import INCIDENT_FIELDS


def only(result: Extraction) -> dict:
    (record,) = result.incidents
    return record


def test_record_has_the_model_fields_plus_evidence_and_confidence():
    record = only(
        extract_incidents("A Russian drone hit a house in Sumy, injuring two people.", published="2025-07-22")
    )
    assert set(record) == {*INCIDENT_FIELDS, "evidence", "confidence", "confidence_level", "flags"}
    assert record["evidence"] == "A Russian drone hit a house in Sumy, injuring two people."
    assert record["confidence_level"] == "high" and record["flags"] == []


def test_source_fields_from_arguments():
    result = extract_incidents(
        "A drone hit a house in Sumy.",
        published=dt.date(2025, 7, 22),
        source_name="Ukrinform",
        source_url="https://example.org/a",
    )
    assert {k: only(result)[k] for k in ("source_name", "source_url", "source_published")} == {
        "source_name": "Ukrinform",
        "source_url": "https://example.org/a",
        "source_published": "2025-07-22",
    }


def test_unknown_stays_none():
    record = only(extract_incidents("A drone hit a house in Sumy on Monday.", published="2025-07-22"))
    assert record["killed"] is None and record["injured"] is None
    assert record["households_without_power"] is None
    assert record["date"] == "2025-07-21"


def test_attacker_from_text_beats_the_side_of_the_place():
    text = "Two people were injured as a result of shelling of Horlivka by Ukrainian forces."
    record = only(extract_incidents(text, published="2025-05-30"))
    assert (record["country"], record["attacker"], record["event_type"]) == ("UA", "UA", "shelling")


def test_attacker_from_the_side_of_the_place_when_the_text_is_silent():
    record = only(extract_incidents("A drone struck a house in Kursk.", published="2025-05-30"))
    assert (record["country"], record["attacker"]) == ("RU", "UA")


def test_a_following_sentence_without_a_place_adds_to_the_strike_before():
    text = (
        "Debris from a downed drone fell on a residential building in the city of Kursk. "
        "Three residents were slightly injured, including a child. "
        "About 1,200 families remained without electricity."
    )
    record = only(extract_incidents(text, published="2025-05-22"))
    assert (record["event_type"], record["injured"], record["children_injured"]) == ("debris", 3, 1)
    assert record["households_without_power"] == 1200


def test_a_region_wide_strike_becomes_the_one_settlement_named_next():
    text = (
        "As a result of a Russian drone attack on Chernihiv region on Sunday night, "
        "281,072 consumers were left without electricity. The strike hit a substation in Nizhyn."
    )
    record = only(extract_incidents(text, published="2025-02-10"))
    assert (record["place"], record["households_without_power"], record["date"]) == (
        "Nizhyn",
        281072,
        "2025-02-09",
    )


@pytest.mark.parametrize(
    "text",
    [
        "President Trump threatened Russia on July 14 with harsh measures as missile and drone"
        " attacks go on.",
        "Russia illegally annexed Crimea in 2014 and declared the annexation of Zaporizhzhia and"
        " Kherson oblasts.",
        "Since the start of the full-scale invasion, more than 1,000 civilians have been killed in Kherson.",
        "The occupiers have repeatedly threatened to strike the port of Odesa.",
        "Russian troops launched 412 strikes on 11 settlements in Zaporizhzhia region over the past day.",
        "Conversation",
        "Kremlin spokesman Dmitry Peskov said Moscow would respond to any new sanctions.",
    ],
)
def test_what_is_not_an_incident(text):
    assert extract_incidents(text, published="2025-07-22").is_empty()


def test_multiple_places_keep_their_own_figures():
    text = (
        "Russian drones attacked Huliaipole and Stepnohirsk, and artillery shelled Prymorske. "
        "A 73-year-old woman was killed in Huliaipole, and two men were injured in Stepnohirsk."
    )
    records = {r["place"]: r for r in extract_incidents(text, published="2025-03-18").incidents}
    assert set(records) == {"Huliaipole", "Stepnohirsk", "Prymorske"}
    assert (records["Huliaipole"]["killed"], records["Huliaipole"]["injured"]) == (1, None)
    assert (records["Stepnohirsk"]["killed"], records["Stepnohirsk"]["injured"]) == (None, 2)
    assert records["Prymorske"]["event_type"] == "shelling"
    assert records["Prymorske"]["admin1"] == "Zaporizhzhia Oblast"


def test_text_must_be_text_and_a_date_must_be_known():
    with pytest.raises(ExtractError, match="bytes"):
        extract_incidents(b"drones", published="2025-07-22")
    with pytest.raises(ExtractError, match="no publication date"):
        extract_incidents("A drone hit Sumy.")
    with pytest.raises(ExtractError, match="'22/07/2025'"):
        extract_incidents("A drone hit Sumy.", published="22/07/2025")
