"""Map features as small folium elements: options checked in __init__, a template, no CDN.

Points are sent to the browser as one compact JSON array per layer and drawn by a
few lines of Leaflet, instead of one folium object (and one script block) per
point. Popups are plain HTML strings escaped on the server, so the map needs
neither jQuery nor any asset beyond Leaflet.
"""

import json

from branca.element import MacroElement
from jinja2 import Template


def script_json(value) -> str:
    """JSON safe to place inside a <script> element: no '</script>' or '<!--' can form."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class CirclePoints(MacroElement):
    """Circle markers added to the parent layer (a FeatureGroup) from one data array.

    Each point is `[lat, lon, radius_px, fill_colour, popup_html or null, tooltip_text]`;
    `class_name` lets tests and styles find the drawn SVG paths.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var layer = {{ this._parent.get_name() }};
            var points = {{ this.points_json }};
            var style = {{ this.style_json }};
            for (var i = 0; i < points.length; i++) {
                var p = points[i];
                var marker = L.circleMarker([p[0], p[1]], Object.assign({}, style, {
                    radius: p[2], fillColor: p[3]
                }));
                if (p[4]) { marker.bindPopup(p[4], {maxWidth: 340}); }
                if (p[5]) {
                    // textContent, not HTML: a tooltip never interprets record text.
                    var tip = document.createElement("span");
                    tip.textContent = p[5];
                    marker.bindTooltip(tip);
                }
                marker.addTo(layer);
            }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, points: list[list], *, class_name: str, stroke: str = "#ffffff",
                 weight: float = 1.5, fill_opacity: float = 0.85):
        super().__init__()
        self._name = "CirclePoints"
        for point in points:
            if len(point) != 6:
                raise ValueError(f"a point needs 6 values (lat, lon, radius, fill, popup, tooltip): {point!r}")
        self.points_json = script_json(points)
        self.style_json = script_json(
            {"color": stroke, "weight": weight, "fill": True, "fillOpacity": fill_opacity,
             "className": class_name}
        )
