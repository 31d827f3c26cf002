import pytest

from geodata import InvalidQueryError
from geodata.basemap import country_at, country_outlines, region_label_points
from geodata.places import region_of_point


@pytest.mark.parametrize(
    "point, expected",
    [
        ((49.99, 36.23), ("Kharkiv Oblast", "UA")),
        ((55.98, 37.18), ("Moscow", "RU")),
        ((50.60, 36.59), ("Belgorod Oblast", "RU")),
        ((44.95, 34.10), ("Crimea", "UA")),
        ((47.84, 35.14), ("Zaporizhzhia Oblast", "UA")),
    ],
)
def test_region_of_point(point, expected):
    assert region_of_point(*point) == expected


def test_points_outside_ukraine_and_russia_have_no_region():
    assert region_of_point(53.90, 27.56) is None  # Minsk
    assert region_of_point(43.0, 34.0) is None  # Black Sea


@pytest.mark.parametrize("point", [(91, 0), (0, 181), (float("nan"), 0), ("north", 3)])
def test_coordinates_out_of_range_raise(point):
    with pytest.raises(InvalidQueryError):
        region_of_point(*point)


def test_country_outlines_and_label_points_are_geojson():
    outlines = country_outlines(["UA", "RU"])
    assert {f["properties"]["iso_a2"] for f in outlines["features"]} == {"UA", "RU"}
    assert outlines["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert country_at(50.45, 30.52) == "UA" and country_at(53.9, 27.56) == "BY"
    labels = region_label_points()
    assert len(labels["features"]) == 27 + 83
    kharkiv = next(f for f in labels["features"] if f["properties"]["admin1"] == "Kharkiv Oblast")
    lon, lat = kharkiv["geometry"]["coordinates"]
    assert country_at(lat, lon) == "UA" and region_of_point(lat, lon) == ("Kharkiv Oblast", "UA")
