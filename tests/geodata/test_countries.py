"""One table of country names and codes, asked by geocoding and by validation alike."""

import pytest

from geodata import countries, query
from incidents.rules import vocabulary


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ukraine", "UA"),
        ("the Ukraine", "UA"),
        ("Україна", "UA"),
        ("Ukraina", "UA"),
        ("Russian Federation", "RU"),
        ("РФ", "RU"),
        ("Беларусь", "BY"),
        ("Republic of Moldova", "MD"),
        ("Georgia", "GE"),
    ],
)
def test_a_country_name_means_the_same_country_to_geocoding_and_validation(text, code):
    assert countries.country_named(text) == code
    assert countries.country_code(text) == code
    assert query.country_code(text) == code
    assert vocabulary.country_code(text) == code


def test_codes_are_read_as_codes_only_where_a_code_is_expected():
    assert [countries.country_code(c) for c in ("ua", "UKR", "rus", "BLR")] == ["UA", "UA", "RU", "BY"]
    # In a place name's parts, "Kharkiv, and ..." names no country (AND is Andorra's code).
    assert countries.country_named("and") is None and countries.country_named("UKR") is None
    assert query.parse_parts("Kharkiv, and")[3] is None
    assert countries.country_code("Atlantis") is None


def test_iso_numeric_codes():
    assert [countries.country_of_numeric(c) for c in ("804", 643, " 112 ", "0", "Ukraine")] == [
        "UA",
        "RU",
        "BY",
        None,
        None,
    ]


def test_the_focus_countries_are_ukraine_and_russia():
    assert countries.FOCUS_COUNTRIES == ("UA", "RU")
