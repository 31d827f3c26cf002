"""Incident symbols that share a place: one symbol with a count, opening into its members.

Symbols closer than `radius` pixels at the zoom shown are grouped (greedily, on a pixel
grid; regrouped after every zoom). A group is drawn as a disc with its count. A click on
it zooms in while its members are apart; when they share a place (or the map cannot zoom
further) it opens them around the spot ("spiderfied", legs back to the place), and each
member's popup pages through the group ("2 of 12"). Written here rather than vendored:
Leaflet.markercluster is not in any installed package, and the map loads nothing else.
"""

from jinja2 import Template

from dashboard.map.elements import _DataElement, _layer_script, script_json

_SCRIPT = """
    var points = {{ this.points_json }};
    var opts = {{ this.options_json }};
    var symbols = L.layerGroup().addTo(layer);
    var spider = L.layerGroup().addTo(layer);
    var map = null, opened = null;

    function icon(p, extra) {
        return L.divIcon({
            className: "incident-marker" + (extra || ""),
            html: '<div class="incident-shape ' + p[2] + '"></div>',
            iconSize: [opts.size, opts.size]
        });
    }
    // A popup over a group: the member's own (server-escaped) popup HTML under a pager.
    function pagedPopup(members, start) {
        var box = document.createElement("div");
        box.className = "incident-pager";
        var bar = document.createElement("div");
        bar.className = "incident-pager-bar";
        var prev = document.createElement("button"), next = document.createElement("button");
        var label = document.createElement("span");
        prev.type = next.type = "button";
        prev.className = "incident-pager-prev"; next.className = "incident-pager-next";
        prev.textContent = "\\u2039"; next.textContent = "\\u203a";
        prev.setAttribute("aria-label", "previous incident here");
        next.setAttribute("aria-label", "next incident here");
        label.className = "incident-pager-label";
        bar.appendChild(prev); bar.appendChild(label); bar.appendChild(next);
        var body = document.createElement("div");
        box.appendChild(bar); box.appendChild(body);
        var at = start;
        function show(k) {
            at = (k + members.length) % members.length;
            label.textContent = (at + 1) + " of " + members.length + " here";
            body.innerHTML = members[at][3] || "";
        }
        L.DomEvent.on(prev, "click", function (e) { L.DomEvent.stop(e); show(at - 1); });
        L.DomEvent.on(next, "click", function (e) { L.DomEvent.stop(e); show(at + 1); });
        L.DomEvent.disableClickPropagation(box);
        show(start);
        return box;
    }
    function single(p) {
        var marker = L.marker([p[0], p[1]], {icon: icon(p), riseOnHover: true});
        if (p[3]) marker.bindPopup(p[3], {maxWidth: 340});
        if (p[4]) marker.bindTooltip(incidentTextTip(p[4]));
        return marker;
    }
    function closeSpider() {
        spider.clearLayers();
        if (opened) { opened.setOpacity(1); opened = null; }
    }
    // Members around the place: a ring for a few, a spiral for more (the legs keep
    // every symbol tied to the one place they share).
    function openSpider(group, marker) {
        closeSpider();
        opened = marker;
        marker.setOpacity(0.25);
        var zoom = map.getZoom(), centre = map.project(marker.getLatLng(), zoom);
        var n = group.length, spots = [];
        if (n <= 8) {
            var ring = Math.max(opts.size * 1.6, opts.size * n / (2 * Math.PI) * 1.6);
            for (var i = 0; i < n; i++) {
                var a = 2 * Math.PI * i / n - Math.PI / 2;
                spots.push(L.point(centre.x + ring * Math.cos(a), centre.y + ring * Math.sin(a)));
            }
        } else {
            var angle = 0, legLength = opts.size * 1.5;
            for (var j = 0; j < n; j++) {
                angle += opts.size * 2 / legLength + j * 0.0005;
                spots.push(L.point(centre.x + legLength * Math.cos(angle),
                                   centre.y + legLength * Math.sin(angle)));
                legLength += 2 * Math.PI * 5 / angle;
            }
        }
        var members = group.map(function (k) { return points[k]; });
        members.forEach(function (p, k) {
            var at = map.unproject(spots[k], zoom);
            spider.addLayer(L.polyline([marker.getLatLng(), at], {
                color: "#37474f", weight: 1, opacity: 0.7, interactive: false,
                className: "incident-spider-leg"
            }));
            var member = L.marker(at, {icon: icon(p, " incident-member"), riseOnHover: true,
                                       zIndexOffset: 1000});
            member.bindPopup(function () { return pagedPopup(members, k); }, {maxWidth: 340});
            if (p[4]) member.bindTooltip(incidentTextTip(p[4]));
            spider.addLayer(member);
        });
    }
    function clusterMarker(group) {
        var first = points[group[0]], lat = 0, lon = 0;
        var bounds = L.latLngBounds([]);
        group.forEach(function (k) {
            lat += points[k][0]; lon += points[k][1]; bounds.extend([points[k][0], points[k][1]]);
        });
        var size = group.length < 10 ? 24 : group.length < 100 ? 28 : 34;
        var marker = L.marker([lat / group.length, lon / group.length], {
            icon: L.divIcon({
                className: "incident-cluster",
                html: '<span class="incident-cluster-count">' + group.length + "</span>",
                iconSize: [size, size]
            }),
            riseOnHover: true,
            title: ""
        });
        var names = [];
        group.forEach(function (k) {
            var name = (points[k][4] || "").replace(/ \\(.*$/, "");
            if (names.indexOf(name) < 0 && names.length < 3) names.push(name);
        });
        marker.bindTooltip(incidentTextTip(group.length + " incidents: " + names.join(", ") +
            (names.length < group.length ? "\\u2026" : "") + " (click to open)"));
        marker.on("click", function () {
            var span = map.project(bounds.getNorthEast(), map.getMaxZoom())
                .distanceTo(map.project(bounds.getSouthWest(), map.getMaxZoom()));
            if (opened === marker) { closeSpider(); return; }
            if (span > opts.radius && map.getZoom() < map.getMaxZoom()) {
                map.fitBounds(bounds.pad(0.3), {maxZoom: map.getMaxZoom()});
            } else {
                openSpider(group, marker);
            }
        });
        return marker;
    }
    function groups() {
        var zoom = map.getZoom(), cells = {}, found = [];
        for (var i = 0; i < points.length; i++) {
            var px = map.project([points[i][0], points[i][1]], zoom);
            var cx = Math.floor(px.x / opts.radius), cy = Math.floor(px.y / opts.radius), joined = null;
            for (var dx = -1; dx <= 1 && !joined; dx++) {
                for (var dy = -1; dy <= 1 && !joined; dy++) {
                    var near = cells[(cx + dx) + ":" + (cy + dy)] || [];
                    for (var n = 0; n < near.length; n++) {
                        if (near[n].px.distanceTo(px) <= opts.radius) { joined = near[n]; break; }
                    }
                }
            }
            if (joined) { joined.members.push(i); continue; }
            var group = {px: px, members: [i]};
            (cells[cx + ":" + cy] = cells[cx + ":" + cy] || []).push(group);
            found.push(group);
        }
        return found;
    }
    function draw() {
        closeSpider();
        symbols.clearLayers();
        groups().forEach(function (g) {
            var one = g.members.length === 1;
            symbols.addLayer(one ? single(points[g.members[0]]) : clusterMarker(g.members));
        });
    }
    var labels = {{ this.labels_json }};
    function start() {
        map = layer._map;
        if (window.incidentLabels) window.incidentLabels.set("struck", labels);
        map.on("zoomend", draw);
        map.on("click", closeSpider);
        draw();
    }
    function stop() {
        if (map) { map.off("zoomend", draw); map.off("click", closeSpider); }
        if (window.incidentLabels) window.incidentLabels.drop("struck");
    }
    layer.on("add", start);
    layer.on("remove", stop);
    if (layer._map) start();
"""


class ShapePoints(_DataElement):
    """Incident symbols: a CSS shape per event type, coloured per attacker, grouped
    where they share a place (see the module docstring).

    Each point is `[lat, lon, css_classes, popup_html or null, tooltip_text]`; the
    classes come from a fixed vocabulary on the server, never from record text.
    """

    _template: Template = _layer_script(_SCRIPT)

    def __init__(self, points: list[list], *, labels: list[dict] = (), size: int = 14, radius: int = 24):
        super().__init__("ShapePoints")
        for point in points:
            if len(point) != 5:
                raise ValueError(f"a point needs 5 values (lat, lon, classes, popup, tooltip): {point!r}")
        if radius < 1:
            raise ValueError(f"grouping radius must be at least 1 pixel: {radius!r}")
        self.points_json = script_json(points)
        # Names of the struck places, for the page's label placer (dashboard.map.labels).
        self.labels_json = script_json(list(labels))
        self.options_json = script_json({"size": int(size), "radius": int(radius)})
