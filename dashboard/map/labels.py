"""Map labels placed without collisions: basemap names and the names of struck places.

One placer per page (`LabelPlacer`, with the base map) holds every label set: the
basemap's region and settlement names (shown from a zoom by size) and the struck places
the incidents layer registers. After each move, zoom or redraw it places them greedily
by rank (struck places, then regions, then settlements by population), trying four
spots around a point, and drops a label that would overlap a placed label or any data
symbol on the map (incident symbols, groups, casualty and outage circles). So labels
never collide and step aside for markers, in the dashboard and in snapshots alike.
Names are data: written with textContent, never as markup.
"""

from jinja2 import Template

from dashboard.map.elements import MapElement, script_json

# What a label must keep clear of: every data symbol the layers draw.
# The cells' circles are on a canvas, whose painter tells their boxes (GridCells).
OBSTACLES = ".incident-marker, .incident-cluster, path.casualty-circle, path.outage-circle"
# Rank order: a struck place's name first, then regions, then settlements.
RANKS = {"struck": 0, "region": 1, "place": 2}

_SCRIPT = """
(function () {
    var map = {{ this._parent.get_name() }};
    var obstacles = {{ this.obstacles_json }};
    var ranks = {{ this.ranks_json }};
    if (!map.getPane("mapLabels")) {
        map.createPane("mapLabels");
        map.getPane("mapLabels").style.zIndex = 450;
        map.getPane("mapLabels").style.pointerEvents = "none";
    }
    var group = L.layerGroup().addTo(map);
    var ruler = document.createElement("canvas").getContext("2d");
    var sets = {}, pending = null;
    var fonts = {struck: "bold 12px sans-serif", region: "italic 11px sans-serif", place: "11px sans-serif"};

    function width(text, kind) {
        ruler.font = fonts[kind];
        return Math.ceil(ruler.measureText(text).width) + 4;
    }
    function overlaps(a, b) { return a.x1 > b.x0 && a.x0 < b.x1 && a.y1 > b.y0 && a.y0 < b.y1; }
    function clear(box, taken) {
        for (var i = 0; i < taken.length; i++) if (overlaps(box, taken[i])) return false;
        return true;
    }
    function obstacleBoxes() {
        var origin = map.getContainer().getBoundingClientRect(), boxes = [];
        Array.prototype.forEach.call(map.getContainer().querySelectorAll(obstacles), function (el) {
            var r = el.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) return;
            boxes.push({x0: r.left - origin.left - 1, y0: r.top - origin.top - 1,
                        x1: r.right - origin.left + 1, y1: r.bottom - origin.top + 1});
        });
        return window.incidentCellBoxes ? boxes.concat(window.incidentCellBoxes(map)) : boxes;
    }
    function place() {
        pending = null;
        group.clearLayers();
        var zoom = map.getZoom(), size = map.getSize(), labels = [];
        Object.keys(sets).forEach(function (name) {
            sets[name].forEach(function (l) { if (zoom >= (l.min_zoom || 0)) labels.push(l); });
        });
        labels.sort(function (a, b) {
            return (ranks[a.kind] - ranks[b.kind]) || ((b.rank || 0) - (a.rank || 0));
        });
        var taken = obstacleBoxes(), blocked = taken.length;
        var seen = {};
        labels.forEach(function (l) {
            // A struck place is named once, as struck, not again as a settlement.
            var key = (l.kind === "region" ? "region|" : "point|") + l.name;
            if (seen[key]) return;
            var p = map.latLngToContainerPoint([l.lat, l.lon]);
            if (p.x < -50 || p.y < -20 || p.x > size.x + 50 || p.y > size.y + 20) return;
            var w = width(l.name, l.kind), h = l.kind === "struck" ? 16 : 14;
            // Around the place's own symbols (marker, circles), not under them.
            var own = {x0: p.x - 3, y0: p.y - 3, x1: p.x + 3, y1: p.y + 3};
            for (var o = 0; o < blocked; o++) {
                var t = taken[o];
                if (p.x >= t.x0 && p.x <= t.x1 && p.y >= t.y0 && p.y <= t.y1) {
                    own = {x0: Math.min(own.x0, t.x0), y0: Math.min(own.y0, t.y0),
                           x1: Math.max(own.x1, t.x1), y1: Math.max(own.y1, t.y1)};
                }
            }
            var dx0 = own.x0 - p.x - 2, dx1 = own.x1 - p.x + 2;
            var dy0 = own.y0 - p.y - 2, dy1 = own.y1 - p.y + 2;
            var spots = l.kind === "region" ? [[-w / 2, -h / 2]] :
                [[dx1, -h / 2], [dx0 - w, -h / 2], [-w / 2, dy0 - h], [-w / 2, dy1]];
            for (var s = 0; s < spots.length; s++) {
                var box = {x0: p.x + spots[s][0], y0: p.y + spots[s][1]};
                box.x1 = box.x0 + w; box.y1 = box.y0 + h;
                if (box.x0 < 2 || box.y0 < 2 || box.x1 > size.x - 2 || box.y1 > size.y - 2) continue;
                if (!clear(box, taken)) continue;
                taken.push(box);
                seen[key] = true;
                var marker = L.marker([l.lat, l.lon], {
                    icon: L.divIcon({className: "map-label map-label-" + l.kind, html: "",
                                     iconSize: [w, h], iconAnchor: [-spots[s][0], -spots[s][1]]}),
                    interactive: false, keyboard: false, pane: "mapLabels"
                });
                marker.on("add", function () { marker.getElement().textContent = l.name; });
                group.addLayer(marker);
                return;
            }
        });
        window.incidentLabelsPlaced = (window.incidentLabelsPlaced || 0) + 1;
    }
    function schedule() { if (!pending) pending = setTimeout(place, 30); }
    window.incidentLabels = {
        set: function (name, labels) { sets[name] = labels; schedule(); },
        drop: function (name) { delete sets[name]; schedule(); },
        schedule: schedule,
        placeNow: place
    };
    map.on("zoomend moveend resize overlayadd overlayremove", schedule);
    window.incidentLabels.set("basemap", {{ this.labels_json }});
})();
"""


class LabelPlacer(MapElement):
    """The page's label placer, with the basemap's names: `labels` are
    `{name, lat, lon, kind: region|place, min_zoom, rank}` (higher rank first)."""

    _template = Template("{% macro script(this, kwargs) %}" + _SCRIPT + "{% endmacro %}")

    def __init__(self, labels: list[dict], *, source: str | None = None):
        """`source`: instead of `labels`, a script expression that holds them (the
        served basemap's, `dashboard.map.background.add_offline_basemap`)."""
        super().__init__()
        self._name = "LabelPlacer"
        for label in labels:
            if label.get("kind") not in ("region", "place") or "min_zoom" not in label:
                raise ValueError(f"a label needs kind region|place and min_zoom: {label!r}")
        self.labels_json = source if source is not None else script_json(labels)
        self.obstacles_json = script_json(OBSTACLES)
        self.ranks_json = script_json(RANKS)


def struck_labels(records: list[dict]) -> list[dict]:
    """One label per struck place (`place` of the records), at its first record's point."""
    labels, seen = [], set()
    for record in records:
        name = record.get("place")
        if not isinstance(name, str) or not name.strip() or name in seen:
            continue
        seen.add(name)
        labels.append(
            {
                "name": name,
                "lat": round(float(record["latitude"]), 4),
                "lon": round(float(record["longitude"]), 4),
                "kind": "struck",
                "min_zoom": 0,
            }
        )
    return labels
