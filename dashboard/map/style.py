"""How the map looks: colours, incident symbols, the legend. One place for all of it."""

import html

from dashboard.map.regions import legend_section as region_legend
from incidents.rules.model import ATTACKERS

ATTACKER_COLOURS = {"RU": "#c62828", "UA": "#1565c0"}
UNKNOWN_COLOUR = "#616161"
ATTACKER_LABELS = {"RU": "Russia", "UA": "Ukraine", None: "unknown"}
EVENT_LABELS = {
    "drone_strike": "drone strike",
    "missile_strike": "missile strike",
    "glide_bomb": "glide bomb",
    "air_strike": "air strike",
    "shelling": "shelling",
    "debris": "falling debris",
    "other": "other",
}
INJURED_COLOUR = "#d81b60"
KILLED_COLOUR = "#4e0a0a"
OUTAGE_COLOUR = "#ffd54f"
OUTAGE_STROKE = "#5d4037"
OUTAGE_RING = "#fbc02d"  # a thick amber ring, so an outage shows over a casualty disc
CELL_COLOUR = "#37474f"

CSS = """
.leaflet-container { background: #dce6ee; }
/* The map's own font, whatever the page around it sets (streamlit-folium loads Bootstrap). */
.leaflet-control-layers { font: 12px/1.4 sans-serif; color: #212121; }
.leaflet-control-scale-line { font: 11px/1.3 sans-serif; white-space: nowrap; color: #212121; }
@media (max-width: 480px) {
  .leaflet-control-attribution { font-size: 9px; max-width: 70vw; }
  .leaflet-control-layers { font-size: 11px; }
}
.incident-marker { background: transparent; border: none; }
.incident-cluster { background: #37474f; color: #fff; border: 2px solid #fff; border-radius: 50%;
  box-shadow: 0 0 3px rgba(0, 0, 0, .6); display: flex; align-items: center; justify-content: center;
  font: bold 12px/1 sans-serif; }
.incident-pager-bar { display: flex; align-items: center; gap: 6px; margin-bottom: 4px; font: 12px sans-serif;
  color: #455a64; }
.incident-pager-bar button { border: 1px solid #90a4ae; background: #fff; border-radius: 3px; cursor: pointer;
  font: bold 14px/1 sans-serif; padding: 2px 7px; }
.incident-shape { width: 100%; height: 100%; box-sizing: border-box; border: 2px solid #fff;
  box-shadow: 0 0 2px rgba(0, 0, 0, .7); }
.att-RU { background: #c62828; } .att-UA { background: #1565c0; } .att-unknown { background: #616161; }
.ev-drone_strike { border-radius: 50%; }
.ev-missile_strike { clip-path: polygon(50% 0, 100% 100%, 0 100%); border: none; }
.ev-glide_bomb { transform: rotate(45deg) scale(.8); }
.ev-shelling { border-radius: 2px; }
.ev-air_strike { clip-path: polygon(25% 0, 75% 0, 100% 50%, 75% 100%, 25% 100%, 0 50%); border: none; }
.ev-debris { clip-path: polygon(20% 0, 50% 30%, 80% 0, 100% 20%, 70% 50%, 100% 80%, 80% 100%,
  50% 70%, 20% 100%, 0 80%, 30% 50%, 0 20%); border: none; }
.ev-other { border-radius: 50%; border-style: dotted; }
.legend-swatch { display: inline-block; width: 14px; height: 10px; margin: 0 3px 0 6px;
  vertical-align: middle;
  border: 1px solid #5b4636; }
.legend-cluster { display: inline-block; background: #37474f; color: #fff; border-radius: 50%; width: 16px;
  height: 16px; font: bold 9px/16px sans-serif; text-align: center; vertical-align: middle;
  margin-right: 4px; }
.legend-shape { display: inline-block; width: 12px; height: 12px; vertical-align: middle; margin-right: 4px; }
/* Own colours, whatever theme the page around the map has (dark mode: not white on white). */
.incident-legend { background: rgba(255, 255, 255, .95); color: #212121; padding: 4px 8px; border-radius: 4px;
  font: 11px/1.35 sans-serif; box-shadow: 0 1px 4px rgba(0, 0, 0, .35); max-width: 230px;
  max-height: 60vh; overflow: auto; }
.incident-legend summary { cursor: pointer; font-weight: 600; }
.incident-legend h4 { margin: 3px 0 1px; font-size: 11px; }
.legend-item { white-space: nowrap; display: inline-block; margin-right: 6px; }
@media (max-width: 480px) { .incident-legend { max-width: 60vw; max-height: 45vh; } }
.incident-popup table { font-size: 12px; border-collapse: collapse; }
.incident-popup th { text-align: left; padding-right: 6px; vertical-align: top; font-weight: 600; }
.incident-revised { font-size: 12px; margin-top: 4px; color: #6d4c41; }
.map-label { white-space: nowrap; background: transparent; border: none; line-height: 14px;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; padding: 0 2px; box-sizing: border-box; }
.map-label-region { color: #6d7a83; font: italic 11px sans-serif; line-height: 14px; text-align: center; }
.map-label-place { color: #333; font: 11px sans-serif; line-height: 14px; }
.map-label-struck { color: #111; font: bold 12px sans-serif; line-height: 16px; }
"""


