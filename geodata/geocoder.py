"""Geocoding through geopy's Geocoder interface, offline by default.

`GazetteerGeocoder` is the offline GeoNames gazetteer as a geopy `Geocoder`: callers
written against geopy (`geocode`, `reverse`, `Location`) can swap in Nominatim or a
self-hosted Photon without changes, and back. `build_geocoder` makes one from settings
(a geopy class name and its options), and `locate_place` asks any of them for one place
and answers with a `PlaceMatch` and the name of the geocoder that gave it.
"""

import importlib
from typing import NamedTuple

from geopy.adapters import BaseSyncAdapter
from geopy.exc import ConfigurationError, GeocoderNotFound
from geopy.geocoders import Nominatim, Photon, get_geocoder_for_service
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geodata import GeocoderSettingsError, GeodataError, InvalidQueryError, OnlineGeocoderError
from geodata.index import FOCUS_COUNTRIES, shared_index
from geodata.online import NominatimFallback, parse_nominatim, parse_photon
from geodata.places import PlaceMatch, resolve_place
from geodata.regions import region_name
from geodata.reverse import check_point, nearest_row

# What a point can say it came from (records keep it as `geocoder`).
SOURCES = ("gazetteer", "nominatim", "photon")
GAZETTEER = "gazetteer"
_MATCH_FIELDS = tuple(PlaceMatch("", 0.0, 0.0, None, "").to_dict())


class _Offline(BaseSyncAdapter):
    """geopy's network boundary for the gazetteer: it has no network to use."""

    def get_json(self, url, *, timeout, headers):
        raise OnlineGeocoderError(f"the offline gazetteer makes no requests ({url})")

    def get_text(self, url, *, timeout, headers):
        raise OnlineGeocoderError(f"the offline gazetteer makes no requests ({url})")


def _raw(match: PlaceMatch, source: str) -> dict:
    raw = match.to_dict()
    raw.update(
        region=match.admin1,
        ambiguous=match.ambiguous,
        alternatives=[a.to_dict() for a in match.alternatives],
        geocoder=source,
    )
    return raw


def _location(match: PlaceMatch, source: str = GAZETTEER) -> Location:
    parts = [match.name]
    if match.admin1 and match.admin1 != match.name:
        parts.append(match.admin1)
    parts.append(match.country)
    address = ", ".join(p for p in parts if p)
    return Location(address, Point(match.latitude, match.longitude), _raw(match, source))


class GazetteerGeocoder(Geocoder):
    """Offline geocoder over the GeoNames gazetteer, with an optional online fallback.

    `country` and `region` set default hints; `fallback` (any geocoder `locate_place`
    can ask, e.g. a NominatimFallback) is asked only for names the gazetteer does not
    know. No network is used without a fallback.
    """

    def __init__(
        self,
        *,
        country: str | None = None,
        region: str | None = None,
        fallback: Geocoder | None = None,
    ):
        super().__init__(user_agent="incident-dashboard gazetteer (offline)", adapter_factory=_Offline)
        self.country = country
        self.region = region
        self.fallback = fallback

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout=DEFAULT_SENTINEL,
        country: str | None = None,
        region: str | None = None,
    ):
        """A Location (or a list: best first, then the alternatives), or None.

        `timeout` is accepted for geopy compatibility; lookups are local.
        """
        country, region = country or self.country, region or self.region
        match = resolve_place(query, country=country, region=region)
        if match is None:
            return self._online(query, country, region, exactly_one)
        if exactly_one:
            return _location(match)
        return [_location(match)] + [_location(a) for a in match.alternatives]

    def _online(self, query: str, country: str | None, region: str | None, exactly_one: bool):
        if self.fallback is None:
            return None
        found = locate_place(self.fallback, query, country=country, region=region)
        if found is None:
            return None
        location = _location(found.match, source=found.source)
        return location if exactly_one else [location]

    def reverse(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL):
        """The nearest settlement to a point ("lat, lon" string, tuple or Point) with its
        region; raw also has distance_km. None when no settlement is within 2000 km."""
        try:
            point = Point(query)
        except (TypeError, ValueError) as exc:
            raise InvalidQueryError(f"not a point: {query!r} ({exc})") from None
        lat, lon = check_point(point.latitude, point.longitude)
        index = shared_index()
        # A city district is a poorer answer than the city around it: name settlements only.
        found = nearest_row(index, lat, lon, skip_sections=True)
        if found is None:
            return None
        row, km = found
        country = index.countries[row]
        match = PlaceMatch(
            name=index.names[row],
            latitude=index.latitudes[row],
            longitude=index.longitudes[row],
            admin1=region_name(country, index.admin1_codes[row]),
            country=country,
            population=index.populations[row] or None,
            geonameid=index.geonameids[row],
        )
        location = _location(match)
        location.raw.update(distance_km=round(km, 3), in_focus_countries=country in FOCUS_COUNTRIES)
        return location if exactly_one else [location]


# -- asking any geocoder for one place ------------------------------------------------


class Found(NamedTuple):
    match: PlaceMatch
    source: str  # one of SOURCES: where the point came from


