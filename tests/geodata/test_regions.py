from geodata.index import shared_index
from geodata.regions import REGIONS, find_regions, hint_codes, region_name


def test_every_ukrainian_and_russian_region_in_the_data_has_an_english_name():
    index = shared_index()
    codes = {(c, a) for c, a in zip(index.countries, index.admin1_codes, strict=True) if c in ("UA", "RU")}
    assert {code for code in codes if region_name(*code) is None} == set()
    assert len([r for r in REGIONS if r.country == "UA"]) == 27
    assert region_name("UA", "07") == "Kharkiv Oblast"
    assert region_name("RU", "48") == "Moscow"


def test_region_names_as_reported():
    for text in (
        "Kharkiv region",
        "Kharkov Oblast",
        "Харківська область",
        "Харьковская обл.",
        "Kharkivska",
    ):
        assert [r.name for r in find_regions(text)] == ["Kharkiv Oblast"], text
    assert find_regions("Kharkiv") == []  # the city, unless the caller says it is a region
    assert [r.name for r in find_regions("Kharkiv", qualified=True)] == ["Kharkiv Oblast"]
    assert [r.name for r in find_regions("Altai Krai")] == ["Altai Krai"]


def test_hint_for_a_federal_city_admits_the_oblast_around_it():
    assert hint_codes("Moscow region") == {("RU", "47"), ("RU", "48")}
    assert hint_codes("Narnia") == frozenset()
