"""The seed report's incidents, hand-coded exactly as reported."""

from incidents.importing.seed import read_seed
from incidents.rules.model import AIR_DEFENCE_FIELDS, INCIDENT_FIELDS


def by_place():
    incidents, _ = read_seed()
    return {record["place"]: record for record in incidents}


def test_four_incidents_all_on_sunday_2025_07_20_with_the_model_fields():
    incidents, _ = read_seed()
    assert sorted(r["place"] for r in incidents) == [
        "Kharkiv",
        "Sumy",
        "Zaporizhzhia",
        "Zelenograd",
    ]
    for record in incidents:
        assert tuple(record) == INCIDENT_FIELDS or set(record) == set(INCIDENT_FIELDS)
        assert record["date"] == "2025-07-20"
        assert record["event_type"] == "drone_strike"
        assert record["source_published"] == "2025-07-22"
        assert "report-2025-07-22" in record["source_name"]


def test_casualties_and_outages_as_the_text_gives_them():
    places = by_place()
    # (injured, children_injured, killed, households_without_power, attacker, country, admin1)
    expected = {
        "Zaporizhzhia": (2, 0, None, None, "RU", "UA", "Zaporizhzhia Oblast"),
        "Kharkiv": (2, None, None, None, "RU", "UA", "Kharkiv Oblast"),
        "Sumy": (2, 1, None, 100, "RU", "UA", "Sumy Oblast"),
        "Zelenograd": (0, 0, 0, None, "UA", "RU", "Moscow"),
    }
    for place, values in expected.items():
        r = places[place]
        got = (
            r["injured"],
            r["children_injured"],
            r["killed"],
            r["households_without_power"],
            r["attacker"],
            r["country"],
            r["admin1"],
        )
        assert got == values, place


def test_ids_are_stable_and_distinct():
    first, _ = read_seed()
    second, _ = read_seed()
    assert [r["id"] for r in first] == [r["id"] for r in second]
    assert len({r["id"] for r in first}) == 4


def test_three_air_defence_reports():
    _, reports = read_seed()
    got = {(r["reported_by"], r["area"]): (r["launched"], r["shot_down"], r["lost"]) for r in reports}
    assert got == {
        ("Ukrainian Air Force", "Ukraine"): (57, 18, 7),
        ("Russian Defence Ministry", "Russia"): (None, 93, None),
        ("Russian Defence Ministry", "Moscow"): (15, 13, None),
    }
    for record in reports:
        assert set(record) == set(AIR_DEFENCE_FIELDS)
        assert record["source_published"] == "2025-07-22"
