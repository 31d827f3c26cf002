"""Dates as news text writes them, resolved against the publication date.

"on Sunday" is the last Sunday on or before publication, "overnight into Sunday" is that
Sunday, "yesterday" the day before, "over the past day" the day before (a morning round-up
covers the previous day), "on July 14" July 14 of the publication year (or the year
before when that would lie after publication). A bare "overnight" is left to the caller,
which knows what day the article was talking about.
"""

import dataclasses
import datetime as dt
import re

from geodata.words import MONTHS, WEEKDAYS
from incidents.extract.errors import ExtractError

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"

_MONTH_DAY_RE = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}})\b)?"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\b\.?(?:,?\s+(?P<year2>\d{4})\b)?",
    re.IGNORECASE,
)
# "overnight on Saturday to Sunday", "the night of Saturday into Sunday": the later day.
_NIGHT_SPAN_RE = re.compile(
    rf"\b(?:night|overnight)\s+(?:on\s+|of\s+)?{_WEEKDAY}\s+(?:to"
    rf"|into)\s+(?P<weekday>{_WEEKDAY})\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(rf"\b(?P<weekday>{_WEEKDAY})\b", re.IGNORECASE)
_RELATIVE_RE = re.compile(
    r"\b(?P<word>the day before yesterday|yesterday|today|this morning|this evening|tonight"
    r"|over the past day|over the past 24 hours|in the past 24 hours|over the last day"
    r"|over the last 24 hours|past day)\b",
    re.IGNORECASE,
)
_RELATIVE_DAYS = {
    "the day before yesterday": 2,
    "yesterday": 1,
    "today": 0,
    "this morning": 0,
    "this evening": 0,
    "tonight": 0,
    "over the past day": 1,
    "over the past 24 hours": 1,
    "in the past 24 hours": 1,
    "over the last day": 1,
    "over the last 24 hours": 1,
    "past day": 1,
}
_OVERNIGHT_RE = re.compile(r"\b(?:overnight|last night|during the night|at night)\b", re.IGNORECASE)

_FULL_DATE_RE = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>[a-z]+)\.?,?\s+(?P<year2>\d{{4}})"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
    r"(?:[\s,]+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)
# "KYIV, June 25 (Reuters) -", "BELGOROD, July 3. /TASS/.", "ODESA, Ukraine, July 9 (Reuters) -"
_WIRE_DATELINE_RE = re.compile(
    rf"^(?P<city>[A-Z][A-Z .'-]+)(?:,\s*[A-Z][A-Za-z ]+)?,\s+(?i:{_MONTH})\s+(?P<day>\d{{1,2}})"
    r"(?:,\s*(?P<year>\d{4}))?\s*(?:\.\s*/?\s*TASS\s*/?\.?|\((?:Reuters|AP|AFP|Ukrinform"
    r"|Interfax)\))"
    r"\s*[-–—]*\s*",
)


@dataclasses.dataclass(frozen=True)
class DateMention:
    date: dt.date | None  # None for a bare "overnight": the caller fills in the day
    # "explicit", "weekday", "night" ("Sunday night"), "relative", "overnight", "reported"
    # (only a day the report was made: "the governor said on Tuesday")
    kind: str


