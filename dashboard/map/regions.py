"""Region boundaries on the base map, and the region choropleth over them.

The outlines travel once, with the base map (which does not change with the filters);
the choropleth layer, rebuilt on every filter change, sends only the figures per region
and colours the outlines the base map put in the page (`window.incidentRegionShapes`).
A click on a coloured region reaches Streamlit as streamlit-folium's
`last_active_drawing`, a GeoJSON feature whose `region` property names it
(dashboard.views.map_view turns it into the region filter).
"""

import functools

from jinja2 import Template

from dashboard.map.elements import MapElement, _DataElement, _layer_script, script_json
from geodata import GeodataError

# Drawing tolerance: ~700 m where the strikes are (Ukraine, European Russia), coarser
# beyond the Urals, so the outlines cost the page under 1 MB.
WEST_TOLERANCE = 0.007
EAST_TOLERANCE = 0.05
EAST_OF = 55.0
# Light to dark: ColorBrewer "OrRd" (5 classes), readable under the markers.
CLASS_COLOURS = ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000")
BOUNDARY_COLOUR = "#7d8a94"


@functools.cache
def region_outlines() -> dict | None:
    """Region polygons simplified for drawing (properties: admin1, country); None when
    geodata has none."""
    try:
        import shapely
        from shapely.geometry import mapping, shape

        from geodata.shapes import region_shapes

        features = region_shapes()["features"]
    except GeodataError:
        return None
    geometries = [shape(f["geometry"]) for f in features]
    west = [i for i, g in enumerate(geometries) if g.centroid.x < EAST_OF]
    east = [i for i, g in enumerate(geometries) if g.centroid.x >= EAST_OF]
    simplified = {}
    for group, tolerance in ((west, WEST_TOLERANCE), (east, EAST_TOLERANCE)):
        # Together, so neighbours keep one shared border.
        drawn = shapely.coverage_simplify([geometries[i] for i in group], tolerance)
        for i, geometry in zip(group, drawn, strict=True):
            simplified[i] = shapely.set_precision(geometry, 1e-3)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"admin1": f["properties"]["admin1"], "country": f["properties"]["country"]},
                "geometry": mapping(simplified[i]),
            }
            for i, f in enumerate(features)
        ],
    }


class RegionBoundaries(MapElement):
    """Region outlines at every zoom, under the data, never catching a click."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var shapes = {{ this.shapes_json }};
            if (!shapes) return;
            window.incidentRegionShapes = shapes;
            if (!map.getPane("regionLines")) {
                map.createPane("regionLines");
                map.getPane("regionLines").style.zIndex = 405;  // over the land fill, under markers
                map.getPane("regionLines").style.pointerEvents = "none";
            }
            L.geoJSON(shapes, {
                pane: "regionLines", interactive: false,
                style: {color: {{ this.colour_json }}, weight: 0.8, opacity: 0.9, fill: false,
                        className: "region-boundary"}
            }).addTo(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, shapes: dict | None = None, *, source: str | None = None):
        """`shapes` (GeoJSON), or `source`: a script expression that holds them (the
        served basemap's, `dashboard.map.background.add_offline_basemap`)."""
        super().__init__()
        self._name = "RegionBoundaries"
        self.shapes_json = source if source is not None else script_json(shapes)
        self.colour_json = script_json(BOUNDARY_COLOUR)


def class_breaks(top: float) -> list[int]:
    """Lower bounds of up to five classes of whole numbers reaching `top`, from a 1-2-5
    series (1, 2, 5, 10, 20, ...: it reads at a glance); the last class is open-ended."""
    series, step = [], 1
    while step <= max(top, 1):
        series += [v * step for v in (1, 2, 5) if v * step <= max(top, 1)]
        step *= 10
    if len(series) > len(CLASS_COLOURS):
        last = len(series) - 1
        picks = [round(i * last / (len(CLASS_COLOURS) - 1)) for i in range(len(CLASS_COLOURS))]
        series = [series[i] for i in dict.fromkeys(picks)]
    return series


def class_colours(breaks: list[int]) -> list[str]:
    """The palette's darkest classes when there are fewer than five: a single class
    must not be the palest, which hardly shows on the land."""
    return list(CLASS_COLOURS[len(CLASS_COLOURS) - max(1, len(breaks)) :])


def class_of(value: float, breaks: list[int]) -> int:
    return max(i for i, low in enumerate(breaks) if value >= low)


def class_labels(breaks: list[int]) -> list[str]:
    labels = []
    for i, low in enumerate(breaks):
        high = breaks[i + 1] - 1 if i + 1 < len(breaks) else None
        labels.append(f"{low:,}+" if high is None else (f"{low:,}" if high == low else f"{low:,}–{high:,}"))
    return labels


def choropleth_rows(regions: list[dict]) -> tuple[list[list], list[int]]:
    """`[admin1, incidents, killed + injured or null, households or null, class]` per
    region with incidents (`MapData.regions`), and the class breaks (incidents per region)."""
    known = [row for row in regions if row.get("admin1") and row["admin1"] != "Unknown region"]
    if not known:
        return [], []
    breaks = class_breaks(float(max(row["incidents"] for row in known)))
    rows = [
        [
            row["admin1"],
            int(row["incidents"]),
            row["casualties"],
            row["households_without_power"],
            class_of(int(row["incidents"]), breaks),
        ]
        for row in known
    ]
    return rows, breaks


class RegionChoropleth(_DataElement):
    """Regions filled by their incident count over the base map's outlines; a tooltip
    gives incidents, killed + injured and households without power."""

    _template = _layer_script(
        """
            var rows = {{ this.rows_json }};
            var colours = {{ this.colours_json }};
            var shapes = window.incidentRegionShapes;
            var byName = {};
            for (var i = 0; i < rows.length; i++) byName[rows[i][0]] = rows[i];
            function fmt(n) { return n === null ? "not reported" : n.toLocaleString("en"); }
            if (shapes) {
                var wanted = shapes.features.filter(function (f) { return byName[f.properties.admin1]; });
                L.geoJSON({type: "FeatureCollection", features: wanted}, {
                    style: function (f) {
                        var fill = colours[byName[f.properties.admin1][4]];
                        return {color: "#5b4636", weight: 1, fillColor: fill, fillOpacity: 0.5,
                                className: "region-choropleth"};
                    },
                    onEachFeature: function (f, shape) {
                        var r = byName[f.properties.admin1];
                        // What the dashboard reads from a click (streamlit-folium's
                        // last_active_drawing is this feature).
                        f.properties.region = r[0];
                        shape.bindTooltip(incidentTextTip(r[0] + ": " + fmt(r[1]) +
                            (r[1] === 1 ? " incident" : " incidents") + " \\u00b7 killed + injured " +
                            fmt(r[2]) + " \\u00b7 households without power " + fmt(r[3]) +
                            " (click to filter)"), {sticky: true});
                        shape.getElement && shape.on("add", function () {
                            var el = shape.getElement();
                            if (el) el.setAttribute("data-region", r[0]);
                        });
                    }
                }).addTo(layer);
            }
            """
    )

    def __init__(self, rows: list[list], breaks: list[int]):
        super().__init__("RegionChoropleth")
        self.rows_json = script_json(rows)
        self.colours_json = script_json(class_colours(breaks))


def legend_section(breaks: list[int]) -> str:
    colours = class_colours(breaks)
    swatches = "".join(
        f'<span class="legend-item"><span class="legend-swatch" style="background:{colours[i]}"></span>'
        f"{label}</span> "
        for i, label in enumerate(class_labels(breaks))
    )
    return f"<h4>Incidents per region</h4>{swatches or 'none'}"
