import datetime as dt

import pytest

from incidents.importing.locate import Locator
from incidents.rules.validate import RecordError, validate_air_defence, validate_incident

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


def test_a_record_dated_year_one_is_rejected():
    # It was stored once, and then broke every page of the dashboard.
    with pytest.raises(RecordError, match="^date '0001-01-01' is before 1900-01-01; check the year$"):
        validate_incident({**ROW, "date": "0001-01-01"})
    with pytest.raises(RecordError, match="source_published '1066-10-14' is before 1900-01-01"):
        validate_incident({**ROW, "source_published": "1066-10-14"})


def test_without_today_the_clock_says_what_is_in_the_future():
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert validate_incident({**ROW, "date": tomorrow.isoformat()})["date"] == tomorrow.isoformat()
    with pytest.raises(RecordError, match="in the future"):
        validate_incident({**ROW, "date": (tomorrow + dt.timedelta(days=1)).isoformat()})


def test_a_value_out_of_bounds_is_named_with_its_bound_and_not_taken_for_missing():
    with pytest.raises(RecordError) as caught:
        validate_incident(
            {
                **ROW,
                "id": "i" * 201,
                "place": "P" * 201,
                "killed": "1000001",
                "households_without_power": "3e9",
            }
        )
    fix = "shorten it (or check that the file's columns line up)"
    assert caught.value.problems == [
        f"id is 201 characters long, above the maximum of 200; {fix}",
        f"place is 201 characters long, above the maximum of 200; {fix}",
        "killed 1000001 is above the maximum of 1,000,000; check the number",
        "households_without_power '3e9' is not a number;"
        " write a whole number, or leave it empty if not reported",
    ]


def test_air_defence_figures_are_bounded():
    report = {"date": "2025-07-20", "reported_by": "Ukrainian Air Force", "weapon": "drone"}
    assert validate_air_defence({**report, "launched": "1000000"})["launched"] == 1_000_000
    with pytest.raises(RecordError, match="^launched 3000000000 is above the maximum of 1,000,000"):
        validate_air_defence({**report, "launched": "3000000000"})
    with pytest.raises(RecordError, match="^area holds a NUL character"):
        validate_air_defence({**report, "area": "Uk\x00raine"})
