"""Region polygons: which oblast or federal subject a point lies in, and their outlines.

The polygons ship with the package (geodata/data/region-shapes.geojson.gz; its README
states source, licence and simplification): Ukraine's 27 regions with Crimea, Kyiv and
Sevastopol, and Russia's 83 federal subjects, keyed by GeoNames admin1 code.
"""

import functools
import gzip
import json
import threading
from pathlib import Path

from geodata import GazetteerDataError

SHAPES_FILE = Path(__file__).with_name("data") / "region-shapes.geojson.gz"
# The polygons were simplified by ~300 m and their coast follows Natural Earth's: a
# shore town can fall just outside. Within this, the nearest region still counts.
SHORE_DEGREES = 0.03

_lock = threading.Lock()


@functools.cache
def _collection() -> dict:
    with _lock:
        try:
            return json.loads(gzip.decompress(SHAPES_FILE.read_bytes()))
        except (OSError, ValueError, EOFError) as exc:
            raise GazetteerDataError(
                f"cannot read region polygons {SHAPES_FILE}: {exc}; reinstall incident-dashboard"
            ) from exc


def region_shapes(countries: tuple[str, ...] | list[str] | None = None) -> dict:
    """The region polygons as a GeoJSON FeatureCollection (properties: country, code,
    admin1); `countries` limits them to those ISO codes."""
    features = _collection()["features"]
    if countries is not None:
        wanted = {c.upper() for c in countries}
        features = [f for f in features if f["properties"]["country"] in wanted]
    return {"type": "FeatureCollection", "features": [dict(f) for f in features]}


@functools.cache
def _tree():
    import shapely
    from shapely.geometry import shape

    features = _collection()["features"]
    geometries = [shape(f["geometry"]) for f in features]
    for geometry in geometries:
        shapely.prepare(geometry)
    keys = [(f["properties"]["country"], f["properties"]["code"]) for f in features]
    return shapely.STRtree(geometries), geometries, keys


def region_code_at(
    latitude: float, longitude: float, *, country: str | None = None
) -> tuple[str, str] | None:
    """(country, GeoNames admin1 code) of the polygon containing the point, or of the
    nearest one within SHORE_DEGREES; None further out. `country` restricts the answer
    (the caller knows the country from its outline)."""
    import shapely

    tree, geometries, keys = _tree()
    point = shapely.Point(longitude, latitude)
    for position in tree.query(point, predicate="intersects"):
        if country is None or keys[position][0] == country:
            return keys[position]
    best = None
    for position in tree.query(point, predicate="dwithin", distance=SHORE_DEGREES):
        if country is not None and keys[position][0] != country:
            continue
        distance = geometries[position].distance(point)
        if best is None or distance < best[0]:
            best = (distance, keys[position])
    return best[1] if best else None
