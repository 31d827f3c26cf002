"""The dashboard's view as a URL query string (DESIGN.md, "Dashboard URL").

`?from=2025-07-20&to=2025-07-20&region=Kharkiv%20Oblast&layers=incidents,casualties`
with `country`, `region`, `place` and `type` repeatable, plus `attacker`,
`min_killed`, `min_injured`, `q` (text search), `tiles` (online tiles: osm, carto) and
`view=50.0,36.2,9` (the map's centre latitude, longitude and zoom; without it the map
fits the chosen regions, or the data).
Pure: parsing never raises on a bad link; it drops the bad part and says why, so a link
always opens something.
"""

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping

from dashboard.map.background import ONLINE_TILES
from dashboard.map.build import DEFAULT_LAYERS, LAYERS, MAX_ZOOM, MIN_ZOOM
from incidents import IncidentError
from incidents.rules.bounds import EARLIEST_DATE, latest_date
from incidents.rules.filters import IncidentFilter
from incidents.rules.model import ATTACKERS, EVENT_TYPES

REPEATABLE = {"country": "countries", "region": "regions", "place": "places", "type": "event_types"}
# 4 decimals is ~11 m: finer than a pixel up to zoom 13, and a link stays short.
VIEW_DECIMALS = 4


@dataclasses.dataclass(frozen=True)
class MapView:
    """Where the map looks: its centre and (whole) zoom level, as a link holds them."""

    lat: float
    lon: float
    zoom: int

    @classmethod
    def of(cls, lat: float, lon: float, zoom: float) -> "MapView":
        """Rounded as the link writes it; the zoom within the map's range."""
        whole = min(max(round(zoom), MIN_ZOOM), MAX_ZOOM)
        return cls(round(float(lat), VIEW_DECIMALS), round(float(lon), VIEW_DECIMALS), whole)

    def as_param(self) -> str:
        lat, lon = (f"{v:.{VIEW_DECIMALS}f}".rstrip("0").rstrip(".") for v in (self.lat, self.lon))
        return f"{lat},{lon},{self.zoom}"

    def moved_from(self, other: "MapView | None") -> bool:
        """Whether this differs from `other` by more than a couple of pixels: Leaflet's
        projection round trip and the 4-decimal rounding must not count as a move."""
        if other is None or other.zoom != self.zoom:
            return True
        pixel = 360 / (256 * 2**self.zoom)  # degrees of longitude per pixel at this zoom
        return abs(self.lat - other.lat) > 2 * pixel or abs(self.lon - other.lon) > 2 * pixel


def map_view_from_param(raw: str) -> tuple[MapView | None, list[str]]:
    """`lat,lon,zoom` as a MapView, and why it was dropped or changed."""
    parts = [part.strip() for part in raw.split(",")]
    try:
        lat, lon, zoom = (float(part) for part in parts)
    except ValueError:
        return None, [f"view={raw!r} is not latitude,longitude,zoom (like 50.0,36.2,9); ignored"]
    if not all(math.isfinite(v) for v in (lat, lon, zoom)) or abs(lat) > 90 or abs(lon) > 180:
        where = "latitude -90 to 90, longitude -180 to 180"
        return None, [f"view={raw!r} is not a place on the map ({where}); ignored"]
    view = MapView.of(lat, lon, zoom)
    if not MIN_ZOOM <= zoom <= MAX_ZOOM:
        return view, [f"view={raw}: zoom {zoom:g} is outside {MIN_ZOOM} to {MAX_ZOOM}; {view.zoom} is used"]
    if view.zoom != zoom:
        return view, [f"view={raw}: zoom {zoom:g} is not a whole level; {view.zoom} is used"]
    return view, []


@dataclasses.dataclass(frozen=True)
class ViewState:
    record_filter: IncidentFilter = IncidentFilter()
    layers: tuple[str, ...] = DEFAULT_LAYERS
    tiles: str | None = None  # online tiles under the offline basemap: None, "osm" or "carto"
    map_view: MapView | None = None  # None: the map fits the chosen regions, or the data


def _values(params: Mapping, key: str) -> list[str]:
    value = params.get(key)
    if value is None:
        return []
    values = [value] if isinstance(value, str) else list(value)
    return [v.strip() for v in values if v and v.strip()]


