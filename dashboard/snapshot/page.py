"""The snapshot page: the map, its caption, legend, scale bar and attribution, in one file.

The same page is saved as the standalone HTML export and screenshotted for the PNG, so
both say the same thing. The map itself comes from one injected call (`build_map`),
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
from dashboard.map.elements import script_json
from dashboard.snapshot.caption import Caption, caption_html, describe
from dashboard.snapshot.errors import SnapshotError
from dashboard.snapshot.inline import inline_assets
from incidents.rules.filters import IncidentFilter

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
    shown: list[dict]


def default_map(records: list[dict], *, over_tiles: bool = False) -> folium.Map:
    """The dashboard's map of the records: layers, legend, level of detail, offline basemap.

    Online tiles are not asked of the map builder: the page adds them itself, so that it
    can tell when they fail and say so; `over_tiles` only leaves the land unfilled.
    """
    return mapview.build_map(records, over_tiles=over_tiles)


def map_with_layers(layers: tuple[str, ...] | list[str]) -> Callable[[list[dict]], folium.Map]:
    """A map builder drawing these layers of the dashboard's map (names as in the URL)."""
    unknown = [name for name in layers if name not in mapview.LAYERS]
    if unknown or not layers:
        raise SnapshotError(
            f"layers {', '.join(unknown) or '(none)'}: choose from {', '.join(mapview.LAYERS)}"
        )
    return lambda records, *, over_tiles=False: mapview.build_map(
        records, layers=tuple(layers), over_tiles=over_tiles
    )


def snapshot_page(
    records: list[dict],
    record_filter: IncidentFilter | None = None,
    *,
    title: str | None = None,
    build_map: Callable[[list[dict]], folium.Map] = default_map,
    view: View | None = None,
    tiles: str | TileSource | None = None,
    tile_timeout_s: float = 5.0,
    interactive: bool = True,
    now: dt.datetime | None = None,
    data_version: str | None = None,
) -> SnapshotPage:
    """The self-contained page for `records` (all stored records) filtered by `record_filter`.

    `build_map` draws the map with its legend; `interactive=False` hides the zoom and
    layer buttons (for the PNG, where the legend says which layers are shown).
    """
    record_filter = record_filter or IncidentFilter()
    tiles = tile_source(tiles)
    shown = record_filter.apply(records)
    caption = describe(
        records, shown, record_filter, title=title or DEFAULT_TITLE, now=now, version=data_version
    )
    fmap = build_map(shown, over_tiles=tiles is not None)
    if not interactive:
        # A picture needs no per-shape DOM: canvas draws the outlines and circles faster.
        fmap.options["prefer_canvas"] = True
    if not _has_layer_control(fmap):
        folium.LayerControl(collapsed=not interactive).add_to(fmap)
    located = [
        (r["latitude"], r["longitude"])
        for r in shown
        if r.get("latitude") is not None and r.get("longitude") is not None
    ]
    config = {
        "mapName": fmap.get_name(),
        "captionHtml": caption_html(caption),
        # Credits for the map itself; the data's sources and version are in the caption.
        "attribution": [html.escape(getattr(basemap, "OFFLINE_ATTRIBUTION", ""))],
        "view": dataclasses.asdict(view) if view else None,
        "bounds": _bounds(located),
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
    return SnapshotPage(page, caption, shown)


def tile_source(tiles: str | TileSource | None) -> TileSource | None:
    """The online tiles asked for: None for "offline", a TileSource for a known name."""
    if tiles is None or tiles == "offline" or isinstance(tiles, TileSource):
        return tiles if isinstance(tiles, TileSource) else None
    if tiles not in TILE_SOURCES:
        raise SnapshotError(f"tiles {tiles!r} are unknown; use offline or {', '.join(TILE_SOURCES)}")
    return TILE_SOURCES[tiles]


def _bounds(points: list[tuple[float, float]]) -> list[list[float]] | None:
    if not points:
        return None
    lats, lons = zip(*points, strict=True)
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


# The map fills the page whatever height the builder gave it: the page is the viewport.
_CSS = """
html, body { margin: 0; height: 100%; }
.folium-map { position: absolute !important; inset: 0;
  width: 100% !important; height: 100% !important; }
.snapshot-caption { background: rgba(255,255,255,0.93); padding: 8px 12px;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.35); font: 13px/1.35 sans-serif;
  color: #212121; max-width: 420px; }
.snapshot-title { font-size: 19px; margin: 0 0 4px; }
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

    function panel(position, className, fill) {
        var Panel = L.Control.extend({options: {position: position}, onAdd: function () {
            var div = L.DomUtil.create("div", className);
            fill(div);
            // Reading the caption must not pan or zoom the map underneath.
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        }});
        return new Panel().addTo(map);
    }
    // captionHtml was escaped on the server.
    var caption = panel("topleft", "snapshot-caption", function (div) {
        div.innerHTML = cfg.captionHtml;
    });
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
        // Keep the incidents clear of the caption (top left) and of the legend (bottom
        // right): beside them when the map is wide, above and below them when it is tall.
        var size = map.getSize(), wide = size.x >= size.y;
        var box = caption.getContainer(), legend = cornerSize(".leaflet-bottom.leaflet-right");
        var topLeft = wide ? [box.offsetWidth + 40, 40] : [40, box.offsetHeight + 40];
        var bottomRight = wide ? [legend.x + 40, 50] : [40, legend.y + 50];
        map.fitBounds(cfg.bounds, {paddingTopLeft: topLeft, paddingBottomRight: bottomRight,
                                   maxZoom: cfg.maxZoom, animate: false});
    } else {
        map.setView([cfg.defaultView[0], cfg.defaultView[1]], cfg.defaultView[2], {animate: false});
    }

    function drawn() {
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
