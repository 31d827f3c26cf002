"""Parse a place name as reported into the name proper and the hints around it.

"the village of Ivanivka, Kharkiv Oblast, Ukraine" -> name "Ivanivka", region hint
"Kharkiv Oblast", country hint "UA". Pure text work; the gazetteer is consulted elsewhere.
"""

import re

from geodata import InvalidQueryError, countries
from geodata.names import has_letters
from geodata.regions import find_regions, strip_region_qualifier

MAX_QUERY_LENGTH = 200

# "the city of", "village of", "м.", "с.", "смт" ... : what kind of place, not its name.
_SETTLEMENT_PREFIX = re.compile(
    r"^(?:(?:in|near|outside|at)\s+)?(?:(?:the|a|an)\s+)?"
    r"(?:(?:urban[- ]type\s+)?(?:city|town|village|settlement|hamlet|township|suburb|"
    r"outskirts|smt|selo|raion\s+centre)s?)\s+(?:of\s+|in\s+|near\s+)?"
    r"|^(?:м|с|смт|пгт|г|пос|сел|с-ще|х)\.\s*"
    r"|^(?:місто|місті|город|городе|село|селище|поселок|посёлок|деревня|хутор|смт|пгт)\s+",
    re.IGNORECASE,
)
_SETTLEMENT_SUFFIX = re.compile(r"\s+(?:city|town|village|місто|город)$", re.IGNORECASE)
_PARENTHESES = re.compile(r"\s*\(([^)]*)\)")


def country_code(text: str) -> str | None:
    """ISO code for a country name or code ("Ukraine", "UA"), or None; any two letters are
    taken as a code (the names: geodata.countries)."""
    stripped = text.strip()
    if len(stripped) == 2 and stripped.isalpha() and stripped.isascii():
        return stripped.upper()
    return countries.country_named(stripped)


def check_query(text: object) -> str:
    """The query stripped, or InvalidQueryError saying what is wrong with it."""
    if not isinstance(text, str):
        raise InvalidQueryError(f"place name must be text, not {type(text).__name__}")
    stripped = " ".join(text.split())
    if not stripped:
        raise InvalidQueryError("empty place name: give a settlement or region name")
    if len(stripped) > MAX_QUERY_LENGTH:
        raise InvalidQueryError(
            f"place name too long ({len(stripped)} characters, at most {MAX_QUERY_LENGTH}): "
            "pass one name, or use find_place_mentions for running text"
        )
    if not has_letters(stripped):
        raise InvalidQueryError(f"not a place name: {stripped!r} has no letters")
    return stripped


def check_country(country: object) -> str | None:
    if country is None or country == "":
        return None
    if not isinstance(country, str):
        raise InvalidQueryError(f"country must be a two-letter ISO code, not {country!r}")
    code = country_code(country)
    if code is None:
        raise InvalidQueryError(f"unknown country {country!r}: use a two-letter ISO code, e.g. UA")
    return code


def _strip_settlement_words(name: str) -> str:
    stripped = _SETTLEMENT_PREFIX.sub("", name, count=1).strip()
    stripped = _SETTLEMENT_SUFFIX.sub("", stripped).strip()
    return stripped if has_letters(stripped) else name


def parse_parts(text: str) -> tuple[str, str | None, str | None, str | None]:
    """Split "name, region, country" and strip words that say what kind of place it is:
    (name, region qualifier, region hint, country hint). The qualifier ("region", "oblast",
    ...) is set when the name is a region. A plain tuple: the lookup path calls this once
    per name and a tuple is cheaper to make."""
    if text.isalpha():
        # One word of letters only, the most common query: every pattern here and in
        # strip_region_qualifier needs a space, dot, comma or bracket, so none can match.
        return text, None, None, None
    unbracketed = _PARENTHESES.sub(lambda m: ", " + m.group(1), text) if "(" in text else text
    parts = [p.strip() for p in unbracketed.split(",") if p.strip()]
    if not parts:
        parts = [text]
    region_hint = country_hint = None
    for part in parts[1:]:
        code = country_code(part)
        if code and find_regions(part, qualified=False) == []:
            country_hint = country_hint or code
        elif find_regions(part, qualified=True):
            region_hint = region_hint or part
    name = _strip_settlement_words(parts[0])
    core, qualifier = strip_region_qualifier(name)
    if qualifier is None or not has_letters(core):
        return name, None, region_hint, country_hint
    return _strip_settlement_words(core), qualifier, region_hint, country_hint
