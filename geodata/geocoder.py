"""`GazetteerGeocoder`: the offline gazetteer behind geopy's Geocoder interface.

Callers written against geopy (`geocode`, `reverse`, `Location`) can swap in Nominatim or
a self-hosted Photon without changes, and back.
"""

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geodata import InvalidQueryError
from geodata.index import FOCUS_COUNTRIES, shared_index
from geodata.online import NominatimFallback
from geodata.places import PlaceMatch, resolve_place
from geodata.regions import region_name
from geodata.reverse import check_point, nearest_row


def _raw(match: PlaceMatch, source: str) -> dict:
    raw = match.to_dict()
    raw.update(
        region=match.admin1,
        ambiguous=match.ambiguous,
        alternatives=[a.to_dict() for a in match.alternatives],
        geocoder=source,
    )
    return raw


def _location(match: PlaceMatch, source: str = "gazetteer") -> Location:
    parts = [match.name]
    if match.admin1 and match.admin1 != match.name:
        parts.append(match.admin1)
    parts.append(match.country)
    address = ", ".join(p for p in parts if p)
    return Location(address, Point(match.latitude, match.longitude), _raw(match, source))


class GazetteerGeocoder(Geocoder):
    """Offline geocoder over the GeoNames gazetteer, with an optional online fallback.

    `country` and `region` set default hints; `fallback` (a NominatimFallback) is asked
    only for names the gazetteer does not know. No network is used without a fallback.
    """

    def __init__(
        self,
        *,
        country: str | None = None,
        region: str | None = None,
        fallback: NominatimFallback | None = None,
    ):
        super().__init__(user_agent="incident-dashboard gazetteer (offline)")
        self.country = country
        self.region = region
        self.fallback = fallback

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout=None,
        country: str | None = None,
        region: str | None = None,
    ):
        """A Location (or a list: best first, then the alternatives), or None.

        `timeout` is accepted for geopy compatibility; lookups are local.
        """
        match = resolve_place(query, country=country or self.country, region=region or self.region)
        if match is None:
            return self._online(query, country or self.country, exactly_one)
        if exactly_one:
            return _location(match)
        return [_location(match)] + [_location(a) for a in match.alternatives]

    def _online(self, query: str, country: str | None, exactly_one: bool):
        if self.fallback is None:
            return None
        answer = self.fallback.lookup(query, country=country)
        if answer is None:
            return None
        match = PlaceMatch(
            name=answer["name"],
            latitude=answer["latitude"],
            longitude=answer["longitude"],
            admin1=answer["admin1"],
            country=answer["country"] or "",
        )
        location = _location(match, source="nominatim")
        return location if exactly_one else [location]

    def reverse(self, query, *, exactly_one: bool = True, timeout=None):
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
