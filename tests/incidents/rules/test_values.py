import datetime as dt

import pytest

from incidents.rules.bounds import EARLIEST_DATE, HOUSEHOLDS_MAX, PEOPLE_MAX, latest_date, storable
from incidents.rules.values import (
    ValueProblem,
    parse_coordinate,
    parse_count,
    parse_date,
    parse_text,
    parse_time,
)
from incidents.rules.vocabulary import attacker, country_code, event_type

JULY_20 = dt.date(2025, 7, 20)


@pytest.mark.parametrize(
    "typed",
    [
        "2025-07-20",
        "20.07.2025",
        "20/07/2025",
        "07/20/2025",
        "20 July 2025",
        "20 Jul 2025",
        "July 20, 2025",
        "20th July 2025",
        "20 липня 2025",
        "20 июля 2025",
        "2025-07-20T14:30:00",
        JULY_20,
        dt.datetime(2025, 7, 20, 14, 30),
    ],
)
def test_dates_are_read_in_the_forms_people_type(typed):
    assert parse_date(typed) == JULY_20


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("05/06/2025", "ambiguous"),
        ("2025-02-30", "not a calendar date"),
        ("yesterday", "not a date"),
        ("32.07.2025", "not a calendar date"),
    ],
)
def test_bad_dates_say_what_to_write(typed, says):
    with pytest.raises(ValueProblem, match=says) as caught:
        parse_date(typed)
    assert repr(typed) in str(caught.value) and "2025-07-20" in str(caught.value)


def test_a_date_in_the_future_is_refused():
    with pytest.raises(ValueProblem, match="future"):
        parse_date("2095-07-20", today=JULY_20)


def test_dates_are_plausible_from_1900_to_tomorrow():
    assert EARLIEST_DATE == dt.date(1900, 1, 1) and latest_date(JULY_20) == dt.date(2025, 7, 21)
    assert parse_date("1900-01-01") == EARLIEST_DATE
    assert parse_date("2025-07-21", today=JULY_20) == latest_date(JULY_20)  # a day ahead of the clock
    for typed in ("0001-01-01", "31.12.1899", dt.date(1, 1, 1)):
        with pytest.raises(ValueProblem, match="is before 1900-01-01; check the year"):
            parse_date(typed)
    with pytest.raises(ValueProblem, match=r"'2025-07-22' is in the future \(today is 2025-07-20\)"):
        parse_date("2025-07-22", today=JULY_20)
    assert latest_date() == dt.date.today() + dt.timedelta(days=1)


def test_unknown_counts_are_none_and_zero_is_zero():
    assert [parse_count(v) for v in ("", None, "n/a", "unknown", "?")] == [None] * 5
    assert parse_count("0") == 0 and parse_count(0) == 0


@pytest.mark.parametrize(
    ("typed", "count"),
    [
        ("2", 2),
        (" 7 ", 7),
        ("about 100", 100),
        ("~100", 100),
        ("1,000", 1000),
        ("1 000", 1000),
        (3.0, 3),
    ],
)
def test_counts_as_typed(typed, count):
    assert parse_count(typed) == count


@pytest.mark.parametrize("typed", ["-1", "1.5", "two", True, -3])
def test_bad_counts_raise(typed):
    with pytest.raises(ValueProblem):
        parse_count(typed)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("1000001", "1000001 is above the maximum of 1,000,000; check the number"),
        (10**6 + 1, "1000001 is above the maximum of 1,000,000"),
        (1e300, "1e+300 is above the maximum of 1,000,000"),
        ("99999999999999999999", "99999999999999999999 is above the maximum of 1,000,000"),
        ("9" * 5000, "99999999999999999999… (5,000 digits) is above the maximum"),  # int() refuses it
        ("0" * 30 + "7", None),  # leading zeros are not digits of the number
        ("about 3,000,000", "'about 3,000,000' is above the maximum of 1,000,000"),
        ("-" + "9" * 5000, "is negative"),
        (10**5000, "a number of over 4,000 digits is above the maximum"),
    ],
    ids=["over", "int", "float", "20-digits", "5000-digits", "zeros", "words", "negative", "huge-int"],
)
def test_counts_are_bounded(typed, says):
    if says is None:
        assert parse_count(typed) == 7
        return
    with pytest.raises(ValueProblem) as caught:
        parse_count(typed)
    assert says in str(caught.value) and len(str(caught.value)) < 200


