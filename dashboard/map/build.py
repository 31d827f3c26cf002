"""The folium map: an offline base map and the data layers drawn on it.

`base_map()` is stable across reruns (streamlit-folium remounts the map when its
script changes); `layer_groups()` carries everything that depends on the filtered
data; `build_map()` puts both together for a standalone page or a snapshot.
Every asset comes from the app's static files (dashboard.map.assets), set per map
instance: class-level lists would persist across Streamlit reruns.
"""

import math
import threading
from collections import OrderedDict
from collections.abc import Callable

import folium
import pandas as pd
from folium.plugins import HeatMap

from dashboard.map import aggregate as mapdata
from dashboard.map import style as mapstyle
from dashboard.map.assets import HEAT_JS, LEAFLET_CSS, LEAFLET_JS
from dashboard.map.background import add_offline_basemap, add_online_tiles
from dashboard.map.clusters import ShapePoints
from dashboard.map.elements import (
    CellLevels,
    CirclePoints,
    DrawnSignal,
    GridCells,
    Legend,
    ScaleBar,
    Verbatim,
)
from dashboard.map.labels import struck_labels
from dashboard.map.popups import casualty_text, incident_popup_html
from dashboard.map.regions import RegionChoropleth, choropleth_rows
from incidents.rules.model import COUNT_FIELDS

LAYERS = ("incidents", "casualties", "outages", "regions", "heat")
DEFAULT_LAYERS = ("incidents", "casualties", "outages")
LAYER_TITLES = {
    "incidents": "Incidents",
    "casualties": "Casualties",
    "outages": "Power outages",
    "regions": "Regions (incidents per region)",
    "heat": "Density (heat)",
}
DEFAULT_CENTRE = (49.0, 34.0)
Revised = Callable[[list[str]], dict[str, str]]
DEFAULT_ZOOM = 5
MIN_ZOOM, MAX_ZOOM = 3, 18
FIT_MAX_ZOOM = 9  # fitting to a few close points must not zoom into one street


def base_map(
    *, tiles: str | None = None, over_tiles: bool = False, height: int = 600, served: bool = False
) -> folium.Map:
    """The map without data: offline basemap, optional online tiles, scale bar, styles.

    `over_tiles` leaves the basemap's land unfilled for tiles that someone else adds;
    `served`: the basemap's outlines and names come from a file the app serves (the
    dashboard's map), not inline (a standalone page).
    """
    fmap = folium.Map(
        location=DEFAULT_CENTRE,
        zoom_start=DEFAULT_ZOOM,
        tiles=None,
        max_zoom=MAX_ZOOM,
        min_zoom=MIN_ZOOM,
        height=height,
        control_scale=False,  # ours: metric only (see ScaleBar)
    )
    ScaleBar().add_to(fmap)
    fmap.default_js = list(LEAFLET_JS)
    fmap.default_css = list(LEAFLET_CSS)
    fmap.get_root().header.add_child(Verbatim(f"<style>{mapstyle.CSS}</style>"))
    if tiles:
        add_online_tiles(fmap, tiles)
    add_offline_basemap(fmap, over_tiles=over_tiles or bool(tiles), served=served)
    return fmap


def as_frame(records) -> pd.DataFrame:
    """Records as a frame with the columns the map reads (list of dicts or a frame)."""
    frame = records if isinstance(records, pd.DataFrame) else pd.DataFrame.from_records(list(records))
    for column in ("latitude", "longitude", *COUNT_FIELDS):
        if column not in frame:
            frame = frame.assign(**{column: None})
    return frame


def layer_groups(
    records, *, layers=DEFAULT_LAYERS, revised: Revised | None = None
) -> list[folium.FeatureGroup]:
    """One FeatureGroup per requested layer, in drawing order, then the legend.

    `records`: a list or frame of records, or the `MapData` the store answered with.

    `revised` (ids -> {id: latest change in words}) is asked once, for the incidents
    drawn one by one: their popups say what an import changed."""
    unknown = set(layers) - set(LAYERS)
    if unknown:
        raise ValueError(f"unknown map layer(s) {sorted(unknown)}; choose from {', '.join(LAYERS)}")
    data = records if isinstance(records, mapdata.MapData) else mapdata.map_data(as_frame(records))
    cells = None if data.detailed else _SharedCells(cell_levels(data))
    # The points as rows once for the three point layers (each of them reading the frame
    # row by row was most of a Play step's work at a million incidents).
    rows = data.points.to_dict("records") if data.detailed else []
    builders = {
        "heat": _heat_layer,
        "regions": _regions_layer,
        "outages": lambda d: _outages_layer(d, cells, rows),
        "casualties": lambda d: _casualties_layer(d, cells, rows),
        "incidents": lambda d: _incidents_layer(d, revised, cells, rows),
    }
    groups, legend_parts = [], []
    # Outage rings go over the casualty discs: both often mark the same strike.
    for name in ("heat", "regions", "casualties", "outages", "incidents"):
        if name in layers:
            group, legend = builders[name](data)
            groups.append(group)
            legend_parts.append(legend)
    legend_group = folium.FeatureGroup(name="Legend", control=True)
    Legend(mapstyle.legend_html(legend_parts, detailed=data.detailed, total=data.located)).add_to(
        legend_group
    )
    groups.append(legend_group)
    return groups


