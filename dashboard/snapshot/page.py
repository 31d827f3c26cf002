"""The snapshot page: the map, its caption, legend, scale bar and attribution, in one file.

The same page is saved as the standalone HTML export and screenshotted for the PNG, so
both say the same thing. What it shows is asked of the store (`dashboard.snapshot.answers`);
the map itself comes from one injected call (`build_map`, given the answers' `MapData`),
so the layered map of issue 5 can replace the default without touching this module.
The page sets `window.__snapshot.ready` once the map is drawn and the online tiles (if
any) have loaded or been given up: the PNG renderer waits on that condition.
"""

import dataclasses
import datetime as dt
import html
from collections.abc import Callable

import folium

from dashboard.map import background as basemap
from dashboard.map import build as mapview
from dashboard.map.aggregate import MapData
from dashboard.map.elements import script_json
from dashboard.snapshot.answers import Source, answers_of
from dashboard.snapshot.caption import Caption, caption_html, describe
from dashboard.snapshot.errors import SnapshotError
from dashboard.snapshot.inline import inline_assets
from incidents.rules.filters import IncidentFilter
from incidents.rules.precision import precision_note

DEFAULT_TITLE = "Strike incidents"
MAX_ZOOM = 9


@dataclasses.dataclass(frozen=True)
class TileSource:
    """Online tiles under the map; `attribution` is trusted HTML written here, not user text."""

    name: str
    url: str
    attribution: str


# The map's own online tile choices (dashboard.map.background), under readable names.
_TILE_NAMES = {"osm": "OpenStreetMap", "carto": "CARTO"}
TILE_SOURCES = {
    key: TileSource(_TILE_NAMES.get(key, key), url, attribution)
    for key, (url, attribution) in basemap.ONLINE_TILES.items()
}


@dataclasses.dataclass(frozen=True)
class View:
    """A fixed map view (the dashboard's current one); without it the page fits the incidents."""

    latitude: float
    longitude: float
    zoom: int

    def __post_init__(self):
        if not (-90 <= self.latitude <= 90 and -180 <= self.longitude <= 180):
            raise SnapshotError(f"view centre {self.latitude}, {self.longitude} is not on Earth")
        if not 0 <= self.zoom <= 18:
            raise SnapshotError(f"view zoom {self.zoom} must be between 0 and 18")


@dataclasses.dataclass(frozen=True)
class SnapshotPage:
    html: str
    caption: Caption
    data: MapData  # what the map drew, coarsened when asked


def default_map(data: MapData, *, over_tiles: bool = False) -> folium.Map:
    """The dashboard's map of the data: layers, legend, level of detail, offline basemap.

    Online tiles are not asked of the map builder: the page adds them itself, so that it
    can tell when they fail and say so; `over_tiles` only leaves the land unfilled.
    """
    return layered_map(data, mapview.DEFAULT_LAYERS, over_tiles=over_tiles)


def map_with_layers(layers: tuple[str, ...] | list[str]) -> Callable[[MapData], folium.Map]:
    """A map builder drawing these layers of the dashboard's map (names as in the URL)."""
    unknown = [name for name in layers if name not in mapview.LAYERS]
    if unknown or not layers:
        raise SnapshotError(
            f"layers {', '.join(unknown) or '(none)'}: choose from {', '.join(mapview.LAYERS)}"
        )
    return lambda data, *, over_tiles=False: layered_map(data, tuple(layers), over_tiles=over_tiles)


def layered_map(data: MapData, layers: tuple[str, ...], *, over_tiles: bool = False) -> folium.Map:
    """`mapview.build_map` of a MapData, less its fit to the data: the page fits the view
    itself, clear of the caption band (and build_map fits to records, not cells)."""
    fmap = mapview.base_map(over_tiles=over_tiles)
    for group in mapview.layer_groups(data, layers=layers):
        group.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    return fmap


