"""Point to place: the nearest settlement, and the region a point lies in.

Region lookup is nearest-settlement based: GeoNames gives every settlement its admin1 code
and lists one every few km across Ukraine and European Russia, so the nearest settlement's
region is right except within a few km of a regional border. No admin1 polygons ship in a
registry package we can use; the country, where a wrong answer matters more (a point in
Belarus near the border), comes from Natural Earth outlines instead (geodata.basemap).
"""

import math

from geodata import InvalidQueryError
from geodata.countries import FOCUS_COUNTRIES
from geodata.distance import distance_km
from geodata.index import GazetteerIndex, shared_index
from geodata.regions import region_name

# Beyond this, "the nearest settlement" says little about where a point is (open sea, tundra).
MAX_REGION_DISTANCE_KM = 150.0


def check_point(latitude: object, longitude: object) -> tuple[float, float]:
    """The point as floats, or InvalidQueryError naming the bad coordinate."""
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        raise InvalidQueryError(f"coordinates must be numbers: {latitude!r}, {longitude!r}") from None
    if not (math.isfinite(lat) and -90 <= lat <= 90):
        raise InvalidQueryError(f"latitude {latitude!r} out of range -90..90")
    if not (math.isfinite(lon) and -180 <= lon <= 180):
        raise InvalidQueryError(f"longitude {longitude!r} out of range -180..180")
    return lat, lon


def nearest_row(
    index: GazetteerIndex,
    lat: float,
    lon: float,
    *,
    countries=None,
    max_km: float = 2000.0,
    skip_sections: bool = False,
) -> tuple[int, float] | None:
    """(row, km) of the nearest place (optionally in `countries`), searching outward by degree."""
    grid = index.grid()
    cell_lat, cell_lon = math.floor(lat), math.floor(lon)
    best: tuple[int, float] | None = None
    # Ring r covers every point within r degrees of latitude; stop once that exceeds the best.
    for ring in range(0, 25):
        if best is not None and (ring - 1) * 111.0 > best[1]:
            break
        for dlat in range(-ring, ring + 1):
            for dlon in range(-ring, ring + 1):
                if max(abs(dlat), abs(dlon)) != ring:
                    continue
                lon_cell = (cell_lon + dlon + 180) % 360 - 180
                for row in grid.get((cell_lat + dlat, lon_cell), ()):
                    if countries and index.countries[row] not in countries:
                        continue
                    if skip_sections and index.sections[row]:
                        continue
                    km = distance_km(lat, lon, index.latitudes[row], index.longitudes[row])
                    if best is None or km < best[1]:
                        best = (row, km)
    if best is None or best[1] > max_km:
        return None
    return best


def region_at(latitude: float, longitude: float) -> tuple[str, str] | None:
    """(admin1, country) for a point in Ukraine or Russia, else None."""
    lat, lon = check_point(latitude, longitude)
    from geodata.basemap import country_at

    country = country_at(lat, lon)
    if country not in FOCUS_COUNTRIES:
        return None
    index = shared_index()
    found = nearest_row(index, lat, lon, countries=(country,), max_km=MAX_REGION_DISTANCE_KM)
    if found is None:
        return None
    admin1 = region_name(country, index.admin1_codes[found[0]])
    return (admin1, country) if admin1 else None
