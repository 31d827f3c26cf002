"""The folium map of incidents, built to run with no network.

Every map gets its Leaflet script and stylesheet from the app's static files (see
dashboard.assets), set per map instance: class-level lists would persist across
Streamlit reruns.
"""

import html

import folium

from dashboard.assets import LEAFLET_CSS, LEAFLET_JS
from dashboard.maplayers import CirclePoints

ATTACKER_COLOURS = {"RU": "#c62828", "UA": "#1565c0", None: "#616161"}
ATTACKER_LABELS = {"RU": "Russia", "UA": "Ukraine", None: "unknown"}
DEFAULT_CENTRE = (49.0, 34.0)


def offline_map(*, height: int = 600) -> folium.Map:
    """An empty map with no tile layer whose assets all come from the app."""
    fmap = folium.Map(
        location=DEFAULT_CENTRE,
        zoom_start=5,
        tiles=None,
        max_zoom=18,
        min_zoom=3,
        height=height,
        control_scale=True,
        prefer_canvas=False,
    )
    fmap.default_js = list(LEAFLET_JS)
    fmap.default_css = list(LEAFLET_CSS)
    return fmap


def incident_map(incidents: list[dict], *, height: int = 600) -> folium.Map:
    """One marker per incident, coloured by attacker, with an escaped popup."""
    fmap = offline_map(height=height)
    layer = folium.FeatureGroup(name="Incidents")
    points = [
        [
            round(record["latitude"], 5),
            round(record["longitude"], 5),
            8,
            ATTACKER_COLOURS.get(record.get("attacker"), ATTACKER_COLOURS[None]),
            incident_popup_html(record),
            f"{record.get('place')} ({record.get('date')})",
        ]
        for record in incidents
        if record.get("latitude") is not None and record.get("longitude") is not None
    ]
    CirclePoints(points, class_name="incident-marker").add_to(layer)
    layer.add_to(fmap)
    points = [(r["latitude"], r["longitude"]) for r in incidents if r.get("latitude") is not None]
    if points:
        lats, lons = zip(*points, strict=True)
        fmap.fit_bounds([(min(lats), min(lons)), (max(lats), max(lons))], padding=(30, 30), max_zoom=9)
    return fmap


def _count(value) -> str:
    return "not reported" if value is None else f"{value:,}"


def incident_popup_html(record: dict) -> str:
    """Popup HTML for one incident; every value from the record is escaped."""
    esc = lambda value: html.escape(str(value)) if value not in (None, "") else "&ndash;"  # noqa: E731
    casualties = f"killed {_count(record.get('killed'))}, injured {_count(record.get('injured'))}"
    children = [
        f"{label} {record[name]}"
        for name, label in (("children_killed", "killed"), ("children_injured", "injured"))
        if record.get(name)
    ]
    if children:
        casualties += f" (children: {', '.join(children)})"
    rows = [
        ("Date", esc(record.get("date"))),
        ("Type", esc((record.get("event_type") or "").replace("_", " "))),
        ("Attacker", esc(ATTACKER_LABELS.get(record.get("attacker"), record.get("attacker")))),
        ("Casualties", esc(casualties)),
        ("Households without power", esc(_count(record.get("households_without_power")))),
        ("Damage", esc(record.get("damage"))),
        ("Source", source_html(record)),
    ]
    title = esc(record.get("place"))
    region = ", ".join(str(v) for v in (record.get("admin1"), record.get("country")) if v)
    body = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    return (
        f'<div class="incident-popup"><b>{title}</b> <small>{esc(region)}</small>'
        f'<table style="font-size:12px">{body}</table></div>'
    )


def source_html(record: dict) -> str:
    """The source as a link when its URL is http(s); as plain text otherwise."""
    name = html.escape(str(record.get("source_name") or "unknown source"))
    url = str(record.get("source_url") or "")
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{name}</a>'
    return name