def snapshot_page(
    source: Source,
    record_filter: IncidentFilter | None = None,
    *,
    title: str | None = None,
    subtitle: str = "",
    build_map: Callable[[MapData], folium.Map] = default_map,
    view: View | None = None,
    tiles: str | TileSource | None = None,
    tile_timeout_s: float = 5.0,
    interactive: bool = True,
    now: dt.datetime | None = None,
    data_version: str | None = None,
    precision: str | None = None,
) -> SnapshotPage:
    """The self-contained page of what `source` (a `Store`, asked; or records in memory,
    all of them "stored") holds under `record_filter`.

    `build_map` draws the map with its legend; `interactive=False` hides the zoom and
    layer buttons (for the PNG, where the legend says which layers are shown).
    """
    record_filter = record_filter or IncidentFilter()
    tiles = tile_source(tiles)
    # Coarsened in the answers, before anything is drawn or embedded: no finer point
    # reaches the page.
    answers = answers_of(source, record_filter, precision=precision)
    caption = describe(
        answers,
        record_filter,
        title=title or DEFAULT_TITLE,
        subtitle=subtitle,
        now=now,
        version=data_version,
        locations=precision_note(precision) if precision else "",
    )
    fmap = build_map(answers.map, over_tiles=tiles is not None)
    if not _has_layer_control(fmap):
        folium.LayerControl(collapsed=not interactive).add_to(fmap)
    config = {
        "mapName": fmap.get_name(),
        "captionHtml": caption_html(caption),
        # Credits for the map itself; the data's sources and version are in the caption.
        "attribution": [html.escape(getattr(basemap, "OFFLINE_ATTRIBUTION", ""))],
        "view": dataclasses.asdict(view) if view else None,
        "bounds": _bounds(answers.map),
        "defaultView": [*mapview.DEFAULT_CENTRE, mapview.DEFAULT_ZOOM],
        "maxZoom": MAX_ZOOM,
        "tiles": dataclasses.asdict(tiles) | {"timeoutMs": int(tile_timeout_s * 1000)} if tiles else None,
    }
    page = inline_assets(fmap.get_root().render())
    head_end, html_end = page.index("</head>"), page.rindex("</html>")
    page = (
        page[:head_end]
        + f"<title>{html.escape(caption.title)}</title>"
        + f"<style>{_CSS}{'' if interactive else _STATIC_CSS}</style>"
        + f"<script>{_NO_ANIMATION}</script>"
        + page[head_end:html_end]
        + f"<script>var SNAPSHOT_CONFIG = {script_json(config)};\n{_SCRIPT}</script>\n"
        + page[html_end:]
    )
    return SnapshotPage(page, caption, answers.map)


def tile_source(tiles: str | TileSource | None) -> TileSource | None:
    """The online tiles asked for: None for "offline", a TileSource for a known name."""
    if tiles is None or tiles == "offline" or isinstance(tiles, TileSource):
        return tiles if isinstance(tiles, TileSource) else None
    if tiles not in TILE_SOURCES:
        raise SnapshotError(f"tiles {tiles!r} are unknown; use offline or {', '.join(TILE_SOURCES)}")
    return TILE_SOURCES[tiles]


def _bounds(data: MapData) -> list[list[float]] | None:
    """Around what the map draws: its points, else its cells' (coarsened) points."""
    drawn = data.points if data.detailed else data.cells
    located = drawn[drawn["latitude"].notna() & drawn["longitude"].notna()] if len(drawn) else drawn
    if not len(located):
        return None
    lats, lons = located["latitude"].astype(float), located["longitude"].astype(float)
    return [[float(lats.min()), float(lons.min())], [float(lats.max()), float(lons.max())]]


# The map fills the page whatever height the builder gave it: the page is the viewport.
_CSS = """
html, body { margin: 0; height: 100%; background: #fff; }
/* The map fills the page but for a band (right when wide, bottom when tall) that holds
   the caption and the legend: they never cover the data. */
.folium-map { position: absolute !important; top: 0; left: 0; right: var(--band-right, 0);
  bottom: var(--band-bottom, 0); width: auto !important; height: auto !important; }
.snapshot-band { position: absolute; box-sizing: border-box; padding: 14px 16px; overflow: hidden;
  font: 13px/1.35 sans-serif; color: #212121; background: #fff; }
.snapshot-band.wide { top: 0; right: 0; bottom: 0; width: var(--band-right); border-left: 1px solid #cfd8dc; }
.snapshot-band.tall { left: 0; right: 0; bottom: 0; height: var(--band-bottom); border-top: 1px solid #cfd8dc;
  display: flex; gap: 16px; }
.snapshot-band.tall > * { flex: 1 1 50%; min-width: 0; }
.snapshot-band .incident-legend { box-shadow: none; padding: 0; max-width: none; max-height: none;
  overflow: visible; background: transparent; margin-top: 10px; font-size: 12px; }
.snapshot-band .incident-legend summary { display: none; }
.snapshot-caption { color: #212121; }
.snapshot-title { font-size: 21px; margin: 0 0 4px; line-height: 1.2; }
.snapshot-subtitle { font-size: 14px; margin: 0 0 6px; color: #37474f; }
.snapshot-caption p { margin: 2px 0; }
.snapshot-empty { font-weight: bold; color: #b71c1c; }
.snapshot-totals { border-collapse: collapse; margin: 4px 0; }
.snapshot-totals th { text-align: left; font-weight: normal; padding-right: 10px; }
.snapshot-totals td { font-weight: bold; white-space: nowrap; }
/* Long credits wrap at the right, clear of the scale bar at the bottom left. */
.leaflet-control-attribution { max-width: 60vw; }
.snapshot-provenance { font-size: 11px; color: #555; }
.snapshot-notes:empty { display: none; }
.snapshot-notes { color: #e65100; font-weight: bold; }
"""
# Runs after Leaflet loads, before the map is made. The builder's own fitBounds would
# otherwise start a zoom animation that lands after (and undoes) the snapshot's view.
_NO_ANIMATION = (
    "L.Map.mergeOptions({zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false});"
)
_STATIC_CSS = ".leaflet-control-zoom, .leaflet-control-layers { display: none; }"

