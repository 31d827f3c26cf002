"""Ukrainian and Russian forms found by reading new posts (written for these tests) after
tuning on the dev sets: each is a general form, not one sentence."""

import pytest

from geodata.places import towns_of_adjective
from incidents.extract import extract_incidents

DAY = "2025-11-14"


def incidents(text: str) -> list[dict]:
    return extract_incidents(text, published=DAY).incidents


def test_a_post_opening_with_its_city_places_a_strike_on_the_city():
    (record,) = incidents(
        "Дніпро. Внаслідок ракетного удару по місту загинули двоє людей, ще 11 отримали поранення, "
        "серед них троє дітей."
    )
    assert (record["place"], record["killed"], record["injured"], record["children_injured"]) == (
        "Dnipro",
        2,
        11,
        3,
    )


@pytest.mark.parametrize(
    ("adjective", "region", "town"),
    [
        ("кременчуцький", "Poltava Oblast", "Kremenchuk"),
        ("синельниківський", "Dnipropetrovsk Oblast", "Synelnykove"),
        ("лискинский", "Voronezh Oblast", "Liski"),
        ("одеський", "Odesa Oblast", "Odesa"),
        ("шосткинський", "Sumy Oblast", "Shostka"),
    ],
)
def test_the_town_a_district_adjective_is_made_from(adjective, region, town):
    assert towns_of_adjective(adjective, region)[0].name == town


def test_a_district_is_named_in_english_by_its_town():
    (record,) = incidents(
        "Вночі ворог атакував об'єкт інфраструктури в Кременчуцькому районі. Постраждав чоловік."
    )
    assert record["place"] == "Kremenchuk district"
    assert "Кременчуцькому районі" in record["evidence"]


def test_debris_of_drones_downed_over_a_district_is_an_incident_there():
    (record,) = extract_incidents(
        "В Курской области над Рыльским районом сбиты два беспилотника. Обломками повреждена линия "
        "электропередачи, без электроснабжения остались около 2 тысяч жителей.",
        published=DAY,
    ).incidents
    assert record["place"].startswith("Ryl") and record["place"].endswith(" district")
    assert record["households_without_power"] == 2000


@pytest.mark.parametrize(
    ("text", "households"),
    [
        ("У Черкасах після удару дронів без світла залишилися 2,5 тисячі абонентів.", 2500),
        ("В Белгороде после удара обесточены около 1,2 тыс. абонентов.", 1200),
    ],
)
def test_decimal_thousands_of_households(text, households):
    (record,) = incidents(text)
    assert record["households_without_power"] == households


@pytest.mark.parametrize(
    ("text", "injured", "children"),
    [
        ("Внаслідок удару по Сумах поранено трьох людей — двох чоловіків та жінку.", 3, None),
        ("В Курске в результате атаки пострадал один человек — мужчина получил ранения.", 1, None),
        ("В Брянске после удара пострадали двое: мужчина и девочка госпитализированы.", 2, 1),
    ],
)
def test_who_the_counted_people_were_is_not_counted_again(text, injured, children):
    (record,) = incidents(text)
    assert (record["injured"], record["children_injured"]) == (injured, children)


@pytest.mark.parametrize(
    "text",
    [
        "Минулої доби росіяни били по Нікополю. Загинула одна людина.",
        "Вчера ВСУ били по Горловке. Погиб один человек.",
    ],
)
def test_bit_is_a_strike_verb(text):
    (record,) = incidents(text)
    assert record["killed"] == 1


def test_a_city_district_named_like_a_far_village_is_the_citys():
    (record,) = incidents(
        "Обстрел Донецка: в Куйбышевском районе пострадали четыре человека, в том числе ребенок."
    )
    assert (record["place"], record["injured"], record["children_injured"]) == ("Donetsk", 4, 1)


def test_a_raion_named_after_a_town_stays_the_raion():
    found = {
        r["place"]
        for r in incidents(
            "Росіяни вдарили по Харкову, поранено двох людей. У Куп'янському районі загинув чоловік."
        )
    }
    assert "Kharkiv" in found and len(found) == 2
