"""Calendar words and other words that are not places: one list, asked by every reader."""

import datetime as dt

import pytest

from geodata import words
from geodata.places import find_place_mentions, resolve_place
from incidents.extract.dates import find_date
from incidents.extract.mentions import find_places
from incidents.rules.values import parse_date

PUBLISHED = dt.date(2025, 12, 31)


@pytest.mark.parametrize(("name", "number"), sorted(words.MONTHS.items()))
def test_every_month_name_is_the_same_month_to_validation_and_extraction(name, number):
    expected = dt.date(2025, number, 20)
    assert parse_date(f"20 {name} 2025", today=PUBLISHED) == expected
    assert find_date(f"Drones struck the city on 20 {name} 2025.", PUBLISHED).date == expected


def test_month_abbreviations_and_english_names():
    assert words.ENGLISH_MONTHS[0] == "january" and len(words.ENGLISH_MONTHS) == 12
    assert set(words.MONTH_ABBREVIATIONS) == {
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
    }


def _known_as_places(keys) -> list[str]:
    """The words of a list that GeoNames does know as a place in Ukraine or Russia."""
    return [
        w.title()
        for w in sorted(keys)
        if (m := resolve_place(w.title())) is not None and m.country in ("UA", "RU")
    ]


COMMON_PLACE_NAMES = _known_as_places(words.COMMON_WORDS)
GIVEN_PLACE_NAMES = _known_as_places(words.GIVEN_NAMES)


def test_some_words_that_are_not_places_are_place_names_somewhere():
    assert {"Pobeda", "Mayak", "Druzhba"} <= set(COMMON_PLACE_NAMES)
    assert {"Vladimir", "Anna"} <= set(GIVEN_PLACE_NAMES)


def _found(sentence: str) -> tuple[list[str], list[str]]:
    """What each place finder takes for places: geodata's, and the extractor's."""
    geodata = [sentence[start:end] for start, end, _ in find_place_mentions(sentence)]
    return geodata, [mention.text for mention in find_places(sentence)]


@pytest.mark.parametrize("word", COMMON_PLACE_NAMES)
def test_neither_place_finder_takes_a_common_word_for_a_place(word):
    assert _found(f"Drones struck Kharkiv, and {word} was said.") == (["Kharkiv"], ["Kharkiv"])


@pytest.mark.parametrize("word", GIVEN_PLACE_NAMES)
def test_a_given_name_before_a_surname_is_a_person_to_both_finders(word):
    assert _found(f"Drones struck Kharkiv, the office of {word} Petrenko said.") == (["Kharkiv"], ["Kharkiv"])


def test_after_a_strike_word_a_given_name_that_is_a_town_is_the_town():
    assert _found("Drones struck Vladimir overnight.")[1] == ["Vladimir"]
