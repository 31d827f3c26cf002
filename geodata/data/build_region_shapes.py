"""Build `region-shapes.geojson.gz` (run once by a maintainer; never at run time).

    python -m geodata.data.build_region_shapes NE_10M_DIR

NE_10M_DIR holds Natural Earth 1:10m `ne_10m_admin_1_states_provinces_lines.shp` and
`ne_10m_admin_0_boundary_lines_land.shp` (public domain; see README.md for where the
files we used came from). Natural Earth's admin-1 *polygons* are not in any registry
package we can install, but its admin-1 *lines* are, so the polygons are rebuilt:

1. the country polygons of Ukraine and Russia (Natural Earth admin-0, German point of
   view, as geodata.basemap uses: Crimea in Ukraine) are cut along the admin-1 lines
   and the admin-0 lines that run inside them (the Crimea line at Perekop);
2. each piece takes the admin1 code most GeoNames places inside it carry (a piece with
   none, a small island, takes its nearest place's); pieces are merged per code;
3. the merged regions are simplified together (shapely.coverage_simplify), so
   neighbours keep one shared border with neither gaps nor overlaps.
"""

import collections
import gzip
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

from geodata.basemap import _read_countries, natural_earth_zip
from geodata.index import shared_index
from geodata.regions import REGIONS

COUNTRIES = ("UA", "RU")
# Half the width of the cut along each line: wide enough to close the few metres where
# a line stops short of a border, far below the simplification below.
CUT_DEGREES = 0.0005
# ~300 m at these latitudes; regions are looked up in these polygons, so they stay
# close to the source (1:10m, itself accurate to a few hundred metres).
SIMPLIFY_DEGREES = 0.003
PRECISION_DEGREES = 1e-4
OUTPUT = Path(__file__).with_name("region-shapes.geojson.gz")


def _lines(path: Path) -> list:
    import shapefile  # pyshp

    reader = shapefile.Reader(str(path))
    return [shape(s.__geo_interface__) for s in reader.iterShapes() if s.shapeType != 0]


def _pieces(country, lines_tree, lines) -> list:
    cutting = [lines[i] for i in lines_tree.query(country, predicate="intersects")]
    cut = shapely.union_all(cutting).buffer(CUT_DEGREES, quad_segs=2)
    return list(shapely.get_parts(country.difference(cut)))


def _codes_of(pieces, code: str) -> list[str]:
    index = shared_index()
    rows = [r for r in range(len(index)) if index.countries[r] == code]
    points = shapely.points([index.longitudes[r] for r in rows], [index.latitudes[r] for r in rows])
    votes = collections.defaultdict(collections.Counter)
    point_at, piece_at = shapely.STRtree(pieces).query(points, predicate="within")
    for p, q in zip(point_at, piece_at, strict=True):
        votes[q][index.admin1_codes[rows[p]]] += 1
    places = shapely.STRtree(points)
    codes = []
    for number, piece in enumerate(pieces):
        if votes[number]:
            codes.append(votes[number].most_common(1)[0][0])
        else:
            nearest = places.nearest(piece.representative_point())
            codes.append(index.admin1_codes[rows[nearest]])
    return codes


def build(source_dir: Path) -> dict:
    lines = _lines(source_dir / "ne_10m_admin_1_states_provinces_lines.shp") + _lines(
        source_dir / "ne_10m_admin_0_boundary_lines_land.shp"
    )
    lines_tree = shapely.STRtree(lines)
    countries = {
        f["properties"]["iso_a2"]: shape(f["geometry"])
        for f in _read_countries(natural_earth_zip())
        if f["properties"]["iso_a2"] in COUNTRIES
    }
    known = {(r.country, r.code): r for r in REGIONS}
    keys, merged = [], []
    for country_code in COUNTRIES:
        country = countries[country_code]
        pieces = _pieces(country, lines_tree, lines)
        by_code = collections.defaultdict(list)
        for piece, code in zip(pieces, _codes_of(pieces, country_code), strict=True):
            by_code[code].append(piece)
        for code, parts in sorted(by_code.items()):
            if (country_code, code) not in known:
                raise SystemExit(f"{country_code}.{code} is not in geodata.regions: add it first")
            # Close the cuts again: grow each region into them, within the country.
            region = shapely.union_all(parts).buffer(CUT_DEGREES * 1.5, quad_segs=2).intersection(country)
            keys.append((country_code, code))
            merged.append(region)
    # Growing made neighbours overlap along each cut; the earlier region keeps the strip.
    taken = None
    for number, region in enumerate(merged):
        merged[number] = region if taken is None else region.difference(taken)
        taken = region if taken is None else taken.union(region)
    simplified = shapely.coverage_simplify(merged, SIMPLIFY_DEGREES)
    features = []
    for (country_code, code), geometry in zip(keys, simplified, strict=True):
        geometry = shapely.make_valid(shapely.set_precision(geometry, PRECISION_DEGREES))
        geometry = shapely.union_all([g for g in shapely.get_parts(geometry) if g.geom_type == "Polygon"])
        region = known[(country_code, code)]
        features.append(
            {
                "type": "Feature",
                "properties": {"country": country_code, "code": code, "admin1": region.name},
                "geometry": mapping(geometry),
            }
        )
    missing = sorted(f"{k[0]}.{k[1]}" for k in known if k not in set(keys))
    return {"type": "FeatureCollection", "features": features, "missing": missing}


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit(__doc__)
    collection = build(Path(argv[0]))
    missing = collection.pop("missing")
    data = json.dumps(collection, separators=(",", ":")).encode()
    OUTPUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{len(collection['features'])} regions, {len(data):,} bytes, {OUTPUT.stat().st_size:,} gzipped")
    if missing:
        print("regions in geodata.regions without a polygon:", ", ".join(missing))


if __name__ == "__main__":
    main(sys.argv[1:])