def build_map(
    records,
    *,
    layers=DEFAULT_LAYERS,
    tiles: str | None = None,
    over_tiles: bool = False,
    height: int = 600,
    revised: Revised | None = None,
) -> folium.Map:
    """A complete map (base, layers, layer control), fitted to the data."""
    fmap = base_map(tiles=tiles, over_tiles=over_tiles, height=height)
    for group in layer_groups(records, layers=layers, revised=revised):
        group.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    if isinstance(records, mapdata.MapData):  # its points, or its cells' points
        bounds = data_bounds(records.points if records.detailed else records.cells)
    else:
        bounds = data_bounds(as_frame(records))
    if bounds:
        fmap.fit_bounds(bounds, padding=(30, 30), max_zoom=FIT_MAX_ZOOM)
    return fmap


def region_bounds(regions) -> list[tuple[float, float]] | None:
    """[(south, west), (north, east)] around the named regions' polygons (admin1 names,
    as the Region filter holds them); None when none of them has a polygon."""
    from geodata.shapes import region_shapes

    wanted = set(regions)
    lats, lons = [], []

    def walk(coordinates):
        if coordinates and isinstance(coordinates[0], (int, float)):
            lons.append(coordinates[0])
            lats.append(coordinates[1])
        else:
            for inner in coordinates:
                walk(inner)

    for feature in region_shapes()["features"]:
        if feature["properties"].get("admin1") in wanted:
            walk(feature["geometry"]["coordinates"])
    if not lats:
        return None
    return [(min(lats), min(lons)), (max(lats), max(lons))]


def view_for_bounds(bounds, *, width: int, height: int, padding: int = 30) -> tuple[float, float, int]:
    """(lat, lon, zoom) that shows `bounds` in a map of this many pixels, as Leaflet's
    fitBounds would: streamlit-folium moves a drawn map by centre and zoom only."""
    (south, west), (north, east) = bounds

    def mercator_y(lat: float) -> float:  # 0..1 down the world at zoom 0
        s = math.sin(math.radians(max(min(lat, 85.0511), -85.0511)))
        return 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)

    top, bottom = mercator_y(north), mercator_y(south)
    span_x, span_y = max((east - west) / 360, 1e-9), max(bottom - top, 1e-9)
    room_x, room_y = max(width - 2 * padding, 1), max(height - 2 * padding, 1)
    zoom = math.floor(min(math.log2(room_x / (256 * span_x)), math.log2(room_y / (256 * span_y))))
    zoom = min(max(zoom, MIN_ZOOM), FIT_MAX_ZOOM)
    middle_y = (top + bottom) / 2
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * middle_y))))
    return lat, (west + east) / 2, zoom


def data_bounds(frame: pd.DataFrame):
    data = mapdata.located(frame)
    if data.empty:
        return None
    return [
        (float(data["latitude"].min()), float(data["longitude"].min())),
        (float(data["latitude"].max()), float(data["longitude"].max())),
    ]


# -- layers -------------------------------------------------------------------------


def _group(name: str) -> folium.FeatureGroup:
    return folium.FeatureGroup(name=LAYER_TITLES[name])


# The pyramids of the last few maps drawn, by their cells: 8 sessions on one view, or
# Play coming back to a day, draw it once. A pyramid is at most a few MB of JSON.
RECENT_PYRAMIDS = 8
_pyramids: OrderedDict[str, CellLevels] = OrderedDict()
_pyramids_lock = threading.Lock()
_writing: dict[str, threading.Lock] = {}  # a lock per pyramid being written


def cell_levels(data: mapdata.MapData) -> CellLevels:
    """The grid pyramid of the map's cells, written once for cells seen lately: sessions
    that ask for the same one at once (8 people moving to the same day) wait for the
    first to write it."""
    key = data.cells_digest
    with _pyramids_lock:
        if key in _pyramids:
            _pyramids.move_to_end(key)
            return _pyramids[key]
        writing = _writing.setdefault(key, threading.Lock())
    with writing:
        with _pyramids_lock:
            if key in _pyramids:
                return _pyramids[key]
        levels = CellLevels.of(_levels(data))
        with _pyramids_lock:
            _pyramids[key] = levels
            _writing.pop(key, None)
            while len(_pyramids) > RECENT_PYRAMIDS:
                _pyramids.popitem(last=False)
    return levels


def _levels(data: mapdata.MapData) -> list[list]:
    """Grid pyramid rows `[lat, lon, count, killed, injured, households]` per level."""
    levels = []
    for level in mapdata.grid_pyramid(data.cells, data.cell_degrees):
        cells = level.cells.fillna(0)
        # Whole columns to Python at once; a point to POINT_DECIMALS, as the points layer.
        columns = [cells[name].round(mapdata.POINT_DECIMALS).tolist() for name in ("latitude", "longitude")]
        columns += [
            cells[name].astype("int64").tolist()
            for name in ("count", "killed", "injured", "households_without_power")
        ]
        levels.append([level.min_zoom, level.max_zoom, [list(row) for row in zip(*columns, strict=True)]])
    return levels


