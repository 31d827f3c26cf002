"""Geocoding of validated records through `geodata`: a point for every record, never a guess.

A record without coordinates gets the gazetteer's point for its place (narrowed by
country and region); a place the gazetteer does not know, or knows several of, is
rejected with the reason. A record with coordinates gets its region and country
from the point when it does not name them.
"""

from collections.abc import Callable

from geodata import places
from incidents.validate import RecordError


class Locator:
    """Resolves places with a per-import cache: spreadsheets name the same towns again and again."""

    def __init__(
        self,
        *,
        resolve_place: Callable = places.resolve_place,
        region_of_point: Callable = places.region_of_point,
    ):
        self._resolve_place = resolve_place
        self._region_of_point = region_of_point
        self._places: dict[tuple, object] = {}
        self.lookups = 0

    def locate(self, record: dict) -> dict:
        """The record with its point, region and country; RecordError when unresolvable."""
        if record["latitude"] is not None:
            if record["admin1"] is None or record["country"] is None:
                self._fill_region(record)
            return record
        key = (record["place"].casefold(), record["country"], record["admin1"])
        if key not in self._places:
            self.lookups += 1
            self._places[key] = self._resolve_place(
                record["place"], country=record["country"], region=record["admin1"]
            )
        match = self._places[key]
        where = ", ".join(part for part in (record["admin1"], record["country"]) if part)
        named = f"place {record['place']!r}" + (f" ({where})" if where else "")
        if match is None:
            raise RecordError(
                [f"{named} is not in the gazetteer; check the spelling or give latitude and longitude"]
            )
        if match.ambiguous:
            options = (
                "; ".join(
                    f"{alt.name} ({alt.admin1 or '?'}, {alt.country})" for alt in match.alternatives[:5]
                )
                or "several places"
            )
            raise RecordError(
                [f"{named} is ambiguous: {options}; add admin1 (region) or latitude and longitude"]
            )
        record.update(
            latitude=match.latitude,
            longitude=match.longitude,
            admin1=record["admin1"] or match.admin1,
            country=record["country"] or match.country,
            geo_precision=match.geo_precision,
            geocoder="gazetteer",
        )
        return record

    def _fill_region(self, record: dict) -> None:
        region = self._region_of_point(record["latitude"], record["longitude"])
        if region is not None:
            admin1, country = region
            record["admin1"] = record["admin1"] or admin1
            record["country"] = record["country"] or country
