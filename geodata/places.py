"""Place-name resolution: the interface the upper layers call.

`resolve_place` answers from the offline GeoNames gazetteer (geodata.index): a settlement,
or a region when the name is one. Every answer says whether the name was ambiguous and
lists the other places it could mean. "Not found" is None; malformed input raises
InvalidQueryError.
"""

import bisect
import functools
import os
import re
from collections.abc import Iterable
from typing import NamedTuple

from geodata import InvalidQueryError
from geodata.countries import FOCUS_COUNTRIES
from geodata.index import GazetteerIndex, shared_index
from geodata.names import exact_key, loose_key_of_exact
from geodata.query import check_country, check_query, parse_parts
from geodata.ranking import MAX_ALTERNATIVES, candidates, rank
from geodata.regions import (
    Region,
    adjective_regions_by_loose_key,
    find_regions,
    hint_codes,
    region_name,
    regions_named_by_key,
)


class PlaceMatch(NamedTuple):
    """One place a name may mean. A named tuple, not a frozen dataclass: a lookup makes
    one per candidate, and a tuple is built in a third of a frozen dataclass's time
    (the dataclass sets each field through object.__setattr__)."""

    name: str
    latitude: float
    longitude: float
    admin1: str | None
    country: str
    population: int | None = None
    geonameid: int | None = None
    geo_precision: str = "settlement"  # or "admin1" / "country" when the name is a region
    ambiguous: bool = False
    alternatives: tuple["PlaceMatch", ...] = ()

    def to_dict(self) -> dict:
        """The JSON shape of DESIGN.md's `incidents geocode` match (alternatives flat)."""
        return {
            "name": self.name,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "admin1": self.admin1,
            "country": self.country,
            "population": self.population,
            "geonameid": self.geonameid,
            "geo_precision": self.geo_precision,
        }


def resolve_place(name: str, *, country: str | None = None, region: str | None = None) -> PlaceMatch | None:
    """The best match for a place name as reported, or None when nothing matches.

    `country` is an ISO code ("UA"); `region` an oblast or federal subject in any common
    spelling ("Kharkiv Oblast", "Kharkovskaya", "Kharkiv"). Raises InvalidQueryError for
    empty, letterless or overlong names and for hints that name no country or region.
    """
    query = check_query(name)
    country_code = check_country(country)
    codes = _check_region(region)
    return _resolve(shared_index(), query, country_code, codes)


def resolve_places(
    names: Iterable[str], *, country: str | None = None, region: str | None = None
) -> list[PlaceMatch | None]:
    """resolve_place for many names, in order; malformed names give None instead of raising."""
    country_code = check_country(country)
    codes = _check_region(region)
    index = shared_index()
    results: list[PlaceMatch | None] = []
    for name in names:
        try:
            results.append(_resolve(index, check_query(name), country_code, codes))
        except InvalidQueryError:
            results.append(None)
    return results


def resolve_in_index(index: GazetteerIndex, name: str) -> PlaceMatch | None:
    """resolve_place without hints in a given index, for a name the caller has checked
    (stripped, with letters, at most MAX_QUERY_LENGTH): the text scanner's path, word run
    by word run (geodata.mentions). Cached like every lookup."""
    return _resolve(index, name, None, frozenset())


def clear_lookup_cache() -> None:
    """Forget cached answers (benchmarks measure cold lookups; a rebuilt index needs none)."""
    _resolve.cache_clear()
    _place.cache_clear()


def region_of_point(latitude: float, longitude: float) -> tuple[str, str] | None:
    """(admin1, country) of the region containing the point, or None outside UA/RU.

    The country comes from Natural Earth outlines, the region from the shipped region
    polygons (geodata.shapes; see geodata.reverse for the two cases the gazetteer decides).
    """
    from geodata.reverse import region_at

    return region_at(latitude, longitude)


def check_hints(*, country: str | None = None, region: str | None = None) -> None:
    """Raise InvalidQueryError when a country or region hint names nothing we know."""
    check_country(country)
    _check_region(region)


def _check_region(region: object) -> frozenset[tuple[str, str]]:
    if region is None or region == "":
        return frozenset()
    if not isinstance(region, str):
        raise InvalidQueryError(f"region must be a name, not {region!r}")
    codes = hint_codes(region)
    if not codes:
        raise InvalidQueryError(
            f"unknown region {region!r}: give an oblast or federal subject, e.g. 'Kharkiv Oblast'"
        )
    return codes


@functools.lru_cache(maxsize=200_000)
def _resolve(
    index: GazetteerIndex, query: str, country: str | None, codes: frozenset[tuple[str, str]]
) -> PlaceMatch | None:
    name, region_qualifier, region_hint, country_hint = parse_parts(query)
    country = country or country_hint
    if not codes and region_hint:
        codes = hint_codes(region_hint)
    if region_qualifier:
        qualified = f"{name} {region_qualifier}"
        return _region_match(index, find_regions(qualified), country)
    key = exact_key(name)  # folded once: every step below needs it or its loose form
    standalone = _region_match(index, regions_named_by_key(key), country)
    if standalone:
        return standalone
    hinted = country is not None or bool(codes)
    exact_rows = index.exact.get(key, ())
    if exact_rows:
        ranking = index.ranked.get(key)
        if ranking is None:  # the name's only candidate: no variant spelling adds another
            return _settlement_match(index, exact_rows, (), country, codes)
        if not hinted:  # ranked once at index build; hints change the ranking, so redo it
            return _ranked_match(index, ranking)
    loose = loose_key_of_exact(key)
    if not exact_rows:
        adjective = _region_match(index, adjective_regions_by_loose_key(loose), country)
        if adjective:
            return adjective
    # Spelling variants count too, at a discount: "Nikolayev" is an exact alternate name of
    # a small Mykolaiv near Lviv but a variant ("Nikolaev") of the city of Mykolaiv.
    loose_rows = index.loose.get(loose, ())
    if not exact_rows and not hinted:
        ranking = index.ranked_loose.get(loose)
        return _ranked_match(index, ranking) if ranking else _settlement_match(index, (), loose_rows)
    return _settlement_match(index, exact_rows, loose_rows, country, codes, key, loose)


