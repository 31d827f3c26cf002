"""Numbers as news text writes them: digits, "281,072", "seven", "twenty-five", "a dozen".

`normalize_numbers` rewrites a lowercased clause so the casualty and air-defence
patterns only ever see digits, and ages and clock times can no longer pass for counts.
"""

import re

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}

_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
# "twenty-five", "two hundred", "a hundred and twenty", "three thousand"
NUMBER_WORDS_RE = re.compile(
    rf"\b(?:a(?=\s+(?:hundred|thousand))|(?:{_WORD})(?:[\s-](?:{_WORD}))?)"
    rf"(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?(?:{_WORD})(?:[\s-](?:{_WORD}))?)?)*\b"
    rf"|\ba\s+dozen\b",
    re.IGNORECASE,
)
_DIGITS_RE = re.compile(r"\b\d{1,3}(?:,\d{3})+\b")
# "7-year-old", "1.5-month-old", "seven-year-old": an age, never a count of people.
_AGE_RE = re.compile(r"\b(\d+(?:\.\d+)?)[\s-](year|month|week|day)s?[\s-]old\b")
# "3:20 a.m.", "10:00", "at 3 p.m.": a clock time, never a count.
_TIME_RE = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock)|\b\d{1,2}:\d{2}\b")


def word_to_int(words: str) -> int | None:
    """The value of a number written in words, or None when it is not one."""
    tokens = re.split(r"[\s-]+", words.strip().lower())
    if tokens == ["a", "dozen"]:
        return 12
    total, current, seen = 0, 0, False
    for token in tokens:
        if token in ("and",):
            continue
        if token == "a":
            current = 1
        elif token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token in _SCALES:
            current = max(current, 1) * _SCALES[token]
            if token == "thousand":
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def to_int(text: str) -> int | None:
    """'281,072' -> 281072, 'seven' -> 7, 'a' -> 1; None when the text is not a count."""
    text = text.strip().lower()
    if text in ("a", "an", "one"):
        return 1
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
        return int(text.replace(",", ""))
    return word_to_int(text)


def normalize_numbers(text: str) -> str:
    """Lowercase `text` with counts as plain digits, ages as `ageN` and times as `clocktime`.

    "No one" becomes `noone` first, so its "one" is not read as a person.
    """
    text = text.lower().replace("’", "'")
    text = re.sub(r"\bno\s+one\b|\bnobody\b", "noone", text)
    text = _TIME_RE.sub("clocktime", text)
    text = NUMBER_WORDS_RE.sub(lambda m: _word_digits(m.group(0)), text)
    text = _DIGITS_RE.sub(lambda m: m.group(0).replace(",", ""), text)
    text = _SCALED_RE.sub(_scaled, text)
    text = _AGE_RE.sub(lambda m: f"age{_age_years(m.group(1), m.group(2))}", text)
    return text


# "281 thousand", "1.2 million", "half a million": digits and a scale word.
_SCALED_RE = re.compile(r"\b(?:(\d+(?:\.\d+)?)|half(?:\s+a)?)\s+(thousand|million)\b")


def _scaled(match: re.Match) -> str:
    number = float(match.group(1)) if match.group(1) else 0.5
    return str(int(round(number * (1000 if match.group(2) == "thousand" else 1_000_000))))


def _word_digits(words: str) -> str:
    value = word_to_int(words)
    return words if value is None else str(value)


def _age_years(number: str, unit: str) -> int:
    # Ages under a year count as 0: all that matters downstream is "under 18".
    years = float(number) if unit == "year" else 0.0
    return int(years)
