"""Ranking the places a name could mean: by population, discounted for how the name matched.

Used twice with the same code, so both give the same answers: at index build, to rank
every name once for queries without hints (GazetteerIndex.ranked), and at lookup time for
queries whose country or region hint narrows the candidates.
A ranking is a tuple `(ambiguous, best, alternative, ...)`: 1 or 0, then place rows.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from geodata.countries import FOCUS_COUNTRIES
from geodata.distance import distance_km

if TYPE_CHECKING:  # geodata.index imports this module while it builds
    from geodata.index import GazetteerIndex

MAX_ALTERNATIVES = 9
# Without a country hint a report is most likely about Ukraine or Russia: a place elsewhere
# must be a hundred times bigger to win (Paris, France over Paris, Chelyabinsk Oblast).
_OUTSIDE_FOCUS_WEIGHT = 0.01
_SECTION_WEIGHT = 0.1  # a city district loses to a settlement of its own
_ALTERNATE_NAME_WEIGHT = 0.2  # a former name or another spelling loses to the current one
_WEAK_NAME_WEIGHT = 0.02  # an exonym or old name (see GazetteerIndex.strong_exact)
_VARIANT_WEIGHT = 0.5  # a spelling that matches only after folding romanisations
# The best candidate is a guess (ambiguous) unless it outweighs the next one this much.
_DOMINANCE = 20
_SAME_PLACE_KM = 3.0  # GeoNames sometimes lists one town twice
# Common village names have hundreds of candidates: only this many of the best are checked
# pairwise for duplicates; the ones below are taken as they come.
_DUPLICATE_CHECK_DEPTH = 50
# Points this far apart in latitude alone are farther apart than _SAME_PLACE_KM (3.3 km).
_LATITUDE_APART = 0.03


def rank_names(index: "GazetteerIndex", fold_key: Callable[[str], str]) -> None:
    """Fill index.ranked and index.ranked_loose: what an unhinted lookup of each name answers.

    `fold_key` is names.loose_key_of_exact (the build passes a cached copy).
    """
    for key, exact_rows in index.exact.items():
        loose = fold_key(key)
        rows = candidates(index, exact_rows, index.loose.get(loose, ()))
        if len(rows) > 1:
            index.ranked[key] = rank(index, rows, exact_rows, key, loose, hinted=False)
    for loose, rows in index.loose.items():
        if len(rows) > 1:
            index.ranked_loose[loose] = rank(index, rows, (), None, loose, hinted=False)


def candidates(
    index: "GazetteerIndex",
    exact_rows: tuple[int, ...],
    loose_rows: tuple[int, ...],
    country: str | None = None,
    codes: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[int, ...]:
    """Exact matches first, then the other variants, each in row order; filtered by the hints."""
    if not loose_rows or loose_rows == exact_rows:
        rows = exact_rows
    elif not exact_rows:
        rows = loose_rows
    else:
        rows = tuple(dict.fromkeys(exact_rows + loose_rows))
    if country:
        countries = index.countries
        rows = tuple(r for r in rows if countries[r] == country)
    if codes:
        countries, admin1s = index.countries, index.admin1_codes
        rows = tuple(r for r in rows if (countries[r], admin1s[r]) in codes)
    return rows


def rank(
    index: "GazetteerIndex",
    rows: tuple[int, ...],
    exact_rows: tuple[int, ...],
    key: str | None,
    loose: str,
    hinted: bool,
) -> tuple[int, ...]:
    """(ambiguous, best, alternatives...) for two or more candidate rows.

    `key` is the name's exact key (None when it matched no name exactly), `loose` its loose
    key, `hinted` whether a country hint already chose the country.
    """
    weights = _weights(index, rows, exact_rows, key, loose, hinted)
    # Heaviest first; a stable sort (reverse=True keeps it stable) leaves ties in row order.
    order = sorted(range(len(rows)), key=weights.__getitem__, reverse=True)
    distinct = _distinct_top(index, [rows[i] for i in order], 1 + MAX_ALTERNATIVES)
    if len(distinct) == 1:
        return (0, distinct[0])
    ambiguous = weights[order[0]] < _DOMINANCE * weights[rows.index(distinct[1])]
    return (int(ambiguous), *distinct)


def _weights(
    index: "GazetteerIndex",
    rows: tuple[int, ...],
    exact_rows: tuple[int, ...],
    key: str | None,
    loose: str,
    hinted: bool,
) -> list[float]:
    """The factors are applied in one fixed order, so tied weights stay exactly tied and
    row order decides between them."""
    exact = frozenset(exact_rows) if len(exact_rows) > 8 else exact_rows
    strong_rows = index.strong_exact.get(key, ()) if key is not None else ()
    strong = frozenset(strong_rows + index.strong_loose.get(loose, ()))
    populations, sections, primary_keys = index.populations, index.sections, index.primary_keys
    countries = index.countries
    weights = []
    for row in rows:
        weight = float(max(populations[row], 1))
        if row not in exact:
            weight *= _VARIANT_WEIGHT
        if sections[row]:
            weight *= _SECTION_WEIGHT
        if row not in strong:
            weight *= _WEAK_NAME_WEIGHT
        elif primary_keys[row] != key:
            weight *= _ALTERNATE_NAME_WEIGHT
        if not hinted and countries[row] not in FOCUS_COUNTRIES:
            weight *= _OUTSIDE_FOCUS_WEIGHT
        weights.append(weight)
    return weights


def _distinct_top(index: "GazetteerIndex", ranked: list[int], wanted: int) -> list[int]:
    """The first `wanted` candidates, skipping any within a few km of a better one in the same
    country. Stops once it has enough: an answer shows the best and MAX_ALTERNATIVES others."""
    kept: list[int] = []
    countries, latitudes = index.countries, index.latitudes
    for position, row in enumerate(ranked):
        if len(kept) == wanted:
            break
        if position >= _DUPLICATE_CHECK_DEPTH:
            kept.append(row)
            continue
        country, latitude = countries[row], latitudes[row]
        if not any(
            countries[k] == country
            and abs(latitudes[k] - latitude) < _LATITUDE_APART
            and _km(index, row, k) < _SAME_PLACE_KM
            for k in kept
        ):
            kept.append(row)
    return kept


def _km(index: "GazetteerIndex", a: int, b: int) -> float:
    return distance_km(index.latitudes[a], index.longitudes[a], index.latitudes[b], index.longitudes[b])
