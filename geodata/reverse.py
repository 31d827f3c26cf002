"""Point to place: the nearest settlement, and the region a point lies in.

The region comes from region polygons (geodata.shapes: Natural Earth admin-1), so a
strike a kilometre inside an oblast is in that oblast even when the nearest settlement
lies across the border. Two cases still ask the gazetteer: a federal city and the
oblast around it (Kyiv, Sevastopol, Moscow, Saint Petersburg), whose 1:10m outlines are
too coarse (Natural Earth's Kyiv takes in Irpin, its Moscow misses Zelenograd), decided
by the nearest settlement of the two; and a point outside every polygon but inside the
country's outline (a coast the two simplifications drew differently).
"""

import math

from geodata import InvalidQueryError
from geodata.countries import FOCUS_COUNTRIES
from geodata.distance import distance_km
from geodata.index import GazetteerIndex, shared_index
from geodata.regions import city_group, region_name

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
    admin1_codes=None,
) -> tuple[int, float] | None:
    """(row, km) of the nearest place (optionally in `countries`, or with one of
    `admin1_codes`), searching outward by degree."""
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
                    if admin1_codes and index.admin1_codes[row] not in admin1_codes:
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
    from geodata.shapes import region_code_at

    country = country_at(lat, lon)
    if country not in FOCUS_COUNTRIES:
        return None
    inside = region_code_at(lat, lon, country=country)
    codes = {code for _, code in city_group(*inside)} if inside else None
    if codes and len(codes) == 1:
        code = next(iter(codes))
    else:
        index = shared_index()
        found = nearest_row(
            index, lat, lon, countries=(country,), max_km=MAX_REGION_DISTANCE_KM, admin1_codes=codes
        )
        if found is None:
            return None
        code = index.admin1_codes[found[0]]
    admin1 = region_name(country, code)
    return (admin1, country) if admin1 else None
