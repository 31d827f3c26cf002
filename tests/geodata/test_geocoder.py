"""GazetteerGeocoder offline, online geocoders (Nominatim, Photon) with only the network faked,
and geocoders built from settings."""

import pytest
from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderUnavailable
from geopy.geocoders import Photon
from geopy.location import Location

from geodata import GeocoderSettingsError, InvalidQueryError, OnlineGeocoderError
from geodata.geocoder import GazetteerGeocoder, build_geocoder, locate_place
from geodata.online import NominatimFallback, Throttle
from geodata.places import resolve_place

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


def test_fallback_is_a_geopy_geocoder_returning_locations(tmp_path, clock):
    location = _fallback(tmp_path, clock).geocode("Hamletivka", country="UA")
    assert isinstance(location, Location) and location.address == "Hamletivka, Donetsk Oblast, UA"
    assert location.raw["geocoder"] == "nominatim" and location.raw["geo_precision"] == "settlement"
    assert "countrycodes=ua" in FakeNominatim.requests[0]
    assert _fallback(tmp_path, clock).geocode("Nowhere B") is None


def test_throttle_spaces_calls_and_retries_service_errors_with_the_given_clock(clock):
    calls = []

    def flaky(name):
        calls.append((name, clock.now))
        if len(calls) == 2:
            raise GeocoderUnavailable("503")
        return name

    throttled = Throttle(flaky, min_delay_seconds=1.0, error_wait_seconds=2.0, clock=clock, sleep=clock.sleep)
    assert [throttled("a"), throttled("b")] == ["a", "b"]
    assert [at for _, at in calls] == [100.0, 101.0, 103.0] and clock.slept == [1.0, 2.0]
    with pytest.raises(InvalidQueryError):
        Throttle(flaky, min_delay_seconds=2.0, error_wait_seconds=1.0)


class FakePhoton(BaseSyncAdapter):
    """A Photon server's answers (GeoJSON features): a Kharkiv abroad first, then at home."""

    requests: list[str] = []

    def get_json(self, url, *, timeout, headers):
        FakePhoton.requests.append(url)
        if "Nowhere" in url:
            return {"features": []}
        features = [
            _feature("Kharkiv", "US", "Ohio", 40.0, -83.0, "city"),
            _feature("Kharkiv", "UA", "Kharkiv Oblast", 49.99, 36.23, "city"),
            _feature("Kharkiv Oblast", "UA", "Kharkiv Oblast", 49.5, 36.5, "state"),
        ]
        return {"features": features}

    def get_text(self, url, *, timeout, headers):  # pragma: no cover - JSON only
        raise AssertionError(url)


def _feature(name, country, state, lat, lon, kind):
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"name": name, "countrycode": country, "state": state, "type": kind,
                           "osm_id": 7}}  # fmt: skip


def test_locate_place_asks_photon_and_keeps_the_answer_in_the_hinted_country():
    FakePhoton.requests = []
    photon = build_geocoder("photon", {"domain": "photon.example.org", "adapter_factory": FakePhoton})
    found = locate_place(photon, "Kharkiv", country="UA", region="Kharkiv Oblast")
    assert found.source == "photon" and found.match.admin1 == "Kharkiv Oblast"
    assert (found.match.latitude, found.match.country, found.match.geo_precision) == (
        49.99,
        "UA",
        "settlement",
    )
    assert FakePhoton.requests[0].startswith("https://photon.example.org/api?q=Kharkiv%2C+Kharkiv+Oblast")
    assert locate_place(photon, "Kharkiv").match.country == "US"
    assert locate_place(photon, "Nowhere C") is None


def test_locate_place_on_the_gazetteer_keeps_its_ambiguity_and_alternatives():
    found = locate_place(GazetteerGeocoder(), "Ivanivka")
    assert found.source == "gazetteer" and found.match == resolve_place("Ivanivka")
    assert found.match.ambiguous and len(found.match.alternatives) > 5
    assert locate_place(GazetteerGeocoder(), "Qwertyuiopgrad") is None


def test_build_geocoder_names_geopy_classes_and_refuses_what_records_cannot_name(tmp_path, monkeypatch):
    monkeypatch.setenv("GEODATA_CACHE", str(tmp_path))  # where Nominatim's answers would go
    assert type(build_geocoder()) is GazetteerGeocoder and build_geocoder().fallback is None
    assert isinstance(build_geocoder("geopy.geocoders.Photon"), Photon)
    nominatim = build_geocoder("Nominatim", {"user_agent": AGENT, "domain": "nominatim.example.org"})
    assert isinstance(nominatim, NominatimFallback) and nominatim.server == "nominatim.example.org"
    with_fallback = build_geocoder(
        "gazetteer", fallback="nominatim", fallback_options={"user_agent": AGENT, "min_delay_seconds": 2}
    )
    assert isinstance(with_fallback.fallback, NominatimFallback)
    for name, options, fallback, message in (
        ("nominatim", {}, None, "user_agent"),
        ("nominatim", {"user_agent": AGENT, "colour": "red"}, None, "colour"),
        ("photon", {"colour": "red"}, None, "colour"),
        ("arcgis", {}, None, "records name where their point came from"),
        ("no-such-service", {}, None, "not one of geopy's services"),
        ("no_such_module.Geocoder", {}, None, "cannot be imported"),
        ("pathlib.Path", {}, None, "not a geopy Geocoder"),
        ("photon", {}, "nominatim", "goes with the gazetteer only"),
        ("gazetteer", {"domain": "x"}, None, "takes no options"),
    ):
        with pytest.raises(GeocoderSettingsError, match=message):
            build_geocoder(name, options, fallback=fallback)


def test_the_gazetteer_never_makes_a_request():
    with pytest.raises(OnlineGeocoderError, match="no requests"):
        GazetteerGeocoder().adapter.get_json("https://example.org", timeout=1, headers={})
