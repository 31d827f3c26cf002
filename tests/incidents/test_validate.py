import pytest

from incidents.locate import Locator
from incidents.validate import RecordError, validate_air_defence, validate_incident

ROW = {
    "date": "20.07.2025",
    "place": "Kharkiv",
    "country": "Ukraine",
    "event_type": "UAV attack",
    "attacker": "Russia",
    "killed": "",
    "injured": "2",
    "children_injured": "1",
}


def test_a_typed_row_becomes_a_clean_record_with_a_stable_id():
    record = validate_incident(ROW)
    assert record["date"] == "2025-07-20" and record["country"] == "UA"
    assert record["event_type"] == "drone_strike" and record["attacker"] == "RU"
    assert record["killed"] is None and record["injured"] == 2
    assert record["id"] == validate_incident(dict(ROW))["id"]
    assert record["id"] != validate_incident({**ROW, "place": "Sumy"})["id"]


def test_every_problem_of_a_row_is_reported_at_once():
    with pytest.raises(RecordError) as caught:
        validate_incident({**ROW, "date": "32.07.2025", "killed": "-1", "latitude": "95", "longitude": "30"})
    text = str(caught.value)
    assert "'32.07.2025'" in text and "'-1'" in text and "'95'" in text
    assert len(caught.value.problems) == 3


def test_children_cannot_exceed_the_total():
    with pytest.raises(RecordError, match="children_injured 3 is more than injured 2"):
        validate_incident({**ROW, "children_injured": "3"})


def test_geocoding_fills_the_point_and_never_guesses():
    locator = Locator()
    record = locator.locate(validate_incident(ROW))
    assert (round(record["latitude"], 2), record["admin1"], record["geocoder"]) == (
        49.98,
        "Kharkiv Oblast",
        "gazetteer",
    )
    with pytest.raises(RecordError, match="'Xyzzyville'.*not in the gazetteer"):
        locator.locate(validate_incident({**ROW, "place": "Xyzzyville"}))


def test_given_coordinates_are_kept():
    record = Locator().locate(validate_incident({**ROW, "latitude": "49.9", "longitude": "36.2"}))
    assert (record["latitude"], record["longitude"], record["geocoder"]) == (49.9, 36.2, "source")


def test_air_defence_reports():
    record = validate_air_defence(
        {
            "date": "2025-07-20",
            "reported_by": "Ukrainian Air Force",
            "attacker": "RU",
            "weapon": "drones",
            "launched": "57",
            "shot_down": "18",
            "lost": "7",
            "area": "Ukraine",
        }
    )
    assert (record["weapon"], record["launched"], record["id"][:3]) == ("drone", 57, "ad-")
    with pytest.raises(RecordError, match="more than launched"):
        validate_air_defence({"date": "2025-07-20", "reported_by": "x", "launched": "5", "shot_down": "9"})