def _settlement_match(
    index: GazetteerIndex,
    exact_rows: tuple[int, ...],
    loose_rows: tuple[int, ...],
    country: str | None = None,
    codes: frozenset[tuple[str, str]] = frozenset(),
    key: str | None = None,
    loose: str = "",
) -> PlaceMatch | None:
    """The best of the candidates the hints leave; `key` and `loose` rank two or more."""
    rows = candidates(index, exact_rows, loose_rows, country, codes)
    if not rows:
        return None
    if len(rows) == 1:
        return _place(index, rows[0])
    return _ranked_match(index, rank(index, rows, exact_rows, key, loose, country is not None))


def _ranked_match(index: GazetteerIndex, ranking: tuple[int, ...]) -> PlaceMatch:
    ambiguous, best, *others = ranking
    plain = _place(index, best)
    if not others:
        return plain
    alternatives = tuple(_place(index, r) for r in others)
    return plain._replace(ambiguous=bool(ambiguous), alternatives=alternatives)


def _region_match(index: GazetteerIndex, regions: list[Region], country: str | None) -> PlaceMatch | None:
    if not regions:
        return None
    matches = [_region_place(index, r) for r in regions if country is None or r.country == country]
    matches = [m for m in matches if m is not None]
    if not matches:
        return None
    best, others = matches[0], tuple(matches[1 : 1 + MAX_ALTERNATIVES])
    return best._replace(ambiguous=bool(others), alternatives=others)


def _region_place(index: GazetteerIndex, region: Region) -> PlaceMatch | None:
    point = index.label_points.get(f"{region.country}.{region.code}")
    if point is None:
        return None
    return PlaceMatch(region.name, point[0], point[1], region.name, region.country, geo_precision="admin1")


@functools.lru_cache(maxsize=100_000)
def _place(index: GazetteerIndex, row: int) -> PlaceMatch:
    """One row as a match without alternatives (cached: frozen, so safe to share)."""
    country = index.countries[row]
    return PlaceMatch(
        index.names[row], index.latitudes[row], index.longitudes[row],
        region_name(country, index.admin1_codes[row]), country,
        index.populations[row] or None, index.geonameids[row],
    )  # fmt: skip


def find_place_mentions(text: str, *, countries: Iterable[str] | None = FOCUS_COUNTRIES):
    """(start, end, PlaceMatch) for each place named in running text; see geodata.mentions."""
    from geodata.mentions import find_place_mentions as find

    return find(text, countries=countries)


# Ukrainian closes a syllable with і where the name's other forms have о (Синельникове,
# синельниківський; Харків, Харкова): folded alike for comparing a name with its adjective.
_ALTERNATION = str.maketrans({"і": "о", "ї": "о"})
# What derivation replaces at the end of a name: a vowel or soft sign (Одес-а -> одеський,
# Лиск-и, Синельников-е), a velar that softens (Кременчу-к -> кременчуцький), or -ка
# (Охтир-ка -> охтирський).
_DERIVED_TAIL = re.compile(r"(?:[аеиоуыяюєь]|[кгх]|к[аиоы])")


@functools.cache
def _cyrillic_keys(index: GazetteerIndex) -> tuple[list[str], list[tuple[str, tuple[int, ...]]]]:
    """Cyrillic name keys folded for alternation, sorted for prefix search."""
    pairs = sorted((key.translate(_ALTERNATION), key) for key in index.exact if not key.isascii())
    return [folded for folded, _ in pairs], [(key, index.exact[key]) for _, key in pairs]


def towns_of_adjective(adjective: str, region: str | None = None) -> list[PlaceMatch]:
    """Settlements a place adjective ("кременчуцький", "лискинский", in the nominative) may
    be made from, largest first: those whose Cyrillic name, but for its last letter or two
    (Кременчу-к, Одес-а, Синельников-е, Охтир-ка), begins the adjective. Derivation changes the end
    of a name (к -> ц, a vowel dropped), never its beginning; `region` keeps one region's.
    For reading "Кременчуцький район" as the district of Kremenchuk."""
    index = shared_index()
    folded_keys, entries = _cyrillic_keys(index)
    target = exact_key(adjective).translate(_ALTERNATION)
    if len(target) < 5:
        return []
    start = bisect.bisect_left(folded_keys, target[:4])
    rows = []
    for position in range(start, len(folded_keys)):
        folded = folded_keys[position]
        if not folded.startswith(target[:4]):
            break
        shared = len(os.path.commonprefix([folded, target]))
        if (
            shared >= 4
            and shared < len(target)
            and (shared == len(folded) or _DERIVED_TAIL.fullmatch(folded[shared:]))
        ):
            rows.extend(entries[position][1])
    matches = [_place(index, row) for row in dict.fromkeys(rows)]
    matches = [m for m in matches if region is None or m.admin1 == region]
    return sorted(matches, key=lambda m: -(m.population or 0))
