"""Shapes found by reading new wire copy (written for these tests) after tuning on the dev
sets: each is a general form, not one sentence."""

import pytest

from incidents.extract import extract_incidents
from incidents.extract.text import split_byline

DAY = "2025-05-02"  # a Friday


@pytest.mark.parametrize(
    ("paragraph", "place", "body"),
    [
        ("Lviv (Reuters) - Drones hit a depot in Rivne.", "Lviv", "Drones hit a depot in Rivne."),
        ("Odesa, Ukraine (AP) — A missile hit Izmail.", "Odesa", "A missile hit Izmail."),
        ("Moscow, May 2 (AFP) -- Drones hit Tula.", "Moscow", "Drones hit Tula."),
        ("Kryvyi Rih (Ukrinform) – A shell hit a school.", "Kryvyi Rih", "A shell hit a school."),
    ],
)
def test_a_title_case_dateline_with_an_agency_is_set_aside(paragraph, place, body):
    assert split_byline(paragraph) == (place, body)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Zelensky (pictured) - who spoke in Lviv - said more air defence was needed.",
        "Kharkiv (Ukraine) said nothing.",
        "Lviv (Reuters) said on Friday that two drones had been shot down.",
    ],
)
def test_text_that_only_looks_like_a_dateline_is_kept(paragraph):
    assert split_byline(paragraph) == (None, paragraph)


def test_a_title_case_dateline_is_no_strike_on_its_city():
    found = extract_incidents(
        "Lviv (Reuters) - A Russian glide bomb hit a market in Kostiantynivka on Friday, injuring "
        "six people, the regional governor said.",
        published=DAY,
    ).incidents
    assert [(r["place"], r["injured"]) for r in found] == [("Kostiantynivka", 6)]


@pytest.mark.parametrize(
    ("text", "launched", "shot_down"),
    [
        (
            "The air force said Russia launched 64 drones overnight. Air defences shot down or jammed 50 "
            "of the drones, it said.",
            64,
            50,
        ),
        (
            "Russia sent 120 drones against Ukraine overnight. Units shot down and/or suppressed 97 of "
            "these drones, the air force said.",
            120,
            97,
        ),
    ],
)
def test_guns_and_jamming_counted_together_of_a_total_said_before(text, launched, shot_down):
    claims = extract_incidents(text, published=DAY).air_defence
    assert [(c["launched"], c["shot_down"]) for c in claims] == [(launched, shot_down)]


def test_a_region_strike_placed_in_a_later_paragraph_is_one_incident():
    text = (
        "Drones attacked a fuel depot in Russia's Tambov region overnight, the governor said. "
        "There were no casualties, he said.\n"
        "The depot in the town of Kotovsk caught fire after the attack, local channels reported."
    )
    found = extract_incidents(text, published=DAY).incidents
    assert [(r["place"], r["killed"], r["injured"]) for r in found] == [("Kotovsk", 0, 0)]


def test_a_region_strike_stays_when_the_region_has_two_struck_settlements():
    text = (
        "Drones attacked the Tambov region overnight, injuring three people, the governor said.\n"
        "In Kotovsk a house was damaged. In Michurinsk a car was damaged by debris."
    )
    places = [r["place"] for r in extract_incidents(text, published=DAY).incidents]
    assert "Tambov Oblast" in places


def test_a_district_statement_is_not_absorbed_by_a_city_of_another_district():
    text = (
        "In Poltava, a drone hit a warehouse, injuring two workers, the governor said. In the "
        "Kremenchuk district, a substation was hit, leaving 4,500 families without electricity."
    )
    found = {r["place"]: r for r in extract_incidents(text, published=DAY).incidents}
    assert found["Poltava"]["households_without_power"] is None
    assert found["Poltava"]["injured"] == 2
    assert [r["households_without_power"] for p, r in found.items() if p != "Poltava"] == [4500]


def test_attacked_with_a_count_is_the_launch_figure():
    claims = extract_incidents(
        "The air force said Russia attacked overnight with 95 drones, of which 80 were shot down.",
        published=DAY,
    ).air_defence
    assert [(c["launched"], c["shot_down"]) for c in claims] == [(95, 80)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Among those injured is a 15-year-old boy, the mayor said.",
        "The wounded include a 9-year-old girl.",
        "A 14-year-old was among those injured.",
    ],
)
def test_a_child_named_among_the_injured(sentence):
    text = f"A Russian drone hit a house in Sloviansk on Friday, injuring four people. {sentence}"
    (record,) = extract_incidents(text, published=DAY).incidents
    assert (record["injured"], record["children_injured"]) == (4, 1)


def test_drones_downed_over_the_region_are_counted_for_the_region_named():
    claims = extract_incidents(
        "Drones attacked the Kursk region overnight, the governor said. Air defences shot down 14 "
        "drones over the region, he wrote.",
        published=DAY,
    ).air_defence
    assert [(c["area"], c["shot_down"]) for c in claims] == [("Kursk Oblast", 14)]


@pytest.mark.parametrize(
    ("sentence", "killed", "children"),
    [
        (
            "The death toll from Wednesday's Russian missile strike on the city has risen to 14, including "
            "three children.",
            14,
            3,
        ),
        ("The number of those killed has reached 9, two of them children.", 9, 2),
        ("The death toll stands at 4, officials said.", 4, None),
    ],
)
def test_a_death_toll_with_many_words_between(sentence, killed, children):
    text = f"A Russian missile hit an apartment block in Uman on Wednesday, injuring 20 people. {sentence}"
    (record,) = extract_incidents(text, published=DAY).incidents
    assert (record["killed"], record["children_killed"], record["injured"]) == (killed, children, 20)


def test_the_next_mornings_report_keeps_the_nights_strike_date():
    text = (
        "Russian drones attacked Poltava on Wednesday night, injuring three people, officials said.\n"
        "In Poltava, a man was killed as well when a drone hit a garage, the governor said on Thursday "
        "morning."
    )
    (record,) = extract_incidents(text, published=DAY).incidents
    assert (record["date"], record["killed"], record["injured"]) == ("2025-04-30", 1, 3)


def test_a_regions_emergency_headquarters_is_who_reports_not_a_struck_place():
    text = (
        "A drone attack on the port of Tuapse injured two workers, Russian officials said on Friday. "
        "The Krasnodar region's emergency headquarters said a fire broke out at the port."
    )
    assert [r["place"] for r in extract_incidents(text, published=DAY).incidents] == ["Tuapse"]


def test_a_district_strike_placed_in_the_next_paragraph_in_one_of_its_villages():
    text = (
        "As a result of a Russian attack on Kharkiv Oblast's Izium district, a man was killed, the "
        "governor said.\n"
        "The enemy struck the town of Balakliia with a guided aerial bomb. A barn was destroyed."
    )
    found = extract_incidents(text, published=DAY).incidents
    assert [(r["place"], r["killed"]) for r in found] == [("Balakliia", 1)]


def test_a_regions_toll_goes_to_the_one_settlement_that_reports_the_same_toll():
    text = (
        "A Ukrainian drone killed a woman in the Bryansk region on Friday, the governor said.\n"
        '"A woman was killed when a drone hit her house in Klimovo," he wrote. In Bryansk itself, '
        "about 3,000 residents were left without electricity after a strike on a substation."
    )
    found = {r["place"]: r for r in extract_incidents(text, published=DAY).incidents}
    assert sorted(found) == ["Bryansk", "Klimovo"]
    assert found["Klimovo"]["killed"] == 1 and found["Bryansk"]["killed"] is None
