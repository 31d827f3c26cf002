"""Map features as small folium elements: options checked in __init__, a template, no CDN.

Data reaches the browser as one compact JSON array per layer, drawn by a few lines
of Leaflet, instead of one folium object (and one script block) per point. Popup
HTML is escaped on the server; tooltips are built from text nodes in the browser.
Nothing here needs jQuery or any asset beyond Leaflet.

Record text is data, never template source. branca's MacroElement wraps what its
macros produce in a new `Element`, which compiles it as a Jinja template and renders
it again when the page is drawn: a place named `{{ ... }}` would run on the server.
Our elements (`MapElement`) put their output into the page as `Verbatim` text instead,
and `script_json` writes no template delimiter, so no second pass anywhere (branca's,
streamlit-folium's) can find one in the data.

Each element's script may run again in the same page (streamlit-folium replaces
layers on every rerun), so handlers are registered on the layer's add/remove.
"""

import dataclasses
import json
import re

from branca.element import Element, Figure, MacroElement
from jinja2 import Template

# JSON syntax never puts "{" before "{", "%" or "#", nor uses "$": each such character is
# inside a string, where its \u escape means the same to JavaScript and nothing to a
# template engine (Jinja's "{{", "{%", "{#"; "${" of JavaScript templates and others).
_TEMPLATE_OPENERS = re.compile(r"\{(?=[{%#])|\$")


