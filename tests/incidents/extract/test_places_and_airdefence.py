import pytest

from incidents.extract.airdefence import read_air_defence, reporter
from incidents.extract.mentions import find_places
from incidents.extract.targets import incident_targets


def targets(sentence: str) -> list[str]:
    return [m.match.name for m in incident_targets(sentence, find_places(sentence))]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("One drone struck an apartment in Zelenograd, on Moscow's outskirts.", ["Zelenograd"]),
        ("Moscow's Defense Ministry said its forces intercepted 93 drones.", []),
        ("A missile struck the port of Izmail in southern Ukraine's Odesa region.", ["Izmail"]),
        ("A drone attacked a car in the Kharkiv region.", ["Kharkiv Oblast"]),
        ("Drones attacked Belgorod Oblast overnight.", ["Belgorod Oblast"]),
        ("the Kherson Regional Military Administration reported on Telegram", []),
        ("Ukrainian forces fired on the city at about 10:00 a.m. Moscow time", []),
    ],
)
def test_struck_places_apart_from_locators_and_institutions(sentence, names):
    assert targets(sentence) == names


def test_a_region_phrase_is_a_region_level_match():
    (mention,) = find_places("in the Kharkiv region")
    assert mention.is_region and mention.match.admin1 == "Kharkiv Oblast"


def facts(sentence):
    return [(f.field, f.count, f.weapon, f.area) for f in read_air_defence(sentence)]


def test_shot_down_of_launched():
    assert facts("the air force reported it had shot down 18 of 57 drones launched by Russia") == [
        ("launched", 57, "drone", None),
        ("shot_down", 18, "drone", None),
    ]


def test_lost_from_radar_and_directed_toward_a_city():
    assert facts("Seven additional drones disappeared from radar.") == [("lost", 7, "drone", None)]
    assert facts("At least 15 were directed toward Moscow, with 13 shot down before reaching the city.") == [
        ("launched", 15, None, "Moscow"),
        ("shot_down", 13, None, "Moscow"),
    ]


def test_two_weapons_in_one_sentence():
    assert facts("Russia launched 597 drones and 26 missiles against Ukraine overnight") == [
        ("launched", 597, "drone", "Ukraine"),
        ("launched", 26, "missile", "Ukraine"),
    ]


def test_per_region_counts():
    assert facts(
        "Of them, 35 drones were destroyed over the Kursk Region and 26 over the Bryansk Region."
    ) == [
        ("shot_down", 35, "drone", "Kursk Oblast"),
        ("shot_down", 26, None, "Bryansk Oblast"),
    ]


def test_strike_counts_are_not_air_defence():
    assert facts("Russian forces struck the city with 48 Shahed drones and two missiles") == []


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("Ukraine's air force reported", "Ukrainian Air Force"),
        ("Moscow's Defense Ministry said", "Russian Defence Ministry"),
        ("the Russian Defense Ministry said", "Russian Defence Ministry"),
        ("Drones were shot down.", None),
    ],
)
def test_reporters(sentence, who):
    assert reporter(sentence) == who
