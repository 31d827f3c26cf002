"""Coarser locations for publishing: exact strike coordinates can expose people and
positions. Pure, apart from `gazetteer_point` (the offline gazetteer, no network).

`--precision settlement`: each point moves to its settlement's gazetteer point (a place
the gazetteer does not know falls back to the 0.1° grid); `0.1` (about 11 km) and `0.01`
(about 1 km): coordinates rounded to that many degrees. Points already only as precise
as a region or a country stay where they are. `public_record` also drops every field that
is not part of the record model (batch ids, search text, who imported it).
"""

from collections.abc import Callable

from incidents import IncidentError
from incidents.rules.model import INCIDENT_FIELDS

SETTLEMENT, TENTH, HUNDREDTH = "settlement", "0.1", "0.01"
PRECISIONS = (SETTLEMENT, TENTH, HUNDREDTH)
_DECIMALS = {TENTH: 1, HUNDREDTH: 2}
_COARSE = ("admin1", "country")  # geo_precision of points that say nothing finer anyway
NOTES = {
    SETTLEMENT: "Locations shown at the centre of their settlement, not where the strike was.",
    TENTH: "Locations rounded to 0.1° (about 11 km), not where the strike was.",
    HUNDREDTH: "Locations rounded to 0.01° (about 1 km), not where the strike was.",
}

# (place, country, admin1) -> (latitude, longitude) of the settlement, or None.
Locate = Callable[[str | None, str | None, str | None], tuple[float, float] | None]


class PrecisionError(IncidentError, ValueError):
    """Not one of the precisions."""


def check_precision(precision: str) -> str:
    if precision not in PRECISIONS:
        raise PrecisionError(f"unknown precision {precision!r}: use one of {', '.join(PRECISIONS)}")
    return precision


def precision_note(precision: str) -> str:
    """What a snapshot's footer and an export's metadata say about the locations."""
    return NOTES[check_precision(precision)]


def coarsen(record: dict, precision: str, *, locate: Locate) -> dict:
    """A copy of `record` whose point is no finer than `precision`; `geo_precision`
    says "settlement" where it said "exact"."""
    check_precision(precision)
    latitude, longitude = record.get("latitude"), record.get("longitude")
    if latitude is None or longitude is None:
        return dict(record)
    coarse = dict(record)
    if record.get("geo_precision") == "exact":
        coarse["geo_precision"] = "settlement"
    if precision == SETTLEMENT:
        if record.get("geo_precision") in _COARSE:
            return coarse
        point = locate(record.get("place"), record.get("country"), record.get("admin1"))
        if point is not None:
            coarse["latitude"], coarse["longitude"] = point
            return coarse
        precision = TENTH  # a place the gazetteer does not know: no finer than a settlement
    decimals = _DECIMALS[precision]
    coarse["latitude"], coarse["longitude"] = round(latitude, decimals), round(longitude, decimals)
    return coarse


def coarsen_records(records, precision: str | None, *, locate: Locate):
    """Each record (and each report it carries) no finer than `precision`; as they are
    when `precision` is None. A generator: an export streams."""
    if precision is None:
        yield from records
        return
    check_precision(precision)
    for record in records:
        coarse = coarsen(record, precision, locate=locate)
        if record.get("reports"):
            coarse["reports"] = [coarsen(report, precision, locate=locate) for report in record["reports"]]
        yield coarse


def public_record(record: dict, precision: str | None, *, locate: Locate) -> dict:
    """What may be published of a record: the model's fields only, coarsened if asked."""
    public = {name: record.get(name) for name in INCIDENT_FIELDS if name in record}
    return public if precision is None else coarsen(public, precision, locate=locate)


def gazetteer_point(place: str | None, country: str | None, admin1: str | None) -> tuple[float, float] | None:
    """The offline gazetteer's point of a settlement (the default `locate`), or None."""
    from geodata import GeodataError
    from geodata.places import resolve_place

    if not place:
        return None
    try:
        match = resolve_place(place, country=country, region=admin1)
    except GeodataError:
        return None  # a name or hint the gazetteer refuses: the grid fallback applies
    if match is None or match.geo_precision != "settlement":
        return None
    return match.latitude, match.longitude
