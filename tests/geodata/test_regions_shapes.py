"""Region polygons: shipped, complete, and what region_of_point answers from."""

import math

import pytest
import shapely
from shapely.geometry import shape

from geodata.index import shared_index
from geodata.places import region_of_point
from geodata.regions import REGIONS, region_name
from geodata.reverse import nearest_row
from geodata.shapes import SHAPES_FILE, region_code_at, region_shapes


def test_every_region_has_one_polygon_shipped_with_the_package():
    assert SHAPES_FILE.is_file() and SHAPES_FILE.stat().st_size < 1_000_000
    features = region_shapes()["features"]
    keys = [(f["properties"]["country"], f["properties"]["code"]) for f in features]
    assert sorted(keys) == sorted((r.country, r.code) for r in REGIONS)
    ukraine = region_shapes(["UA"])["features"]
    assert len(ukraine) == 27
    for feature in features:
        geometry = shape(feature["geometry"])
        assert geometry.is_valid and not geometry.is_empty, feature["properties"]


def test_crimea_and_sevastopol_are_drawn_in_ukraine():
    assert region_code_at(44.95, 34.10) == ("UA", "11")  # Simferopol
    assert region_code_at(44.60, 33.52) == ("UA", "20")  # Sevastopol
    assert region_of_point(44.60, 33.52) == ("Sevastopol", "UA")


def _offset(lat, lon, d_lat, d_lon, km):
    """The point `km` from (lat, lon) along the unit direction (d_lat, d_lon) in km."""
    return lat + d_lat * km / 111.2, lon + d_lon * km / (111.2 * math.cos(math.radians(lat)))


def _border_points_across_from_their_settlement(first, second):
    """Points 1.5 km either side of the first/second border whose nearest settlement
    lies in the region across it."""
    by_name = {
        f["properties"]["admin1"]: shape(f["geometry"]) for f in region_shapes(["UA", "RU"])["features"]
    }
    border = shapely.line_merge(by_name[first].boundary.intersection(by_name[second].boundary))
    index = shared_index()
    found = []
    for line in shapely.get_parts(border):
        steps = int(line.length / 0.01)
        for step in range(steps):
            a = line.interpolate(step * 0.01)
            b = line.interpolate(step * 0.01 + 0.001)
            east, north = (b.x - a.x) * math.cos(math.radians(a.y)), b.y - a.y
            norm = math.hypot(east, north) or 1.0
            # Perpendicular to the border, in km-scaled axes.
            for sign in (1, -1):
                lat, lon = _offset(a.y, a.x, sign * east / norm, -sign * north / norm, 1.5)
                point = shapely.Point(lon, lat)
                polygon = next((n for n in (first, second) if by_name[n].contains(point)), None)
                if polygon is None or by_name[polygon].boundary.distance(point) < 0.005:
                    continue  # a bend of the border put it elsewhere, or too close to call
                row, _ = nearest_row(index, lat, lon, countries=("UA", "RU"))
                nearest = region_name(index.countries[row], index.admin1_codes[row])
                if nearest != polygon:
                    found.append(((lat, lon), polygon, nearest))
    return found


@pytest.mark.parametrize(
    "first, second",
    [
        ("Kharkiv Oblast", "Dnipropetrovsk Oblast"),
        ("Zaporizhzhia Oblast", "Dnipropetrovsk Oblast"),
        ("Sumy Oblast", "Kursk Oblast"),
    ],
)
def test_points_near_a_border_get_the_polygon_region_not_the_nearest_settlements(first, second):
    cases = _border_points_across_from_their_settlement(first, second)
    sides = {polygon for _, polygon, _ in cases}
    assert sides == {first, second}, f"want cases on both sides, got {len(cases)}: {sides}"
    for (lat, lon), polygon, nearest in cases:
        assert region_of_point(lat, lon)[0] == polygon, ((lat, lon), polygon, nearest)


def test_a_federal_city_and_its_oblast_are_told_apart_by_the_gazetteer():
    # Natural Earth's coarse Moscow leaves Zelenograd out; Irpin lies inside its Kyiv.
    assert region_of_point(55.9825, 37.1814) == ("Moscow", "RU")  # Zelenograd
    assert region_of_point(50.52, 30.25) == ("Kyiv Oblast", "UA")  # Irpin
    assert region_of_point(50.45, 30.52) == ("Kyiv", "UA")