class _SharedCells:
    """The cell levels of one map: the first cell layer carries them to the browser,
    the others draw what it carried (see `GridCells`)."""

    def __init__(self, levels: CellLevels):
        self.levels = levels
        self._carried = False

    def layer(self, value: str, **style) -> GridCells:
        carried, self._carried = self._carried, True
        return GridCells(None if carried else self.levels, value=value, **style)


def _incidents_layer(data: mapdata.MapData, revised, cells: _SharedCells | None, located: list[dict]):
    group = _group("incidents")
    if data.detailed:
        frame = data.points
        changes = revised(frame["id"].tolist()) if revised and "id" in frame and len(frame) else {}
        points = [
            [
                round(float(row["latitude"]), mapdata.POINT_DECIMALS),
                round(float(row["longitude"]), mapdata.POINT_DECIMALS),
                mapstyle.symbol_classes(row.get("event_type"), row.get("attacker")),
                incident_popup_html(row, revised=changes.get(row.get("id"))),
                f"{row.get('place')} ({row.get('date')})",
            ]
            for row in located
        ]
        ShapePoints(points, labels=struck_labels(located)).add_to(group)
        return group, "incidents"
    cells.layer("incidents", class_name="incident-cell", fill=mapstyle.CELL_COLOUR).add_to(group)
    return group, "incident-cells"


def _casualties_layer(data: mapdata.MapData, cells: _SharedCells | None, located: list[dict]):
    group = _group("casualties")
    if not data.detailed:
        cells.layer("casualties", class_name="casualty-cell", fill=mapstyle.INJURED_COLOUR).add_to(group)
        return group, "casualty-cells"
    frame = data.points
    total = mapdata.casualties(frame)
    scale = mapdata.SizeScale.for_values(total)
    outer, inner = [], []
    for row, value in zip(located, total, strict=True):
        if pd.isna(value) or value <= 0:
            continue  # unknown or none: no circle, rather than a misleading dot
        lat, lon = round(float(row["latitude"]), 4), round(float(row["longitude"]), 4)
        tip = f"{row.get('place')}: {casualty_text(row)}"
        # Details live in the incident symbol's popup; sending them again here would
        # double the payload, so circles carry a tooltip with their figures.
        outer.append([lat, lon, scale.radius(value), mapstyle.INJURED_COLOUR, None, tip])
        killed = row.get("killed")
        if killed is not None and not pd.isna(killed) and killed > 0:
            inner.append([lat, lon, scale.radius(killed), mapstyle.KILLED_COLOUR, None, None])
    CirclePoints(outer, class_name="casualty-circle", fill_opacity=0.6).add_to(group)
    CirclePoints(inner, class_name="casualty-killed", fill_opacity=0.9, interactive=False).add_to(group)
    return group, ("casualties", scale)


def _outages_layer(data: mapdata.MapData, cells: _SharedCells | None, located: list[dict]):
    group = _group("outages")
    if not data.detailed:
        cells.layer(
            "households",
            class_name="outage-cell",
            fill=mapstyle.OUTAGE_COLOUR,
            stroke=mapstyle.OUTAGE_STROKE,
        ).add_to(group)
        return group, "outage-cells"
    frame = data.points
    households = frame["households_without_power"].astype("Float64")
    scale = mapdata.SizeScale.for_values(households, floor=1_000)
    points = [
        [
            round(float(row["latitude"]), 4),
            round(float(row["longitude"]), 4),
            scale.radius(value),
            mapstyle.OUTAGE_COLOUR,
            None,
            f"{row.get('place')}: {int(value):,} households without power",
        ]
        for row, value in zip(located, households, strict=True)
        if not pd.isna(value) and value > 0
    ]
    CirclePoints(
        points, class_name="outage-circle", stroke=mapstyle.OUTAGE_RING, weight=4, fill_opacity=0.2
    ).add_to(group)
    return group, ("outages", scale)


def _regions_layer(data: mapdata.MapData):
    group = _group("regions")
    rows, breaks = choropleth_rows(data.regions or [])
    RegionChoropleth(rows, breaks).add_to(group)
    return group, ("regions", breaks)


def _heat_layer(data: mapdata.MapData):
    group = _group("heat")
    points = mapdata.heat_points(data)
    if points:
        # Leaflet.heat dims points by 2^(max_zoom - zoom) below max_zoom: at the national
        # view, max_zoom=10 left nothing visible. Full strength at every zoom instead.
        heat = HeatMap(points, radius=18, blur=14, min_opacity=0.35, max_zoom=1)
        heat.default_js = list(HEAT_JS)
        heat.add_to(group)
    DrawnSignal().add_to(group)
    return group, "heat"
