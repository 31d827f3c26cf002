"""Building, caching and sharing the index, on small hand-made GeoNames records."""

import threading

import pytest

from geodata import index as index_module
from geodata.index import GazetteerIndex, build_index, load_or_build
from geodata.places import resolve_place

CITIES = [
    {"geonameid": 1, "name": "Ivanivka", "latitude": 46.7, "longitude": 34.5, "countrycode": "UA",
     "population": 4410, "admin1code": "08", "alternatenames": ["Іванівка", "Ivanovka", "HRK"]},
    {"geonameid": 2, "name": "Ivanivka", "latitude": 48.2, "longitude": 38.9, "countrycode": "UA",
     "population": 7333, "admin1code": "14", "alternatenames": []},
    {"geonameid": 3, "name": "Bigtown", "latitude": 10.0, "longitude": 10.0, "countrycode": "XX",
     "population": 20000, "admin1code": "01", "alternatenames": []},
    {"geonameid": 4, "name": "Smalltown", "latitude": 11.0, "longitude": 11.0, "countrycode": "XX",
     "population": 900, "admin1code": "01", "alternatenames": []},
]  # fmt: skip


@pytest.fixture
def tiny_index():
    built = build_index(CITIES)
    index_module.use_index(built)
    yield built
    index_module.use_index(None)


def test_build_keeps_focus_countries_and_big_world_cities(tiny_index):
    assert tiny_index.names == ["Ivanivka", "Ivanivka", "Bigtown"]
    assert "hrk" not in tiny_index.exact  # airport codes would turn abbreviations into cities
    assert set(tiny_index.exact["іванівка"]) == {0}
    assert tiny_index.label_points["UA.08"] == (46.7, 34.5)


def test_resolution_on_the_tiny_index(tiny_index):
    assert resolve_place("Ivanovka").geonameid == 1  # its Russian name, listed for it alone
    both = resolve_place("Ivanivka")
    assert both.geonameid == 2 and both.ambiguous and both.alternatives[0].geonameid == 1
    assert resolve_place("Іванівка").geonameid == 1
    assert resolve_place("Ivanivka", region="Kherson Oblast").geonameid == 1


def test_marshal_round_trip_and_disk_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GEODATA_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "cities500.json"
    source.write_text('{"1": ' + __import__("json").dumps(CITIES[0]) + "}", encoding="utf-8")
    monkeypatch.setattr(index_module.importlib.metadata, "version", lambda name: "test")
    built = load_or_build(source)
    cached = list((tmp_path / "cache").glob("gazetteer-*.marshal"))
    assert len(cached) == 1
    loaded = GazetteerIndex.from_marshal(cached[0].read_bytes())
    assert loaded.names == built.names and loaded.exact == built.exact
    monkeypatch.setattr(index_module, "build_index", lambda cities: pytest.fail("rebuilt"))
    assert load_or_build(source).names == built.names  # served from the cache file


def test_stale_cache_files_are_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("GEODATA_CACHE", str(tmp_path))
    monkeypatch.setattr(index_module.importlib.metadata, "version", lambda name: "test")
    source = tmp_path / "cities500.json"
    source.write_text(__import__("json").dumps({"1": CITIES[0]}), encoding="utf-8")
    (tmp_path / "gazetteer-v0-old.marshal").write_bytes(b"stale")
    index_module._cache_file(source).write_bytes(b"\x00 truncated")
    assert load_or_build(source).names == ["Ivanivka"]
    assert [p.name for p in tmp_path.glob("gazetteer-*.marshal")] == [index_module._cache_file(source).name]


def test_shared_index_loads_once_across_threads(monkeypatch):
    calls = []

    def slow_build():
        calls.append(1)
        return build_index(CITIES)

    index_module.use_index(None)
    monkeypatch.setattr(index_module, "load_or_build", slow_build)
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(index_module.shared_index())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    index_module.use_index(None)
    assert len(calls) == 1 and len({id(i) for i in seen}) == 1
