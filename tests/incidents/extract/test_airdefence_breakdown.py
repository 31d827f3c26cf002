"""A total of mixed weapons broken down by kind gives one figure per kind."""

from incidents.extract import extract_incidents
from incidents.extract.airdefence import read_air_defence


def facts(sentence: str) -> list[tuple]:
    return [(f.field, f.count, f.weapon) for f in read_air_defence(sentence)]


def test_a_launched_total_with_including_gives_each_kind():
    got = facts("Russia launched 120 aerial weapons, including 110 drones and 10 missiles.")
    assert got == [("launched", 110, "drone"), ("launched", 10, "missile")]


def test_a_shot_down_total_with_a_colon_gives_each_kind():
    got = facts("Air defence shot down 95 aerial targets: 90 Shahed drones and 5 cruise missiles.")
    assert got == [("shot_down", 90, "drone"), ("shot_down", 5, "missile")]


def test_attacked_with_names_the_area():
    (fact,) = read_air_defence("The enemy attacked Ukraine with 50 air attack assets, including 50 drones.")
    assert (fact.field, fact.count, fact.area) == ("launched", 50, "Ukraine")


def test_a_total_without_a_breakdown_or_a_breakdown_of_people_is_no_figure():
    assert facts("Air defence neutralized 577 targets overnight.") == []
    assert facts("The strike hit 12 targets, including 3 schools.") == []


def test_a_night_report_in_two_sentences_gives_one_record_per_weapon():
    text = (
        "The enemy attacked Ukraine overnight with 300 air attack assets, including 280 drones "
        "and 20 missiles, the Ukrainian Air Force said. Air defence downed 250 targets: "
        "240 drones and 10 missiles."
    )
    reports = extract_incidents(text, "2025-09-01").air_defence
    got = [(r["weapon"], r["launched"], r["shot_down"], r["area"]) for r in reports]
    assert got == [("drone", 280, 240, "Ukraine"), ("missile", 20, 10, "Ukraine")]
