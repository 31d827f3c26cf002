"""Import geocodes through a geopy geocoder: the gazetteer by default, another by settings."""

import pytest
from click.testing import CliRunner
from geopy.adapters import BaseSyncAdapter
from geopy.geocoders import Photon

from dashboard.cli import main
from geodata.geocoder import SOURCES, GazetteerGeocoder
from geodata.online import NominatimFallback
from incidents.importing.locate import GEOCODER_SETTINGS, GeocoderConfigError, Locator, configured_geocoder
from incidents.rules.model import GEOCODERS
from incidents.rules.validate import RecordError, validate_incident
from tests.incidents.helpers import csv_file

ROW = {"date": "2025-07-20", "place": "Kharkiv", "event_type": "drone_strike", "source_name": "test"}
AGENT = "incident-dashboard-tests/0.1 (tests@example.org)"


class FakePhoton(BaseSyncAdapter):
    """A self-hosted Photon that knows one hamlet, with no region in its answer."""

    def get_json(self, url, *, timeout, headers):
        if "Hamletivka" not in url:
            return {"features": []}
        return {"features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.3, 50.0]},
                              "properties": {"name": "Hamletivka", "type": "village"}}]}  # fmt: skip

    def get_text(self, url, *, timeout, headers):  # pragma: no cover - JSON only
        raise AssertionError(url)


def test_every_source_a_geocoder_can_name_is_a_geocoder_a_record_may_carry():
    assert set(SOURCES) <= set(GEOCODERS)


def test_settings_name_the_geocoder_and_default_to_the_offline_gazetteer(tmp_path, monkeypatch):
    monkeypatch.setenv("GEODATA_CACHE", str(tmp_path))  # where Nominatim's answers would go
    default = configured_geocoder({})
    assert type(default) is GazetteerGeocoder and default.fallback is None
    photon = configured_geocoder(
        {"INCIDENTS_GEOCODER": "photon", "INCIDENTS_GEOCODER_OPTIONS": '{"domain": "photon.internal:2322"}'}
    )
    assert isinstance(photon, Photon) and photon.domain == "photon.internal:2322"
    options = f'{{"user_agent": "{AGENT}"}}'
    fallback = configured_geocoder(
        {"INCIDENTS_GEOCODER_FALLBACK": "nominatim", "INCIDENTS_GEOCODER_FALLBACK_OPTIONS": options}
    )
    assert isinstance(fallback.fallback, NominatimFallback)
    assert [s.name for s in GEOCODER_SETTINGS] == [
        "INCIDENTS_GEOCODER",
        "INCIDENTS_GEOCODER_OPTIONS",
        "INCIDENTS_GEOCODER_FALLBACK",
        "INCIDENTS_GEOCODER_FALLBACK_OPTIONS",
    ]


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"INCIDENTS_GEOCODER": "arcgis"}, "records name where their point came from"),
        ({"INCIDENTS_GEOCODER": "nominatim"}, "user_agent"),
        ({"INCIDENTS_GEOCODER_OPTIONS": "{not json"}, "INCIDENTS_GEOCODER_OPTIONS is not JSON"),
        ({"INCIDENTS_GEOCODER_FALLBACK_OPTIONS": "[1]"}, "must be a JSON object"),
    ],
)
def test_unusable_settings_are_an_incident_error_naming_them(environ, message):
    with pytest.raises(GeocoderConfigError, match=message):
        configured_geocoder(environ)


def test_the_gazetteer_path_gives_the_same_record_as_before():
    record = Locator(geocoder=GazetteerGeocoder()).locate(validate_incident(ROW))
    assert (record["admin1"], record["country"], record["geo_precision"], record["geocoder"]) == (
        "Kharkiv Oblast",
        "UA",
        "settlement",
        "gazetteer",
    )
    with pytest.raises(RecordError, match="'Ivanivka' is ambiguous: Ivanivka"):
        Locator().locate(validate_incident({**ROW, "place": "Ivanivka"}))


def test_an_online_answer_says_where_it_came_from_and_gets_its_region_from_the_point():
    locator = Locator(geocoder=Photon(domain="photon.internal", adapter_factory=FakePhoton))
    record = locator.locate(validate_incident({**ROW, "place": "Hamletivka"}))
    assert (record["latitude"], record["longitude"], record["geocoder"]) == (50.0, 36.3, "photon")
    assert (record["admin1"], record["country"], record["geo_precision"]) == (
        "Kharkiv Oblast",
        "UA",
        "settlement",
    )
    with pytest.raises(RecordError, match="'Nowhereville' was not found by Photon"):
        locator.locate(validate_incident({**ROW, "place": "Nowhereville"}))


def test_a_region_hint_the_gazetteer_does_not_know_rejects_the_row_instead_of_crashing():
    with pytest.raises(RecordError, match="unknown region 'Nowhere Oblast'.*give latitude and longitude"):
        Locator().locate(validate_incident({**ROW, "admin1": "Nowhere Oblast"}))


def test_import_with_unusable_geocoder_settings_exits_1_with_one_line(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENTS_GEOCODER", "no-such-service")
    path = csv_file(tmp_path / "a.csv", "k-1,2025-07-20,Kharkiv,,UA,,,drone,RU,0,2,,")
    result = CliRunner().invoke(main, ["import", str(path), "--db", db_url])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: geocoder settings: geocoder 'no-such-service'")
