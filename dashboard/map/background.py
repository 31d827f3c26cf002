"""The offline basemap (country and region outlines, region and place labels) and opt-in tiles.

The outlines and label points come from `geodata` as GeoJSON; online tiles are only
added when asked for, under the outlines, so a failed tile leaves the offline map.
"""

import functools
import hashlib

import folium
from folium.elements import JSCSSMixin
from jinja2 import Template

from dashboard.map.assets import STATIC_URL, VENDOR_DIR
from dashboard.map.elements import Attribution, MapElement, script_json
from dashboard.map.labels import LabelPlacer
from dashboard.map.regions import EAST_TOLERANCE, WEST_TOLERANCE, RegionBoundaries, region_outlines
from geodata import GeodataError
from geodata.files import replaced_file
from geodata.regions import CITY_REGIONS

ONLINE_TILES = {
    "osm": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
    "carto": (
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
        '&copy; OpenStreetMap contributors &copy; <a href="https://carto.com/attributions">CARTO</a>',
    ),
}
OFFLINE_ATTRIBUTION = "Offline basemap: Natural Earth; places: GeoNames (CC BY 4.0)"


def add_online_tiles(fmap: folium.Map, name: str) -> None:
    if name not in ONLINE_TILES:
        raise ValueError(f"unknown tile source {name!r}; choose from {', '.join(ONLINE_TILES)}")
    url, attribution = ONLINE_TILES[name]
    folium.TileLayer(url, attr=attribution, name=f"{name.upper()} tiles (online)", max_zoom=18).add_to(fmap)


def add_offline_basemap(fmap: folium.Map, *, over_tiles: bool = False, served: bool = False) -> None:
    """Country outlines and labels drawn from geodata; nothing when geodata has none.

    Over online tiles the land is not filled, so the tiles show through; if they fail
    to load, outlines and names still make a readable map. `served`: the outlines,
    region lines and labels come from a file the app serves (`served_basemap_url`),
    fetched once by the browser and cached, rather than written into the map's script:
    the dashboard sends its map to the browser on every rerun, and they are most of it.
    A standalone page or snapshot carries them inline.
    """
    fill = 0 if over_tiles else 1
    if served:  # the file's script draws nothing of what geodata does not have
        ServedOutlines(served_basemap_url(), fill=fill).add_to(fmap)
        Attribution(OFFLINE_ATTRIBUTION).add_to(fmap)
        RegionBoundaries(source=f"{BASEMAP_GLOBAL}.regions").add_to(fmap)
        LabelPlacer([], source=f"{BASEMAP_GLOBAL}.labels").add_to(fmap)
        return
    outlines, labels = _basemap_data()
    if outlines:
        folium.GeoJson(
            outlines,
            name="Basemap (offline)",
            control=False,
            style_function=lambda _: {**OUTLINE_STYLE, "fillOpacity": fill},
            interactive=False,
        ).add_to(fmap)
        Attribution(OFFLINE_ATTRIBUTION).add_to(fmap)
    shapes = region_outlines()
    if shapes:
        RegionBoundaries(shapes).add_to(fmap)
    LabelPlacer(labels or []).add_to(fmap)


OUTLINE_STYLE = {"color": "#8d99a3", "weight": 1, "fillColor": "#f6f3ec"}
BASEMAP_GLOBAL = "window.incidentBasemap"  # what the served file defines


@functools.cache
def basemap_script() -> str:
    """The served basemap file's text: outlines, region lines and labels as one global."""
    outlines, labels = _basemap_data()
    data = {"outlines": outlines, "labels": labels or [], "regions": region_outlines() or None}
    return f"{BASEMAP_GLOBAL} = {script_json(data)};\n"


def served_basemap_url() -> str:
    """Where the app serves the basemap file. Its name says what it was made from (the
    geodata stamp and the choices above), so a file already written is served without
    loading the gazetteer (a hundred MB and more) into the server, and a browser's
    cached copy is never stale."""
    made_from = repr(
        (BASEMAP_FORMAT, BASEMAP_COUNTRIES, PLACE_LABEL_ZOOMS, sorted(CITY_REGIONS), _geodata_stamp())
    )
    name = f"basemap-{hashlib.sha256(made_from.encode('utf-8')).hexdigest()[:16]}.js"
    path = VENDOR_DIR / "basemap" / name
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        with replaced_file(path, "w") as out:
            out.write(basemap_script())
    return f"{STATIC_URL}/basemap/{name}"


BASEMAP_FORMAT = 1  # raise when what basemap_script writes changes


def _geodata_stamp() -> str:
    try:
        from geodata import basemap as geo_basemap
        from geodata.shapes import SHAPES_FILE

        return f"{geo_basemap.basemap_stamp()}|{SHAPES_FILE.stat().st_size}|{WEST_TOLERANCE},{EAST_TOLERANCE}"
    except (GeodataError, OSError):
        return "no geodata"


class ServedOutlines(JSCSSMixin, MapElement):
    """The country outlines of the served basemap file (which the page loads first)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var data = window.incidentBasemap;
            if (!data || !data.outlines) return;
            L.geoJSON(data.outlines, {interactive: false, style: {{ this.style_json }}})
                .addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, url: str, *, fill: float):
        super().__init__()
        self._name = "ServedOutlines"
        self.default_js = [("incident-basemap", url)]  # per instance: see dashboard.map.build
        self.style_json = script_json({**OUTLINE_STYLE, "fillOpacity": fill})


# Outlines of the theatre and its neighbours only: the whole world would be ~4 MB.
BASEMAP_COUNTRIES = (
    "UA",
    "RU",
    "BY",
    "MD",
    "PL",
    "RO",
    "SK",
    "HU",
    "BG",
    "LT",
    "LV",
    "EE",
    "FI",
    "GE",
    "AZ",
    "AM",
    "KZ",
    "TR",
)
# Regional centres first, then towns, then smaller towns as you zoom in.
PLACE_LABEL_ZOOMS = ((1_000_000, 5), (300_000, 6), (100_000, 7), (50_000, 8), (20_000, 9), (5_000, 10))


def place_min_zoom(population: int) -> int:
    """The zoom from which a place's name is written: big cities first."""
    return next((zoom for floor, zoom in PLACE_LABEL_ZOOMS if population >= floor), 99)


@functools.cache
def _basemap_data():
    """(outlines as GeoJSON, labels for dashboard.map.labels); cached: the base map is
    rebuilt on every rerun."""
    try:
        from geodata import basemap as geo_basemap

        outlines = geo_basemap.country_outlines(BASEMAP_COUNTRIES)
        regions = geo_basemap.region_label_points()
        places = geo_basemap.major_places(PLACE_LABEL_ZOOMS[-1][0])
    except GeodataError:  # no basemap data installed: points on a plain background
        return None, None
    # A city region (Kyiv, Moscow...) is named by its city's label, in the place style.
    labels = [
        _label(f, "region", 6, 0)
        for f in regions.get("features", [])
        if (f["properties"]["country"], f["properties"]["code"]) not in CITY_REGIONS
    ] + [
        _label(f, "place", place_min_zoom(f["properties"]["population"]), f["properties"]["population"])
        for f in places.get("features", [])
    ]
    return outlines, labels


def _label(feature: dict, kind: str, min_zoom: int, rank: int) -> dict:
    lon, lat = feature["geometry"]["coordinates"]
    name = feature["properties"]["name"]
    return {
        "name": name,
        "lat": round(lat, 3),
        "lon": round(lon, 3),
        "kind": kind,
        "min_zoom": min_zoom,
        "rank": rank,
    }
