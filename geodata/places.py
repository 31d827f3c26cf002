"""Place-name resolution: the interface the upper layers call.

STUB (issue 2): knows the four settlements of the seed report only. The gazetteer
issue replaces the body with the GeoNames-based gazetteer; the signatures stay.
"""

import dataclasses


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


_KNOWN = {
    "zaporizhzhia": PlaceMatch("Zaporizhzhia", 47.85167, 35.11714, "Zaporizhzhia Oblast", "UA", 710052, 687700),
    "kharkiv": PlaceMatch("Kharkiv", 49.98177, 36.25475, "Kharkiv Oblast", "UA", 1421125, 706483),
    "sumy": PlaceMatch("Sumy", 50.91741, 34.79906, "Sumy Oblast", "UA", 256474, 692194),
    "zelenograd": PlaceMatch("Zelenograd", 55.9825, 37.18139, "Moscow", "RU", 215727, 463829),
}


def resolve_place(name: str, *, country: str | None = None, region: str | None = None) -> PlaceMatch | None:
    """The best match for a place name as reported, or None when nothing matches."""
    match = _KNOWN.get(name.strip().casefold())
    if match is None or (country and match.country != country.upper()):
        return None
    return match


def region_of_point(latitude: float, longitude: float) -> tuple[str, str] | None:
    """(admin1, country) of the region containing the point, or None outside UA/RU."""
    return None
