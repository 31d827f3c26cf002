"""GazetteerGeocoder offline, and the Nominatim fallback with only the network faked."""

import pytest
from geopy.adapters import BaseSyncAdapter
from geopy.location import Location

from geodata import InvalidQueryError
from geodata.geocoder import GazetteerGeocoder
from geodata.online import NominatimFallback

AGENT = "incident-dashboard-tests/0.1 (tests@example.org)"


def test_geocode_returns_geopy_locations_with_raw_details():
    location = GazetteerGeocoder().geocode("Kharkov")
    assert isinstance(location, Location)
    assert location.address == "Kharkiv, Kharkiv Oblast, UA"
    assert (round(location.latitude, 2), round(location.longitude, 2)) == (49.98, 36.25)
    assert location.raw["region"] == "Kharkiv Oblast" and location.raw["geonameid"] == 706483
    assert location.raw["population"] > 1_000_000 and location.raw["country"] == "UA"


def test_geocode_all_lists_the_alternatives_and_hints_apply():
    locations = GazetteerGeocoder().geocode("Ivanivka", exactly_one=False)
    assert len(locations) > 5 and locations[0].raw["ambiguous"]
    hinted = GazetteerGeocoder(region="Kherson Oblast").geocode("Ivanivka")
    assert hinted.raw["region"] == "Kherson Oblast"
    assert GazetteerGeocoder().geocode("Qwertyuiopgrad") is None


def test_reverse_gives_nearest_settlement_and_region():
    location = GazetteerGeocoder().reverse("50.91, 34.80")
    assert location.raw["name"] == "Sumy" and location.raw["region"] == "Sumy Oblast"
    assert location.raw["distance_km"] < 2
    # geopy warns that it will not wrap a latitude past the pole; we refuse it outright.
    with pytest.raises(InvalidQueryError), pytest.warns(UserWarning, match="Latitude normalization"):
        GazetteerGeocoder().reverse((95, 0))


class FakeNominatim(BaseSyncAdapter):
    """geopy's network boundary: answers like nominatim.openstreetmap.org, records requests."""

    requests: list[str] = []

    def get_json(self, url, *, timeout, headers):
        FakeNominatim.requests.append(url)
        assert headers["User-Agent"] == AGENT
        if "Nowhere" in url:
            return []
        return [{"lat": "48.1", "lon": "37.2", "name": "Hamletivka", "osm_id": 42,
                 "display_name": "Hamletivka, Donetsk Oblast, Ukraine",
                 "address": {"state": "Donetsk Oblast", "country_code": "ua"}}]  # fmt: skip

    def get_text(self, url, *, timeout, headers):  # pragma: no cover - JSON only
        raise AssertionError(url)


@pytest.fixture
def clock():
    class Clock:
        now = 100.0
        slept: list[float] = []

        def __call__(self):
            return self.now

        def sleep(self, seconds):
            self.slept.append(seconds)
            self.now += seconds

    FakeNominatim.requests = []
    return Clock()


def _fallback(tmp_path, clock, **options):
    return NominatimFallback(
        user_agent=AGENT, server="nominatim.example.org", cache_path=tmp_path / "answers.sqlite",
        clock=clock, sleep=clock.sleep, adapter_factory=FakeNominatim, **options,
    )  # fmt: skip


def test_fallback_is_off_by_default_and_used_only_for_unknown_names(tmp_path, clock):
    assert GazetteerGeocoder().geocode("Hamletivka") is None
    geocoder = GazetteerGeocoder(fallback=_fallback(tmp_path, clock))
    assert geocoder.geocode("Kharkiv").raw["geocoder"] == "gazetteer"
    assert FakeNominatim.requests == []
    location = geocoder.geocode("Hamletivka")
    assert location.raw["geocoder"] == "nominatim" and location.raw["region"] == "Donetsk Oblast"
    assert FakeNominatim.requests[0].startswith("https://nominatim.example.org/search?")


def test_fallback_waits_a_second_between_requests_and_caches_answers(tmp_path, clock):
    fallback = _fallback(tmp_path, clock)
    fallback.lookup("Hamletivka")
    fallback.lookup("Nowhere A")
    assert clock.slept == [1.0] and len(FakeNominatim.requests) == 2
    assert fallback.lookup("Hamletivka")["latitude"] == 48.1
    assert fallback.lookup("Nowhere A") is None
    assert len(FakeNominatim.requests) == 2  # both answers came from the cache
    reopened = _fallback(tmp_path, clock)
    assert reopened.lookup("Hamletivka")["name"] == "Hamletivka" and len(FakeNominatim.requests) == 2


def test_fallback_demands_a_real_user_agent(tmp_path):
    with pytest.raises(InvalidQueryError, match="user_agent"):
        NominatimFallback(user_agent="geopy/2.4", cache_path=tmp_path / "a.sqlite")