def parse_published(value) -> dt.date:
    """A date, datetime or ISO string as a date; ExtractError naming anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        full = _FULL_DATE_RE.match(value.strip())
        if full:
            return _full_date(full)
    raise ExtractError(f"publication date {value!r} is not a date; give it as YYYY-MM-DD (e.g. 2025-07-22)")


def split_dateline(text: str, fallback: dt.date | None) -> tuple[dt.date | None, str]:
    """(publication date from the text's dateline or None, text without the dateline).

    A dateline is a first line that is only a date ("Tuesday, July 22, 2025") or a wire
    dateline opening the text ("KYIV, June 25 (Reuters) -"); the latter has no year, so
    it takes the year that puts it nearest to `fallback` (no fallback: not a date).
    """
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    full = _FULL_DATE_RE.match(first.strip())
    published = None
    if full:
        try:
            published, stripped = _full_date(full), rest
        except ExtractError:
            pass  # "2025-13-01" on a line of its own is text, not a dateline
    wire = _WIRE_DATELINE_RE.match(stripped.lstrip())
    if wire:
        stripped = stripped.lstrip()[wire.end() :]
        anchor = published or fallback
        if wire["year"]:
            published = published or _safe_date(
                int(wire["year"]), MONTHS[wire["month"].lower()], int(wire["day"])
            )
        elif anchor and published is None:
            published = _nearest_year(anchor, MONTHS[wire["month"].lower()], int(wire["day"]))
    return published, stripped


# A day that dates the report or the background, not the strike: "said on Wednesday that a
# missile attack on Tuesday...", "since their incursion last Tuesday".
_REPORTING_BEFORE_RE = re.compile(
    r"\b(?:said|says|reported|wrote|posted|told|announced|added|stated|claimed|confirmed|updated)"
    r"(?:\s+(?:on|via|in|the|a|an|its|his|her|their|telegram|messaging|app|social|media|early|late"
    r"|[A-Z]\w+)){0,6}\s+$"
)
_BACKGROUND_BEFORE_RE = re.compile(r"\bsince\b(?:\W+\w+){0,8}\W+$|\b(?:last|earlier) (?:month|year|week)\W+$")


_NIGHT_AFTER_RE = re.compile(r"^\s+(?:night|evening into)\b(?!\s+(?:into|to)\b)", re.IGNORECASE)


def find_date(sentence: str, reference: dt.date) -> DateMention | None:
    """The day a sentence dates its event by, resolved against `reference`; None when it
    names none. The first day named, passing over days that only date the report ("said on
    Wednesday") when another is given, and days of background ("since ... last Tuesday")."""
    found = _date_mentions(sentence, reference)
    found = [item for item in found if not _BACKGROUND_BEFORE_RE.search(sentence[: item[0]])]
    events = [item for item in found if not _REPORTING_BEFORE_RE.search(sentence[: item[0]])]
    if found and not events:
        # Only "said on Tuesday": the day of the report, which the caller may read as the
        # event's day when the story has none closer.
        return dataclasses.replace(min(found, key=lambda item: item[0])[1], kind="reported")
    if events:
        return min(events, key=lambda item: item[0])[1]
    if _OVERNIGHT_RE.search(sentence):
        return DateMention(None, "overnight")
    return None


def _date_mentions(sentence: str, reference: dt.date) -> list[tuple[int, DateMention]]:
    found = []
    for match in _MONTH_DAY_RE.finditer(sentence):
        month = MONTHS[(match["month"] or match["month2"]).lower()]
        day = int(match["day"] or match["day2"])
        year = match["year"] or match["year2"]
        date = _safe_date(int(year), month, day) if year else _nearest_year(reference, month, day, after=7)
        if date:
            found.append((match.start(), DateMention(date, "explicit")))
    span = _NIGHT_SPAN_RE.search(sentence)
    if span:
        found.append((span.start(), DateMention(_last_weekday(reference, span["weekday"]), "weekday")))
    else:
        for match in _WEEKDAY_RE.finditer(sentence):
            day = _last_weekday(reference, match["weekday"])
            # "on Sunday night": Sunday, or the small hours of Monday; the reviewer decides.
            night = bool(_NIGHT_AFTER_RE.match(sentence[match.end() :]))
            found.append((match.start(), DateMention(day, "night" if night else "weekday")))
    for match in _RELATIVE_RE.finditer(sentence):
        days = _RELATIVE_DAYS[match["word"].lower()]
        found.append((match.start(), DateMention(reference - dt.timedelta(days=days), "relative")))
    return found


def _last_weekday(reference: dt.date, name: str) -> dt.date:
    wanted = WEEKDAYS.index(name.lower())
    return reference - dt.timedelta(days=(reference.weekday() - wanted) % 7)


def _nearest_year(reference: dt.date, month: int, day: int, *, after: int = 183) -> dt.date | None:
    """The date in the reference's year, or the year before when that is > `after` days ahead."""
    date = _safe_date(reference.year, month, day)
    if date and (date - reference).days > after:
        date = _safe_date(reference.year - 1, month, day)
    return date


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_date(match: re.Match) -> dt.date:
    if match["iso"]:
        try:
            return dt.date.fromisoformat(match["iso"])
        except ValueError:
            raise ExtractError(f"{match['iso']!r} is not a calendar date") from None
    month_name = (match["month"] or match["month2"] or "").lower().rstrip(".")
    if month_name not in MONTHS:
        raise ExtractError(f"{match.group(0)!r} names no month")
    date = _safe_date(
        int(match["year"] or match["year2"]),
        MONTHS[month_name],
        int(match["day"] or match["day2"]),
    )
    if date is None:
        raise ExtractError(f"{match.group(0)!r} is not a calendar date")
    return date
