"""Parsers for the values people type into spreadsheets: dates, times, counts, coordinates.

Pure functions. Each returns the clean value, None for "not given", or raises
`ValueProblem` with a message naming the value and what to write instead; the
validator adds the field name and row number.
"""

import datetime as dt
import json
import math
import re

from geodata.words import MONTHS
from incidents import IncidentError
from incidents.rules.bounds import EARLIEST_DATE, PEOPLE_MAX, UNSTORABLE, latest_date

# Words that mean "not reported": stored as None, never as 0.
UNKNOWN_WORDS = frozenset(
    {
        "",
        "-",
        "--",
        "?",
        "n/a",
        "na",
        "nan",
        "none",
        "null",
        "unknown",
        "not reported",
        "невідомо",
        "неизвестно",
    }
)

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_DOTTED_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([^\W\d_]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::\d{2}(?:\.\d+)?)?")
_APPROXIMATELY = re.compile(r"^(?:~|≈|about|around|approx\.?|approximately|c\.|близько|около)\s*")


class ValueProblem(IncidentError, ValueError):
    """A single value that cannot be read; the message says what to write instead."""


def is_unknown(value) -> bool:
    if value is None or value == "":
        return True
    return isinstance(value, str) and value.strip().casefold() in UNKNOWN_WORDS


def parse_date(value, *, today: dt.date | None = None) -> dt.date | None:
    """ISO (2025-07-20), dotted (20.07.2025) or written ("20 July 2025", "July 20, 2025");
    from `bounds.EARLIEST_DATE` on and, given `today`, at most `bounds.latest_date(today)`."""
    if is_unknown(value):
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        day = _read_date(str(value).strip())
    if day < EARLIEST_DATE:
        raise ValueProblem(f"{shown(value)} is before {EARLIEST_DATE}; check the year")
    if today is not None and day > latest_date(today):
        raise ValueProblem(f"{shown(value)} is in the future (today is {today}); check the year")
    return day