def _last(params: Mapping, key: str) -> str | None:
    values = _values(params, key)
    return values[-1] if values else None


def view_from_query(params: Mapping, *, today: dt.date | None = None) -> tuple[ViewState, list[str]]:
    """The view a link asks for, and a message for each part that had to be dropped."""
    problems: list[str] = []
    fields: dict = {}
    # The dates a record may have (incidents.rules.bounds): beyond them the date slider fails.
    earliest, latest = EARLIEST_DATE, latest_date(today)
    for key, name in (("from", "date_from"), ("to", "date_to")):
        raw = _last(params, key)
        if raw is None:
            continue
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            problems.append(f"{key}={raw!r} is not a date (YYYY-MM-DD); ignored")
            continue
        nearest = min(max(day, earliest), latest)
        if nearest != day:
            problems.append(f"{key}={raw} is outside {earliest} to {latest}; {nearest} is used")
        fields[name] = nearest
    if fields.get("date_from") and fields.get("date_to") and fields["date_from"] > fields["date_to"]:
        problems.append(f"from {fields['date_from']} is after to {fields['date_to']}; the dates were swapped")
        fields["date_from"], fields["date_to"] = fields["date_to"], fields["date_from"]
    for key, name in REPEATABLE.items():
        values = _values(params, key)
        if key == "type":
            bad = [v for v in values if v not in EVENT_TYPES]
            problems += [f"type={v!r} is not an event type; ignored" for v in bad]
            values = [v for v in values if v in EVENT_TYPES]
        if key == "country":
            values = [v.upper() for v in values]
        if values:
            fields[name] = tuple(dict.fromkeys(values))
    attacker = _last(params, "attacker")
    if attacker is not None:
        if attacker.upper() in ATTACKERS:
            fields["attacker"] = attacker.upper()
        else:
            problems.append(f"attacker={attacker!r} is not RU or UA; ignored")
    for key in ("min_killed", "min_injured"):
        raw = _last(params, key)
        if raw is None:
            continue
        if raw.isdigit():
            fields[key] = int(raw)
        else:
            problems.append(f"{key}={raw!r} is not a whole number; ignored")
    text = _last(params, "q")
    if text:
        fields["text"] = text
    layers = DEFAULT_LAYERS
    if "layers" in params:
        asked = [name.strip() for value in _values(params, "layers") for name in value.split(",")]
        bad = [name for name in asked if name and name not in LAYERS]
        problems += [f"layer {name!r} is unknown; ignored" for name in bad]
        layers = tuple(dict.fromkeys(name for name in asked if name in LAYERS))
    tiles = _last(params, "tiles")
    if tiles is not None and tiles not in ONLINE_TILES:
        problems.append(
            f"tiles={tiles!r} is unknown (use {', '.join(ONLINE_TILES)}); the offline map is shown"
        )
        tiles = None
    map_view = None
    raw_view = _last(params, "view")
    if raw_view is not None:
        map_view, view_problems = map_view_from_param(raw_view)
        problems += view_problems
    try:
        record_filter = IncidentFilter(**fields)
    except IncidentError as exc:  # defensive: every field was checked above
        problems.append(f"{exc}; filters ignored")
        record_filter = IncidentFilter()
    return ViewState(record_filter, layers, tiles, map_view), problems


def view_to_query(view: ViewState) -> dict[str, str | list[str]]:
    """The query parameters that reopen this view; defaults are left out."""
    f = view.record_filter
    query: dict[str, str | list[str]] = {}
    if f.date_from:
        query["from"] = f.date_from.isoformat()
    if f.date_to:
        query["to"] = f.date_to.isoformat()
    for key, name in REPEATABLE.items():
        values = list(getattr(f, name))
        if values:
            query[key] = values if len(values) > 1 else values[0]
    if f.attacker:
        query["attacker"] = f.attacker
    if f.min_killed is not None:
        query["min_killed"] = str(f.min_killed)
    if f.min_injured is not None:
        query["min_injured"] = str(f.min_injured)
    if f.text:
        query["q"] = f.text
    if tuple(view.layers) != DEFAULT_LAYERS:
        query["layers"] = ",".join(view.layers)
    if view.tiles:
        query["tiles"] = view.tiles
    if view.map_view:
        query["view"] = view.map_view.as_param()
    return query
