"""Geocoding of validated records through `geodata`: a point for every record, never a guess.

A record without coordinates gets its place's point from a geopy geocoder (narrowed by
country and region): the offline gazetteer unless the settings below name another. A
place the geocoder does not know, or knows several of, is rejected with the reason. A
record with coordinates (or an online answer without a region) gets its region and
country from the point when it does not name them.
"""

import dataclasses
import json
import os
from collections.abc import Callable, Mapping

from geopy.geocoders.base import Geocoder

from geodata import GeocoderSettingsError, GeodataError, OnlineGeocoderError, places
from geodata.geocoder import GAZETTEER, GazetteerGeocoder, build_geocoder, locate_place
from incidents import IncidentError
from incidents.rules.validate import RecordError


class GeocoderConfigError(IncidentError, ValueError):
    """The geocoder settings (INCIDENTS_GEOCODER...) name nothing usable."""


@dataclasses.dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


# Declared once: the README lists them (a test checks it), `configured_geocoder` reads them.
GEOCODER_SETTINGS = (
    Setting(
        "INCIDENTS_GEOCODER",
        "gazetteer",
        "where import finds the point of a place name: `gazetteer` (offline, ships with the "
        "install) or a geopy geocoder: `nominatim`, `photon`, or a `module.Class` subclass of one",
    ),
    Setting(
        "INCIDENTS_GEOCODER_OPTIONS",
        "{}",
        'the geocoder\'s keyword options as a JSON object, e.g. {"domain": "photon.example.org"}',
    ),
    Setting(
        "INCIDENTS_GEOCODER_FALLBACK",
        "",
        "with the gazetteer: an online geocoder (as above) asked only about names the gazetteer "
        "does not know; unset, nothing is sent anywhere",
    ),
    Setting(
        "INCIDENTS_GEOCODER_FALLBACK_OPTIONS",
        "{}",
        "the fallback's keyword options as a JSON object",
    ),
)


def configured_geocoder(environ: Mapping[str, str] | None = None) -> Geocoder:
    """The geocoder GEOCODER_SETTINGS name in `environ` (default: os.environ)."""
    environ = os.environ if environ is None else environ
    value = {s.name: environ.get(s.name, "").strip() or s.default for s in GEOCODER_SETTINGS}
    try:
        return build_geocoder(
            value["INCIDENTS_GEOCODER"],
            _options(value, "INCIDENTS_GEOCODER_OPTIONS"),
            fallback=value["INCIDENTS_GEOCODER_FALLBACK"] or None,
            fallback_options=_options(value, "INCIDENTS_GEOCODER_FALLBACK_OPTIONS"),
        )
    except GeocoderSettingsError as exc:
        raise GeocoderConfigError(f"geocoder settings: {exc}") from None


def _options(value: dict, name: str) -> dict:
    try:
        options = json.loads(value[name])
    except ValueError as exc:
        raise GeocoderConfigError(f"{name} is not JSON ({exc}): give an object, e.g. {{}}") from None
    if not isinstance(options, dict):
        raise GeocoderConfigError(f"{name} must be a JSON object of options, not {value[name]!r}")
    return options


class Locator:
    """Resolves places with a per-import cache: spreadsheets name the same towns again and again.

    `geocoder` is any geocoder `geodata.geocoder.locate_place` can ask (default: the one
    the settings name); `region_of_point` fills a region from a point.
    """

    def __init__(
        self,
        *,
        geocoder: Geocoder | None = None,
        region_of_point: Callable = places.region_of_point,
    ):
        self._geocoder = configured_geocoder() if geocoder is None else geocoder
        self._region_of_point = region_of_point
        self._not_found = (
            "is not in the gazetteer"
            if isinstance(self._geocoder, GazetteerGeocoder)
            else f"was not found by {type(self._geocoder).__name__}"
        )
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
            self._places[key] = self._find(record["place"], record["country"], record["admin1"])
        found = self._places[key]
        where = ", ".join(part for part in (record["admin1"], record["country"]) if part)
        named = f"place {record['place']!r}" + (f" ({where})" if where else "")
        if isinstance(found, str):
            raise RecordError([f"{named}: {found}"])
        if found is None:
            advice = "check the spelling or give latitude and longitude"
            raise RecordError([f"{named} {self._not_found}; {advice}"])
        match, source = found
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
            country=record["country"] or match.country or None,
            geo_precision=match.geo_precision,
            geocoder=source,
        )
        if source != GAZETTEER and (record["admin1"] is None or record["country"] is None):
            self._fill_region(record)  # an online answer may lack them
        return record

    def _find(self, place: str, country: str | None, region: str | None):
        """Found(match, source), None when not found, or the reason (text) it cannot be asked."""
        try:
            return locate_place(self._geocoder, place, country=country, region=region)
        except OnlineGeocoderError as exc:
            return f"the geocoder could not be asked ({exc}); try again later or give latitude and longitude"
        except GeodataError as exc:
            return f"{exc}; correct it or give latitude and longitude"

    def _fill_region(self, record: dict) -> None:
        region = self._region_of_point(record["latitude"], record["longitude"])
        if region is not None:
            admin1, country = region
            record["admin1"] = record["admin1"] or admin1
            record["country"] = record["country"] or country