def test_each_count_has_its_maximum():
    assert parse_count(str(PEOPLE_MAX)) == PEOPLE_MAX
    assert parse_count(str(HOUSEHOLDS_MAX), maximum=HOUSEHOLDS_MAX) == HOUSEHOLDS_MAX
    with pytest.raises(ValueProblem, match="above the maximum of 100,000,000"):
        parse_count(str(HOUSEHOLDS_MAX + 1), maximum=HOUSEHOLDS_MAX)


def test_text_is_bounded_and_storable_never_cut():
    assert parse_text("  Sumy ", limit=4) == "Sumy" and parse_text("   ", limit=4) is None
    with pytest.raises(ValueProblem, match="is 5 characters long, above the maximum of 4; shorten it"):
        parse_text("Sumyy", limit=4)
    with pytest.raises(ValueProblem, match="holds a NUL character at character 3, which cannot be stored"):
        parse_text("Su\x00my", limit=10)
    with pytest.raises(
        ValueProblem, match=r"holds '\\ud800', half of a UTF-16 surrogate pair, at character 1"
    ):
        parse_text("\ud800Sumy", limit=10)
    assert parse_text("Ω 😀 \x07!", limit=10) == "Ω 😀 \x07!"  # odd, but storable
    assert storable("a\x00b\ud800c") == "a\\x00b\\ud800c" and storable("Київ") == "Київ"


def test_a_coordinate_too_large_for_a_float_is_out_of_range():
    with pytest.raises(ValueProblem, match=r"latitude 1000.*\(401 characters\) is outside -90..90"):
        parse_coordinate(10**400, low=-90, high=90, name="latitude")


def test_coordinates_in_range_with_decimal_commas():
    assert parse_coordinate("49,98", low=-90, high=90, name="latitude") == 49.98
    with pytest.raises(ValueProblem, match="outside -90..90"):
        parse_coordinate("99", low=-90, high=90, name="latitude")
    with pytest.raises(ValueProblem):
        parse_coordinate(float("nan"), low=-90, high=90, name="latitude")


def test_times():
    assert parse_time("14.30") == "14:30" and parse_time("9:05:00") == "09:05"
    with pytest.raises(ValueProblem):
        parse_time("25:00")


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        ("UAV attack", "drone_strike"),
        ("Shahed", "drone_strike"),
        ("artillery shelling", "shelling"),
        ("drone_strike", "drone_strike"),
        ("Missile strike", "missile_strike"),
        ("Iskander-M", "missile_strike"),
        ("KAB glide bomb", "glide_bomb"),
        ("falling drone debris", "debris"),
        ("атака БПЛА", "drone_strike"),
        ("обстріл", "shelling"),
        ("explosion", "other"),
    ],
)
def test_event_types_from_wording(wording, code):
    assert event_type(wording) == code


def test_unknown_wording_is_refused_not_guessed():
    with pytest.raises(ValueProblem, match="drone_strike"):
        event_type("bad vibes")


def test_attackers_and_countries():
    assert [attacker(v) for v in ("Russia", "RU", "russian federation", "ЗСУ", "")] == [
        "RU",
        "RU",
        "RU",
        "UA",
        None,
    ]
    assert [country_code(v) for v in ("Ukraine", "UA", "ukr", "Russian Federation", "Україна")] == [
        "UA",
        "UA",
        "UA",
        "RU",
        "UA",
    ]
    with pytest.raises(ValueProblem, match="Atlantis"):
        country_code("Atlantis")