def _read_date(text: str) -> dt.date:
    hint = "write it as 2025-07-20, 20.07.2025 or 20 July 2025"
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        try:  # the common case, ten times faster than the regular expressions below
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DOTTED_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        if "/" in text and day <= 12 and month <= 12 and day != month:
            # 05/06/2025 is May 6 in the US and 5 June elsewhere: refuse to guess.
            raise ValueProblem(f"{shown(text)} is ambiguous (day/month or month/day?); {hint}")
        if "/" in text and month > 12 and day <= 12:
            day, month = month, day  # unambiguous US order, e.g. 07/20/2025
    elif (match := _DAY_MONTH_YEAR.fullmatch(text)) and match.group(2).casefold() in MONTHS:
        day, month, year = (
            int(match.group(1)),
            MONTHS[match.group(2).casefold()],
            int(match.group(3)),
        )
    elif (match := _MONTH_DAY_YEAR.fullmatch(text)) and match.group(1).casefold() in MONTHS:
        month, day, year = (
            MONTHS[match.group(1).casefold()],
            int(match.group(2)),
            int(match.group(3)),
        )
    else:
        raise ValueProblem(f"{shown(text)} is not a date; {hint}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueProblem(f"{shown(text)} is not a calendar date; {hint}") from None


def parse_time(value) -> str | None:
    """`HH:MM` from 14:30, 14.30 or 14:30:00."""
    if is_unknown(value):
        return None
    text = str(value).strip()
    match = _TIME.fullmatch(text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueProblem(f"{shown(text)} is not a time of day; write it as HH:MM, e.g. 14:30")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


# Digits a count is read from: more than any maximum has, fewer than int() refuses (4,300).
_COUNT_DIGITS = 18


def parse_count(value, *, maximum: int = PEOPLE_MAX) -> int | None:
    """A number of people or households: whole, 0 to `maximum`; "about 100" reads as 100."""
    if type(value) is str and value.isdigit() and value.isascii() and len(value) <= _COUNT_DIGITS:
        number = int(value)  # the common case
    elif is_unknown(value):
        return None
    elif isinstance(value, bool):
        raise ValueProblem(f"{value!r} is not a number; write a whole number such as 2")
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueProblem(f"{shown(value)} is not a whole number; write e.g. 2")
        number = int(value)
    else:
        text = _APPROXIMATELY.sub("", str(value).strip().casefold())
        text = re.sub(r"(?<=\d)[ ,\u00a0\u202f](?=\d{3}\b)", "", text)  # 1,000 / 1 000
        text = text.removesuffix(".0")
        if not re.fullmatch(r"[-+]?\d+", text):
            raise ValueProblem(
                f"{shown(value)} is not a number; write a whole number, or leave it empty if not reported"
            )
        digits = text.lstrip("+-").lstrip("0")
        if len(digits) > _COUNT_DIGITS:  # too long for int(), and above any maximum
            number = -1 if text.startswith("-") else maximum + 1
        else:
            number = int(text)
    if number < 0:
        raise ValueProblem(f"{shown(value)} is negative; counts are 0 or more (leave empty if unknown)")
    if number > maximum:
        raise ValueProblem(f"{_digits_shown(value)} is above the maximum of {maximum:,}; check the number")
    return number


def _digits_shown(value) -> str:
    """A count as typed: digits unquoted, many of them cut, with their number said."""
    text = value.strip() if isinstance(value, str) else ""
    if not (text.isdigit() and text.isascii()):
        return shown(value)
    return text if len(text) <= _SHOWN_CHARS else f"{text[:20]}… ({len(text):,} digits)"


def parse_coordinate(value, *, low: float, high: float, name: str) -> float | None:
    """A WGS84 degree in [low, high]; a decimal comma (47,85) is read as a point."""
    if is_unknown(value):
        return None
    if isinstance(value, bool):
        raise ValueProblem(f"{shown(value)} is not a {name}; write decimal degrees such as 49.98")
    try:
        number = float(value if isinstance(value, int | float) else str(value).strip().replace(",", "."))
    except ValueError:
        raise ValueProblem(f"{shown(value)} is not a {name}; write decimal degrees such as 49.98") from None
    except OverflowError:  # an int too large for a float
        number = math.inf
    if not low <= number <= high:  # also refuses NaN
        raise ValueProblem(
            f"{name} {shown(value)} is outside {low:g}..{high:g};"
            " check whether latitude and longitude are swapped"
        )
    return number


def clean_text(value) -> str | None:
    """Text as given, trimmed; empty is None. Stored verbatim: escaping is the output's job."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def parse_text(value, *, limit: int) -> str | None:
    """`clean_text`, at most `limit` characters long and holding only what a database
    can store (no NUL, no lone surrogate): never cut, refused whole."""
    if value is None:
        return None
    text = str(value).strip()
    if len(text) <= limit and (text.isascii() and "\x00" not in text or UNSTORABLE.search(text) is None):
        return text or None  # the common case
    if len(text) > limit:
        raise ValueProblem(
            f"is {len(text):,} characters long, above the maximum of {limit:,};"
            " shorten it (or check that the file's columns line up)"
        )
    if (bad := UNSTORABLE.search(text)) is not None:
        char = bad.group()
        what = "a NUL character" if char == "\x00" else f"{char!r}, half of a UTF-16 surrogate pair,"
        raise ValueProblem(
            f"holds {what} at character {bad.start() + 1:,}, which cannot be stored;"
            " fix the text, or export the file again if it is damaged"
        )
    return text


_SHOWN_CHARS = 40  # of a value in a message: enough to find it in the file


def shown(value) -> str:
    """repr(value) as a message shows it: a long value cut, with its length said, so
    that a reason stays one readable line."""
    if isinstance(value, int) and value.bit_length() > 14_000:  # repr refuses over 4,300 digits
        return "a number of over 4,000 digits"
    long = isinstance(value, str) and len(value) > _SHOWN_CHARS
    text = repr(value[: _SHOWN_CHARS + 1] if long else value)
    if len(text) <= _SHOWN_CHARS + 2 and not long:
        return text
    length = len(value) if isinstance(value, str) else len(text)
    return f"{text[:_SHOWN_CHARS]}… ({length:,} characters)"


def parse_details(value, *, limit: int) -> str | None:
    """A source's own columns (`source_details`): a JSON object, or its text, as canonical
    JSON text (keys sorted) so that the same details always compare equal; empty is None."""
    if is_unknown(value):
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise ValueProblem(
                f"{shown(value)} is not JSON; write the source's columns as a JSON object"
            ) from None
    if not isinstance(value, dict):
        raise ValueProblem(f"{shown(value)} is not a JSON object of the source's columns")
    details = {str(key): item for key, item in value.items() if not is_unknown(item)}
    if not details:
        return None
    return parse_text(json.dumps(details, ensure_ascii=False, sort_keys=True), limit=limit)
