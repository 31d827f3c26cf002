"""Place-name resolution: the interface the upper layers call.

`resolve_place` answers from the offline GeoNames gazetteer (geodata.index): a settlement,
or a region when the name is one. Every answer says whether the name was ambiguous and
lists the other places it could mean. "Not found" is None; malformed input raises
InvalidQueryError.
"""

import dataclasses
import functools
import math
from collections.abc import Iterable

from geodata import InvalidQueryError
from geodata.index import FOCUS_COUNTRIES, GazetteerIndex, shared_index
from geodata.names import exact_key, loose_key
from geodata.query import check_country, check_query, parse_query
from geodata.regions import (
    Region,
    adjective_regions,
    find_regions,
    hint_codes,
    named_regions,
    region_name,
)

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


@dataclasses.dataclass(frozen=True)
class PlaceMatch:
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


def resolve_place(
    name: str, *, country: str | None = None, region: str | None = None
) -> PlaceMatch | None:
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


def region_of_point(latitude: float, longitude: float) -> tuple[str, str] | None:
    """(admin1, country) of the region containing the point, or None outside UA/RU.

    The country comes from Natural Earth outlines; the region is that of the nearest
    GeoNames settlement in the country (see geodata.reverse for the trade-off).
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
    parsed = parse_query(query)
    country = country or parsed.country_hint
    if not codes and parsed.region_hint:
        codes = hint_codes(parsed.region_hint)
    name = parsed.name
    if parsed.region_qualifier:
        qualified = f"{name} {parsed.region_qualifier}"
        return _region_match(index, find_regions(qualified), country)
    standalone = _region_match(index, named_regions(name), country)
    if standalone:
        return standalone
    key = exact_key(name)
    exact_rows = index.exact.get(key, ())
    if not exact_rows:
        adjective = _region_match(index, adjective_regions(name), country)
        if adjective:
            return adjective
    # Spelling variants count too, at a discount: "Nikolayev" is an exact alternate name of
    # a small Mykolaiv near Lviv but a variant ("Nikolaev") of the city of Mykolaiv.
    loose = loose_key(name)
    loose_rows = index.loose.get(loose, ())
    strong = frozenset(index.strong_exact.get(key, ()) + index.strong_loose.get(loose, ()))
    return _settlement_match(index, exact_rows, loose_rows, strong, key, country, codes)


def _region_match(
    index: GazetteerIndex, regions: list[Region], country: str | None
) -> PlaceMatch | None:
    matches = [_region_place(index, r) for r in regions if country is None or r.country == country]
    matches = [m for m in matches if m is not None]
    if not matches:
        return None
    best, others = matches[0], tuple(matches[1 : 1 + MAX_ALTERNATIVES])
    return dataclasses.replace(best, ambiguous=bool(others), alternatives=others)


def _region_place(index: GazetteerIndex, region: Region) -> PlaceMatch | None:
    point = index.label_points.get(f"{region.country}.{region.code}")
    if point is None:
        return None
    return PlaceMatch(
        region.name, point[0], point[1], region.name, region.country, geo_precision="admin1"
    )


def _weight(
    index: GazetteerIndex,
    row: int,
    key: str,
    country_hinted: bool,
    exact: frozenset[int],
    strong: frozenset[int],
) -> float:
    weight = float(max(index.populations[row], 1))
    if row not in exact:
        weight *= _VARIANT_WEIGHT
    if index.sections[row]:
        weight *= _SECTION_WEIGHT
    if row not in strong:
        weight *= _WEAK_NAME_WEIGHT
    elif index.primary_keys[row] != key:
        weight *= _ALTERNATE_NAME_WEIGHT
    if not country_hinted and index.countries[row] not in FOCUS_COUNTRIES:
        weight *= _OUTSIDE_FOCUS_WEIGHT
    return weight


def _settlement_match(
    index: GazetteerIndex,
    exact_rows: tuple[int, ...],
    loose_rows: tuple[int, ...],
    strong: frozenset[int],
    key: str,
    country: str | None,
    codes: frozenset[tuple[str, str]],
) -> PlaceMatch | None:
    exact = frozenset(exact_rows)
    rows = tuple(dict.fromkeys(exact_rows + loose_rows))
    if country:
        rows = tuple(r for r in rows if index.countries[r] == country)
    if codes:
        rows = tuple(r for r in rows if (index.countries[r], index.admin1_codes[r]) in codes)
    if not rows:
        return None
    if len(rows) == 1:
        return _place(index, rows[0])
    hinted = country is not None
    weights = {r: _weight(index, r, key, hinted, exact, strong) for r in rows}
    distinct = _drop_duplicates(index, sorted(rows, key=lambda r: -weights[r]))
    best, others = distinct[0], distinct[1:]
    ambiguous = bool(others) and weights[best] < _DOMINANCE * weights[others[0]]
    alternatives = tuple(_place(index, r) for r in others[:MAX_ALTERNATIVES])
    if not alternatives:
        return _place(index, best)
    plain = _place(index, best)
    return PlaceMatch(
        plain.name, plain.latitude, plain.longitude, plain.admin1, plain.country,
        plain.population, plain.geonameid, plain.geo_precision, ambiguous, alternatives,
    )  # fmt: skip


def _drop_duplicates(index: GazetteerIndex, ranked: list[int]) -> list[int]:
    """Keep the first of candidates that lie within a few km of a better one."""
    kept: list[int] = []
    if len(ranked) > 50:  # common village names: skip the pairwise check beyond the top 50
        return _drop_duplicates(index, ranked[:50]) + ranked[50:]
    for row in ranked:
        if not any(
            index.countries[row] == index.countries[k] and _km(index, row, k) < _SAME_PLACE_KM
            for k in kept
        ):
            kept.append(row)
    return kept


def _km(index: GazetteerIndex, a: int, b: int) -> float:
    lat_a, lat_b = index.latitudes[a], index.latitudes[b]
    x = math.radians(index.longitudes[b] - index.longitudes[a]) * math.cos(
        math.radians((lat_a + lat_b) / 2)
    )
    return 6371.0 * math.hypot(x, math.radians(lat_b - lat_a))


@functools.lru_cache(maxsize=100_000)
def _place(index: GazetteerIndex, row: int) -> PlaceMatch:
    """One row as a match without alternatives (cached: frozen, so safe to share)."""
    country = index.countries[row]
    return PlaceMatch(
        name=index.names[row],
        latitude=index.latitudes[row],
        longitude=index.longitudes[row],
        admin1=region_name(country, index.admin1_codes[row]),
        country=country,
        population=index.populations[row] or None,
        geonameid=index.geonameids[row],
    )


def find_place_mentions(text: str, *, countries: Iterable[str] | None = ("UA", "RU")):
    """(start, end, PlaceMatch) for each place named in running text; see geodata.mentions."""
    from geodata.mentions import find_place_mentions as find

    return find(text, countries=countries)
