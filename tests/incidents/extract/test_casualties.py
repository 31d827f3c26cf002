import pytest

from incidents.extract.casualties import Casualties, find_casualties


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("a drone strike wounded two women", Casualties(injured=2, children_injured=0)),
        ("two more civilians were injured in another drone strike", Casualties(injured=2)),
        ("wounded a woman and her 7-year-old son", Casualties(injured=2, children_injured=1)),
        ("at least seven killed", Casualties(killed=7)),
        ("damaging property but causing no casualties", Casualties(0, 0, 0, 0)),
        ("another two civilians were wounded in Kherson", Casualties(injured=2)),
        (
            "killing a 64-year-old man and injuring three other residents",
            Casualties(killed=1, injured=3, children_killed=0),
        ),
        (
            "killing three people and injuring at least 21, including a 1.5-month-old baby and two teenagers",
            Casualties(killed=3, injured=21, children_injured=3),
        ),
        (
            "Two people, including a 12-year-old girl, were injured",
            Casualties(injured=2, children_injured=1),
        ),
        (
            "Three residents were slightly injured, including a child.",
            Casualties(injured=3, children_injured=1),
        ),
        ("Among the wounded were 18 children", Casualties(children_injured=18)),
        ("No one was hurt", Casualties(injured=0, children_injured=0)),
        ("killing the driver and wounding three passengers", Casualties(killed=1, injured=3)),
        ("leaving 3 dead and 12 wounded", Casualties(killed=3, injured=12)),
        ("The death toll rose to 12", Casualties(killed=12)),
    ],
)
def test_people_are_counted_from_who_they_are(clause, expected):
    assert find_casualties(clause) == expected


@pytest.mark.parametrize(
    "clause",
    [
        "The first explosions were heard at around 3:20 a.m.",
        "Russian forces struck the city with 48 Shahed drones, two missiles, and four guided aerial bombs",
        "Two of the injured are in serious condition.",
        "one of them was taken to hospital in serious condition",
        "Russia launched a massive combined attack on Kharkiv overnight on June 7, damaging houses",
        "Russian forces carried out 94 attacks on 31 settlements",
    ],
)
def test_times_weapon_counts_and_subsets_are_not_casualties(clause):
    assert find_casualties(clause).is_empty()


def test_silence_is_none_not_zero():
    assert find_casualties("A drone hit a house in Sumy.") == Casualties()