_SCRIPT = """
(function () {
    var cfg = SNAPSHOT_CONFIG;
    var map = window[cfg.mapName];
    var state = window.__snapshot = {ready: false, notes: [], tiles: "offline", map: map};

    // The band beside (or below) the map: caption, then the legend moved out of the map.
    var size0 = {x: window.innerWidth, y: window.innerHeight}, wide = size0.x >= size0.y * 1.1;
    var band = document.createElement("aside");
    band.className = "snapshot-band " + (wide ? "wide" : "tall");
    var root = document.documentElement.style;
    var across = wide ? Math.min(380, Math.max(260, size0.x * 0.22))
                      : Math.min(size0.y * 0.42, Math.max(230, size0.y * 0.3));
    root.setProperty(wide ? "--band-right" : "--band-bottom", Math.round(across) + "px");
    var captionBox = document.createElement("div");
    captionBox.className = "snapshot-caption";
    captionBox.innerHTML = cfg.captionHtml;  // escaped on the server
    band.appendChild(captionBox);
    document.body.appendChild(band);
    var legendBox = map.getContainer().querySelector(".incident-legend");
    if (legendBox) {
        var details = legendBox.querySelector("details");
        if (details) details.open = true;
        (wide ? captionBox : band).appendChild(legendBox);
    }
    var caption = {getContainer: function () { return captionBox; }};
    if (!map.getContainer().querySelector(".leaflet-control-scale")) {
        L.control.scale().addTo(map);
    }
    if (map.attributionControl) {
        var credits = map.attributionControl.getContainer();
        cfg.attribution.forEach(function (text) {
            // The basemap may credit itself already; say everything once.
            if (text && credits.innerHTML.indexOf(text) < 0) {
                map.attributionControl.addAttribution(text);
            }
        });
    }

    function cornerSize(selector) {
        // The controls stacked in a corner, except the attribution line along the bottom.
        var corner = map.getContainer().querySelector(selector), x = 0, y = 0;
        Array.prototype.forEach.call(corner ? corner.children : [], function (control) {
            if (control.classList.contains("leaflet-control-attribution")) { return; }
            x = Math.max(x, control.offsetWidth);
            y += control.offsetHeight;
        });
        return {x: x, y: y};
    }

    function note(text) {
        state.notes.push(text);
        caption.getContainer().querySelector(".snapshot-notes").textContent = state.notes.join(" ");
    }

    map.invalidateSize({animate: false});
    if (cfg.view) {
        map.setView([cfg.view.latitude, cfg.view.longitude], cfg.view.zoom, {animate: false});
    } else if (cfg.bounds) {
        // Caption and legend are outside the map: only the map's own controls (zoom and
        // layers top left/right, scale bottom left) need room, and context around.
        var topRight = cornerSize(".leaflet-top.leaflet-right");
        var bottomLeft = cornerSize(".leaflet-bottom.leaflet-left");
        var farCorner = [Math.max(60, topRight.x + 20), Math.max(60, bottomLeft.y + 30)];
        map.fitBounds(cfg.bounds, {paddingTopLeft: [60, 60], paddingBottomRight: farCorner,
                                   maxZoom: cfg.maxZoom, animate: false});
    } else {
        map.setView([cfg.defaultView[0], cfg.defaultView[1]], cfg.defaultView[2], {animate: false});
    }

    function drawn() {
        // Names placed for this view and size, clear of the symbols (dashboard.map.labels).
        if (window.incidentLabels) window.incidentLabels.placeNow();
        // Two frames: the browser has laid out and painted what Leaflet added.
        requestAnimationFrame(function () { requestAnimationFrame(function () {
            state.ready = true;
            document.documentElement.setAttribute("data-snapshot-ready", "true");
        }); });
    }
    if (!cfg.tiles) { drawn(); return; }

    var layer = L.tileLayer(cfg.tiles.url, {attribution: cfg.tiles.attribution, maxZoom: 18});
    var loaded = 0, settled = false;
    function settle(ok) {
        if (settled) { return; }
        settled = true;
        if (ok) {
            state.tiles = cfg.tiles.name;
        } else {
            map.removeLayer(layer);
            note("Online tiles (" + cfg.tiles.name + ") could not be reached in time: "
                 + "offline basemap shown.");
        }
        drawn();
    }
    layer.on("tileload", function () { loaded += 1; });
    // Leaflet fires "load" once every visible tile has loaded or failed.
    layer.on("load", function () { settle(loaded > 0); });
    // A deadline, not a pause: unreachable tile servers can take minutes to fail.
    setTimeout(function () { settle(loaded > 0); }, cfg.tiles.timeoutMs);
    layer.addTo(map).bringToBack();
})();
"""


def _has_layer_control(fmap: folium.Map) -> bool:
    """Whether `build_map` added a layer control (read from branca's public tree of names)."""
    children = fmap.to_dict(depth=1)["children"].values()
    return any(child["name"] == "LayerControl" for child in children)
