import datetime as dt

import pytest

from incidents import IncidentError
from incidents.extract.dates import find_date, parse_published, split_dateline
from incidents.extract.errors import ExtractError
from incidents.extract.numbers import normalize_numbers, to_int

TUESDAY = dt.date(2025, 7, 22)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("281,072", 281072),
        ("seven", 7),
        ("twenty-five", 25),
        ("a", 1),
        ("two hundred", 200),
        ("a dozen", 12),
        ("3", 3),
        ("many", None),
    ],
)
def test_counts_in_digits_and_words(text, value):
    assert to_int(text) == value


def test_ages_and_clock_times_stop_being_counts():
    assert normalize_numbers("a woman and her 7-year-old son") == "a woman and her age7 son"
    assert "3" not in normalize_numbers("explosions at 3:20 a.m.")
    assert normalize_numbers("No one was hurt") == "noone was hurt"


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("drones launched overnight into Sunday", dt.date(2025, 7, 20)),
        ("Later Sunday, in Sumy", dt.date(2025, 7, 20)),
        ("on Tuesday", TUESDAY),  # the publication day itself
        ("yesterday", dt.date(2025, 7, 21)),
        ("over the past day", dt.date(2025, 7, 21)),
        ("threatened Russia on July 14", dt.date(2025, 7, 14)),
        ("on 14 July 2024", dt.date(2024, 7, 14)),
        ("overnight on Saturday to Sunday", dt.date(2025, 7, 20)),
    ],
)
def test_dates_relative_to_publication(phrase, day):
    assert find_date(phrase, TUESDAY).date == day


def test_a_year_and_month_without_day_is_not_a_date():
    assert find_date("annexed in September 2022", TUESDAY) is None


def test_bare_overnight_is_left_to_the_caller():
    mention = find_date("intercepted 93 drones overnight", TUESDAY)
    assert mention.date is None and mention.kind == "overnight"


def test_december_news_read_in_january_is_last_year():
    assert find_date("on December 30", dt.date(2025, 1, 2)).date == dt.date(2024, 12, 30)


@pytest.mark.parametrize(
    ("text", "published", "day", "rest"),
    [
        ("Tuesday, July 22, 2025\nDrones hit Sumy.", None, TUESDAY, "Drones hit Sumy."),
        (
            "KYIV, June 25 (Reuters) - A missile hit Dnipro.",
            dt.date(2025, 6, 26),
            dt.date(2025, 6, 25),
            "A missile hit Dnipro.",
        ),
        (
            "BELGOROD, July 3. /TASS/. Two civilians were wounded.",
            dt.date(2025, 7, 3),
            dt.date(2025, 7, 3),
            "Two civilians were wounded.",
        ),
        ("Drones hit Sumy.", TUESDAY, None, "Drones hit Sumy."),
    ],
)
def test_datelines(text, published, day, rest):
    assert split_dateline(text, published) == (day, rest)


@pytest.mark.parametrize("value", ["tomorrow", "2025-13-01", 20250722, None])
def test_a_publication_date_that_is_not_a_date_is_refused_by_name(value):
    with pytest.raises(ExtractError, match=repr(value).replace("(", r"\(")):
        parse_published(value)


def test_extract_error_is_an_incident_error_and_a_value_error():
    assert issubclass(ExtractError, IncidentError) and issubclass(ExtractError, ValueError)