def symbol_classes(event_type, attacker) -> str:
    """CSS classes for an incident symbol, from the fixed vocabularies only."""
    event = event_type if event_type in EVENT_LABELS else "other"
    side = attacker if attacker in ATTACKER_COLOURS else "unknown"
    return f"ev-{event} att-{side}"


def _item(html_text: str) -> str:
    """A legend entry that never breaks over two lines ("glide | bomb")."""
    return f'<span class="legend-item">{html_text}</span>'


def _shape(classes: str) -> str:
    return f'<span class="legend-shape incident-shape {classes}"></span>'


def _circle(radius: float, fill: str, stroke: str = "#ffffff", width: float = 1) -> str:
    size = int(2 * radius + 2 * width + 2)
    return (
        f'<svg width="{size}" height="{size}" style="vertical-align:middle">'
        f'<circle cx="{size / 2}" cy="{size / 2}" r="{radius}" fill="{fill}" fill-opacity="0.7" '
        f'stroke="{stroke}" stroke-width="{width}"/></svg>'
    )


def _sizes(scale, fill: str, unit: str, stroke: str = "#ffffff", width: float = 1) -> str:
    return (
        " ".join(
            _item(f"{_circle(scale.radius(v), fill, stroke, width)} {v:,}") for v in scale.legend_values()
        )
        + f" {unit}"
    )


def legend_html(parts: list, *, detailed: bool, total: int) -> str:
    """The legend for the layers drawn; `parts` name each layer and carry its size scale."""
    sections = []
    for part in parts:
        name, scale = part if isinstance(part, tuple) else (part, None)
        if name == "incidents":
            shapes = " ".join(
                _item(f"{_shape(symbol_classes(code, 'unknown'))}{label}")
                for code, label in EVENT_LABELS.items()
            )
            sides = " ".join(
                _item(f"{_shape(symbol_classes('shelling', side))}by {ATTACKER_LABELS[side]}")
                for side in ATTACKERS
            )
            shapes += " " + _item('<span class="legend-cluster">12</span>incidents at one place')
            sections.append(f"<h4>Incidents</h4>{shapes}<br>{sides}")
        elif name == "casualties":
            sections.append(
                f"<h4>Casualties (killed + injured)</h4>{_sizes(scale, INJURED_COLOUR, 'people')}<br>"
                f"{_circle(5, KILLED_COLOUR)} dark centre: killed"
            )
        elif name == "outages":
            sections.append(
                f"<h4>Power outages</h4>{_sizes(scale, OUTAGE_COLOUR, 'households', OUTAGE_RING, 3)}"
            )
        elif name == "regions":
            sections.append(region_legend(scale))
        elif name == "heat":
            sections.append("<h4>Density</h4>warmer = more incidents")
        elif name.endswith("-cells"):
            what = {
                "incident-cells": ("Incidents", CELL_COLOUR),
                "casualty-cells": ("Casualties", INJURED_COLOUR),
                "outage-cells": ("Power outages", OUTAGE_COLOUR),
            }[name]
            sections.append(
                f"<h4>{what[0]} per area</h4>{_circle(6, what[1])} area grows with the sum in each cell; "
                "cells split as you zoom in; hover for figures"
            )
    if not detailed:
        sections.append(f"<small>{total:,} incidents: grouped into cells</small>")
    if not sections:
        sections.append("No layer selected")
    if total == 0:
        sections.insert(0, "<b>No incidents</b> for these filters")
    # Every piece above is fixed text or numbers; escaping guards future edits.
    assert "<script" not in html.unescape("".join(sections)).lower()
    return "".join(sections)