def script_json(value) -> str:
    """JSON safe inside a <script> element: no '</script>' or '<!--' can form, and no
    template delimiter either (see _TEMPLATE_OPENERS)."""
    text = (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return _TEMPLATE_OPENERS.sub(lambda m: "\\u007b" if m.group() == "{" else "\\u0024", text)


class Verbatim(Element):
    """Text that goes into the page as it is: never compiled or rendered as a template."""

    def __init__(self, text: str):
        super().__init__()
        self._name = "Verbatim"
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class MapElement(MacroElement):
    """A MacroElement whose macros are rendered once, with the data as values.

    Same as branca's `MacroElement.render`, except that the output is added to the page
    as `Verbatim` text: branca would wrap it in `Element(output)`, compiling the data
    it carries as template source. It has no children to render: it draws its data alone.
    """

    def render(self, **kwargs):
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise ValueError(f"{self._name} cannot be rendered outside a folium map")
        macros = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = macros.get(part)
            if macro is not None:
                target.add_child(Verbatim(macro(self, kwargs)), name=self.get_name())

    def add_child(self, child, name=None, index=None):
        """Refused: an element draws its own data, and render() draws nothing else."""
        raise TypeError(f"{self._name} takes no child elements; add {child!r} to the map or a layer")


# Counts drawn layers in the page, so a browser (test, snapshot, benchmark) can wait on
# a condition instead of sleeping.
# The label placer (dashboard.map.labels) then places names clear of what was drawn.
_DRAWN = (
    "window.incidentLayersDrawn = (window.incidentLayersDrawn || 0) + 1;"
    " if (window.incidentLabels) window.incidentLabels.schedule();"
)

_TEXT_TIP = """
function incidentTextTip(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
}
"""


def _layer_script(body: str) -> Template:
    """The script of a data layer: `body` runs with `layer` (the parent layer) and
    `incidentTextTip` at hand, and the layer is counted as drawn after it."""
    return Template(
        "{% macro script(this, kwargs) %}\n(function () {\n"
        + _TEXT_TIP
        + "var layer = {{ this._parent.get_name() }};\n"
        + body
        + _DRAWN
        + "\n})();\n{% endmacro %}\n"
    )


class _DataElement(MapElement):
    def __init__(self, name: str):
        super().__init__()
        self._name = name


class CirclePoints(_DataElement):
    """Circle markers added to the parent layer from one data array.

    Each point is `[lat, lon, radius_px, fill_colour, popup_html or null, tooltip_text]`;
    `class_name` lets tests and styles find the drawn SVG paths.
    """

    _template = _layer_script(
        """
            var points = {{ this.points_json }};
            var style = {{ this.style_json }};
            for (var i = 0; i < points.length; i++) {
                var p = points[i];
                var marker = L.circleMarker([p[0], p[1]], Object.assign({}, style, {
                    radius: p[2], fillColor: p[3]
                }));
                if (p[4]) { marker.bindPopup(p[4], {maxWidth: 340}); }
                if (p[5]) { marker.bindTooltip(incidentTextTip(p[5])); }
                marker.addTo(layer);
            }
            """
    )

    def __init__(
        self,
        points: list[list],
        *,
        class_name: str,
        stroke: str = "#ffffff",
        weight: float = 1.5,
        fill_opacity: float = 0.85,
        interactive: bool = True,
    ):
        super().__init__("CirclePoints")
        for point in points:
            if len(point) != 6:
                raise ValueError(
                    f"a point needs 6 values (lat, lon, radius, fill, popup, tooltip): {point!r}"
                )
        self.points_json = script_json(points)
        self.style_json = script_json(
            {
                "color": stroke,
                "weight": weight,
                "fill": True,
                "fillOpacity": fill_opacity,
                "className": class_name,
                "interactive": interactive,
            }
        )


@dataclasses.dataclass(frozen=True)
class CellLevels:
    """The grid pyramid a map's cell layers draw (`GridCells`), checked and written as
    JSON once: the pyramid of a large map is most of the work of drawing it."""

    json: str

    @classmethod
    def of(cls, levels: list[list]) -> "CellLevels":
        """`levels`: `[[min_zoom, max_zoom, [[lat, lon, count, killed, injured,
        households], ...]], ...]`, coarsest first."""
        if not levels:
            raise ValueError("a cell layer needs at least one level")
        for level in levels:
            for row in level[2]:
                if len(row) != 6:
                    raise ValueError(
                        f"a cell needs 6 values (lat, lon, count, killed, injured, households): {row!r}"
                    )
        return cls(script_json(levels))


class GridCells(_DataElement):
    """Aggregated cells for large data: one zoom band at a time, swapped on zoom.

    `levels` (`CellLevels`) holds `[[min_zoom, max_zoom, [[lat, lon, count, killed,
    injured, households], ...]], ...]`, coarsest first; each cell layer draws one `value` of
    them ("incidents", "casualties" or "households"), its circle's area proportional to
    it within the level shown, and leaves out cells without it. The layers of one map
    share their cells: the first carries them (`levels`), the others pass None and
    draw the ones it carried. Tooltips carry numbers only.

    The cells are painted on one canvas per map, not as a Leaflet marker each: a map of
    12,000 cells in three layers made 36,000 markers with a tooltip each on every slider
    move, and building and collecting them was most of the browser's time; three
    canvases the size of the map were most of what was left. The layers stay separate
    for the layer control, and the map's painter (`incidentCellPainter(map)`) draws the
    ones on the map in the order they were added, finds the cell under the pointer
    (the top layer's first), and says what it drew: the canvas's `data-<class name>`
    attribute holds each layer's number of circles, and `incidentCellBoxes(map)` their
    boxes, which the label placer keeps clear of.
    """

    VALUES = ("incidents", "casualties", "households")

    _template = _layer_script(
        """
            var given = {{ this.levels_json }};
            if (given) window.incidentCellLevels = given;
            var levels = window.incidentCellLevels || [];
            var opts = {{ this.options_json }};
            if (!window.incidentCellPainter) {
                var fmt = function (n) { return Math.round(n).toLocaleString("en"); };
                var label = function (c) {
                    var parts = [fmt(c[2]) + (c[2] === 1 ? " incident" : " incidents")];
                    if (c[3] > 0) parts.push(fmt(c[3]) + " killed");
                    if (c[4] > 0) parts.push(fmt(c[4]) + " injured");
                    if (c[5] > 0) parts.push(fmt(c[5]) + " households without power");
                    return parts.join(" \\u00b7 ") + " (zoom in for detail)";
                };
                var Painter = function (map) {
                    this.map = map; this.layers = []; this.pending = false; this.tip = null;
                    var canvas = L.DomUtil.create("canvas", "leaflet-zoom-animated incident-cells");
                    this.canvas = canvas;
                    canvas.style.pointerEvents = "none";
                    // Over the basemap: Leaflet's stylesheet puts any canvas of a pane
                    // (100) under its SVG (200), where the land fill hid every cell on land.
                    canvas.style.zIndex = 300;
                    map.getPanes().overlayPane.appendChild(canvas);
                    map.on("moveend viewreset resize", this.draw, this);
                    if (map.options.zoomAnimation && L.Browser.any3d) map.on("zoomanim", this.animate, this);
                    // A tap (a phone) or the pointer over a circle shows that cell's figures.
                    map.on("mousemove click", this.hover, this);
                    map.on("mouseout zoomstart movestart", this.hideTip, this);
                };
                Painter.prototype = {
                    add: function (layer) { this.layers.push(layer); this.schedule(); },
                    remove: function (layer) {
                        var at = this.layers.indexOf(layer);
                        if (at >= 0) this.layers.splice(at, 1);
                        this.canvas.removeAttribute("data-" + layer.opts.className);
                        this.hideTip();
                        this.schedule();
                    },
                    // Once for the layers a script adds together (a rerun adds all three).
                    schedule: function () {
                        if (this.pending) return;
                        this.pending = true;
                        var self = this;
                        Promise.resolve().then(function () { self.pending = false; self.draw(); });
                    },
                    // The canvas covers the view and a tenth around it, as Leaflet's own
                    // renderers do, so a short drag shows circles until the move ends
                    // (each pixel more is more for the browser to put on the screen).
                    draw: function () {
                        var map = this.map, canvas = this.canvas;
                        var size = map.getSize(), margin = size.multiplyBy(0.1).round();
                        var origin = map.containerPointToLayerPoint(margin.multiplyBy(-1)).round();
                        var width = size.x + 2 * margin.x, height = size.y + 2 * margin.y;
                        var ratio = window.devicePixelRatio || 1;
                        this.origin = origin; this.zoom = map.getZoom();
                        L.DomUtil.setPosition(canvas, origin);
                        var pixelsX = Math.round(width * ratio), pixelsY = Math.round(height * ratio);
                        if (canvas.width !== pixelsX || canvas.height !== pixelsY) {
                            canvas.width = pixelsX; canvas.height = pixelsY;
                            canvas.style.width = width + "px"; canvas.style.height = height + "px";
                        }
                        var ctx = canvas.getContext("2d");
                        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
                        ctx.clearRect(0, 0, width, height);
                        for (var i = 0; i < this.layers.length; i++) {
                            var layer = this.layers[i];
                            var count = layer.paint(ctx, origin, width, height, this.zoom);
                            canvas.setAttribute("data-" + layer.opts.className, String(count));
                        }
                    },
                    animate: function (e) {
                        if (!this.origin) return;
                        var map = this.map, scale = map.getZoomScale(e.zoom, this.zoom);
                        var offset = map._latLngToNewLayerPoint(
                            map.layerPointToLatLng(this.origin), e.zoom, e.center);
                        L.DomUtil.setTransform(this.canvas, offset, scale);
                    },
                    cellAt: function (point) {
                        for (var i = this.layers.length - 1; i >= 0; i--) {
                            var drawn = this.layers[i].drawn;
                            for (var j = drawn.length - 1; j >= 0; j--) {
                                var d = drawn[j], dx = point.x - d[0], dy = point.y - d[1];
                                if (dx * dx + dy * dy <= d[2] * d[2]) return d;
                            }
                        }
                        return null;
                    },
                    hover: function (e) {
                        var found = this.cellAt(e.layerPoint), map = this.map;
                        if (!found) { this.hideTip(); return; }
                        if (this.tip && this.tip._cell === found[3]) return;
                        if (this.tip) map.closeTooltip(this.tip);
                        this.tip = L.tooltip({direction: "top", offset: [0, -found[2]]})
                            .setLatLng([found[3][0], found[3][1]])
                            .setContent(incidentTextTip(label(found[3])));
                        this.tip._cell = found[3];
                        map.openTooltip(this.tip);
                        map.getContainer().style.cursor = "pointer";
                    },
                    hideTip: function () {
                        if (this.tip) this.map.closeTooltip(this.tip);
                        this.tip = null;
                        this.map.getContainer().style.cursor = "";
                    },
                    boxes: function () {
                        var map = this.map, boxes = [];
                        this.layers.forEach(function (layer) {
                            layer.drawn.forEach(function (d) {
                                var p = map.layerPointToContainerPoint([d[0], d[1]]);
                                boxes.push({x0: p.x - d[2], y0: p.y - d[2], x1: p.x + d[2], y1: p.y + d[2]});
                            });
                        });
                        return boxes;
                    }
                };
                window.incidentCellPainter = function (map) {
                    return map._incidentCellPainter || (map._incidentCellPainter = new Painter(map));
                };
                window.incidentCellBoxes = function (map) {
                    return map._incidentCellPainter ? map._incidentCellPainter.boxes() : [];
                };
                window.IncidentCells = L.Layer.extend({
                    initialize: function (levels, opts) {
                        this.levels = levels; this.opts = opts; this.drawn = [];
                    },
                    onAdd: function (map) { window.incidentCellPainter(map).add(this); },
                    onRemove: function (map) {
                        this.drawn = [];
                        window.incidentCellPainter(map).remove(this);
                    },
                    level: function (zoom) {
                        var levels = this.levels;
                        for (var i = 0; i < levels.length; i++) {
                            if (zoom >= levels[i][0] && zoom <= levels[i][1]) return levels[i];
                        }
                        return zoom < levels[0][0] ? levels[0] : levels[levels.length - 1];
                    },
                    value: function (c) {
                        var what = this.opts.value;
                        if (what === "casualties") return c[3] + c[4];
                        return what === "households" ? c[5] : c[2];
                    },
                    // Paints the level of this zoom; returns how many cells have the value.
                    paint: function (ctx, origin, width, height, zoom) {
                        var map = this._map, opts = this.opts, count = 0, top = 1, i;
                        this.drawn = [];
                        if (!this.levels.length) return 0;
                        var rows = this.level(zoom)[2];
                        for (i = 0; i < rows.length; i++) top = Math.max(top, this.value(rows[i]));
                        ctx.fillStyle = opts.fill; ctx.strokeStyle = opts.stroke; ctx.lineWidth = 1;
                        for (i = 0; i < rows.length; i++) {
                            var c = rows[i], v = this.value(c);
                            if (!(v > 0)) continue;
                            count++;
                            var r = opts.minRadius + (opts.maxRadius - opts.minRadius) * Math.sqrt(v / top);
                            var p = map.latLngToLayerPoint([c[0], c[1]]);
                            var x = p.x - origin.x, y = p.y - origin.y;
                            if (x < -r || y < -r || x > width + r || y > height + r) continue;
                            this.drawn.push([p.x, p.y, r, c]);
                            ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
                            ctx.globalAlpha = 0.7; ctx.fill();
                            ctx.globalAlpha = 1; ctx.stroke();
                        }
                        return count;
                    }
                });
            }
            layer.addLayer(new window.IncidentCells(levels, opts));
            """
    )

    def __init__(
        self,
        levels: CellLevels | None,
        *,
        value: str,
        class_name: str,
        fill: str,
        stroke: str = "#ffffff",
        min_radius: float = 3.0,
        max_radius: float = 22.0,
    ):
        super().__init__("GridCells")
        if value not in self.VALUES:
            raise ValueError(f"a cell layer draws one of {', '.join(self.VALUES)}, not {value!r}")
        self.levels_json = levels.json if levels is not None else "null"
        self.options_json = script_json(
            {
                "value": value,
                "className": class_name,
                "fill": fill,
                "stroke": stroke,
                "minRadius": min_radius,
                "maxRadius": max_radius,
            }
        )


class Legend(MapElement):
    """A legend control; a rerun's legend replaces the previous one in the same page."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            while (map && !(map instanceof L.Map)) { map = map._map || null; }
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function (target) {
                var div = L.DomUtil.create("div", "incident-legend");
                // Collapsible; closed at first on a small screen, where it would hide the map.
                var open = target.getSize().x >= 600 && target.getSize().y >= 420;
                div.innerHTML = '<details class="incident-legend-box"' + (open ? " open" : "") +
                    '><summary>Legend</summary><div class="incident-legend-body">' +
                    {{ this.html_json }} + "</div></details>";
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            function show(target) {
                if (window.incidentLegend) window.incidentLegend.remove();
                window.incidentLegend = legend.addTo(target);
            }
            var host = {{ this._parent.get_name() }};
            if (host instanceof L.Map) { show(host); }
            else {
                host.on("add", function () { show(host._map); });
                host.on("remove", function () { legend.remove(); });
                if (host._map) show(host._map);
            }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        self.html_json = script_json(html)


class Attribution(MapElement):
    """A credit line added to the map's attribution control (plain text)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if ({{ this._parent.get_name() }}.attributionControl) {
            {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text_json }});
        }
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text_json = script_json(text.replace("<", "&lt;"))


class DrawnSignal(MapElement):
    """Counts a layer drawn by someone else's script (folium's heat map), like ours count."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        """
        + _DRAWN
        + """
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "DrawnSignal"


class ScaleBar(MapElement):
    """A metric scale bar. Leaflet's default also draws miles in a box sized for the
    text at Leaflet's own font: under a larger page font the text overflowed its box and
    read "100 m|" (the end of "mi" cut off by the box edge)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({imperial: false, maxWidth: 120}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "ScaleBar"