def locate_place(
    geocoder: Geocoder, name: str, *, country: str | None = None, region: str | None = None
) -> Found | None:
    """`Found(match, source)` for a place name, or None when the geocoder knows no such place.

    Hints go to each kind of geocoder the way it takes them: the gazetteer and
    NominatimFallback take `country` and `region`; geopy's Nominatim a country code
    filter; Photon neither (the region joins the query; the first answer in `country`
    wins). Malformed names and hints raise InvalidQueryError; a service that fails,
    OnlineGeocoderError.
    """
    if isinstance(geocoder, GazetteerGeocoder):
        location = geocoder.geocode(name, country=country, region=region)
        return None if location is None else Found(match_of(location.raw), location.raw["geocoder"])
    query = f"{name}, {region}" if region else name
    try:
        if isinstance(geocoder, NominatimFallback):
            location = geocoder.geocode(query, country=country)
            answer = None if location is None else location.raw
        elif isinstance(geocoder, Nominatim):
            location = geocoder.geocode(
                query, addressdetails=True, language="en", country_codes=(country or "").lower() or None
            )
            answer = None if location is None else parse_nominatim(location.raw)
        elif isinstance(geocoder, Photon):
            locations = geocoder.geocode(query, exactly_one=False, limit=10, language="en") or ()
            answers = (parse_photon(location.raw) for location in locations)
            answer = next((a for a in answers if not country or a["country"] == country.upper()), None)
        else:
            raise GeocoderSettingsError(f"{type(geocoder).__name__}: {_SUPPORTED}")
    except GeodataError:
        raise
    except Exception as exc:  # geopy raises many kinds; callers need one
        raise OnlineGeocoderError(f"{type(geocoder).__name__} failed for {query!r}: {exc}") from exc
    return None if answer is None else Found(match_of(answer), answer["geocoder"])


def match_of(raw: dict) -> PlaceMatch:
    """The PlaceMatch in a Location's raw answer: the gazetteer's (with its ambiguity and
    alternatives) or an online one as `parse_nominatim` / `parse_photon` give it (pure)."""
    fields = {name: raw.get(name) for name in _MATCH_FIELDS}
    fields["country"] = fields["country"] or ""
    fields["geo_precision"] = fields["geo_precision"] or "settlement"
    alternatives = tuple(PlaceMatch(**alternative) for alternative in raw.get("alternatives") or ())
    return PlaceMatch(**fields, ambiguous=bool(raw.get("ambiguous")), alternatives=alternatives)


# -- building one from settings ---------------------------------------------------------

_SUPPORTED = (
    "records name where their point came from, so the geocoder must be the gazetteer, "
    "geopy's Nominatim or Photon, or a subclass of one"
)
_NOMINATIM_OPTIONS = {"user_agent", "domain", "scheme", "timeout", "min_delay_seconds"}


def build_geocoder(
    name: str = GAZETTEER,
    options: dict | None = None,
    *,
    fallback: str | None = None,
    fallback_options: dict | None = None,
) -> Geocoder:
    """The geocoder that settings name: `gazetteer` (with an optional online `fallback`),
    or an online one on its own. Names are geopy's service names (`nominatim`, `photon`,
    as `geopy.geocoders.get_geocoder_for_service` knows them) or `module.Class` paths;
    `options` are the class's keyword options. Nominatim is always rate limited and
    cached (NominatimFallback). Raises GeocoderSettingsError for anything unusable.
    """
    if _is_gazetteer(name):
        online = _online_geocoder(fallback, fallback_options or {}) if fallback else None
        if options:
            raise GeocoderSettingsError(f"the gazetteer takes no options, not {sorted(options)}")
        return GazetteerGeocoder(fallback=online)
    if fallback:
        raise GeocoderSettingsError(
            f"a fallback ({fallback!r}) goes with the gazetteer only, not with {name!r}"
        )
    return _online_geocoder(name, options or {})


def _is_gazetteer(name: str | None) -> bool:
    return name is None or name.strip().lower() in ("", GAZETTEER)


def _online_geocoder(name: str, options: dict) -> Geocoder:
    cls = geocoder_class(name)
    if not isinstance(options, dict) or not all(isinstance(key, str) for key in options):
        raise GeocoderSettingsError(f"options for {name!r} must be an object of named options: {options!r}")
    if issubclass(cls, Nominatim):
        build, settings = NominatimFallback, _nominatim_settings(cls, options)
    elif issubclass(cls, Photon):
        build, settings = cls, dict(options)
    else:
        raise GeocoderSettingsError(f"{name!r} ({cls.__module__}.{cls.__qualname__}): {_SUPPORTED}")
    try:
        return build(**settings)
    except (TypeError, ValueError, ConfigurationError) as exc:
        raise GeocoderSettingsError(f"{name!r} with options {options}: {exc}") from None


def _nominatim_settings(cls: type[Nominatim], options: dict) -> dict:
    unknown = sorted(set(options) - _NOMINATIM_OPTIONS)
    if unknown:
        raise GeocoderSettingsError(f"Nominatim options {unknown}: use {sorted(_NOMINATIM_OPTIONS)}")
    if "user_agent" not in options:
        raise GeocoderSettingsError(
            "Nominatim needs a user_agent option naming your application and a contact, "
            "e.g. 'incident-dashboard/0.1 (desk@example.org)'"
        )
    settings = dict(options, nominatim_class=cls)
    if "domain" in settings:
        settings["server"] = settings.pop("domain")
    return settings


def geocoder_class(name: str) -> type[Geocoder]:
    """The geopy Geocoder class a setting names: a service name or `module.Class`."""
    if not isinstance(name, str) or not name.strip():
        raise GeocoderSettingsError(f"geocoder {name!r}: name a geopy geocoder, e.g. nominatim or photon")
    name = name.strip()
    if "." in name:
        module_name, _, class_name = name.rpartition(".")
        try:
            found = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError) as exc:
            raise GeocoderSettingsError(f"geocoder {name!r} cannot be imported: {exc}") from None
    else:
        try:
            found = get_geocoder_for_service(name.lower())
        except GeocoderNotFound:
            raise GeocoderSettingsError(
                f"geocoder {name!r} is not one of geopy's services: use e.g. nominatim or photon, "
                "or a module.Class path"
            ) from None
    if not (isinstance(found, type) and issubclass(found, Geocoder)):
        raise GeocoderSettingsError(f"{name!r} is not a geopy Geocoder class")
    return found
