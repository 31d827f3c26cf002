"""resolve_place against the real gazetteer: accuracy on the place test set, hints, bad input."""

import csv
from pathlib import Path

import pytest

from geodata import InvalidQueryError
from geodata.places import PlaceMatch, resolve_place, resolve_places
from geodata.reverse import distance_km

PLACES_CSV = Path(__file__).parent / "data" / "places.csv"


def _rows():
    with PLACES_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _resolve_row(row):
    return resolve_place(row["query"], country=row["country"] or None, region=row["region"] or None)


def _correct(row, match) -> bool:
    if match is None:
        return False
    if row["geo_precision"] == "admin1":
        return match.geo_precision == "admin1" and match.admin1 == row["admin1"]
    expected = float(row["latitude"]), float(row["longitude"])
    return distance_km(match.latitude, match.longitude, *expected) <= 5.0


def test_place_set_covers_what_reports_contain():
    rows = _rows()
    kinds = {row["kind"] for row in rows}
    assert len(rows) >= 300
    assert {"variant", "cyrillic", "renamed", "region", "village-hinted", "ambiguous"} <= kinds


def test_at_least_97_percent_of_places_resolve_within_5_km():
    located = [row for row in _rows() if row["kind"] != "ambiguous"]
    wrong = [row["query"] for row in located if not _correct(row, _resolve_row(row))]
    accuracy = 1 - len(wrong) / len(located)
    assert accuracy >= 0.97, f"{accuracy:.1%} correct; wrong: {wrong}"


def test_every_ambiguous_name_is_flagged_with_alternatives():
    for row in _rows():
        if row["ambiguous"] == "yes":
            match = _resolve_row(row)
            assert match is not None and match.ambiguous, row["query"]
            assert match.alternatives, row["query"]


def test_big_cities_are_not_flagged_ambiguous():
    for name in ("Kharkiv", "Moscow", "Sumy", "Zelenograd", "Kramatorsk"):
        assert resolve_place(name).ambiguous is False, name


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Kharkov", "Kharkiv"),
        ("Харьков", "Kharkiv"),
        ("Zaporizhia", "Zaporizhzhia"),
        ("Zaporozhe", "Zaporizhzhia"),
        ("Nikolayev", "Mykolaiv"),
        ("Dnepr", "Dnipro"),
        ("Kirovograd", "Kropyvnytskyi"),
        ("Artemovsk", "Bakhmut"),
        ("Khar’kov", "Kharkiv"),
        ("Kharʼkov", "Kharkiv"),
        ("  the city of Sumy ", "Sumy"),
        ("village of Zelenograd", "Zelenograd"),
    ],
)
def test_reported_spellings_resolve_to_the_settlement(query, expected):
    assert resolve_place(query).name == expected


def test_region_name_resolves_to_the_region():
    match = resolve_place("Kharkiv region")
    assert (match.name, match.geo_precision, match.country) == ("Kharkiv Oblast", "admin1", "UA")
    assert match.admin1 == "Kharkiv Oblast"
    assert resolve_place("Belgorod region").admin1 == "Belgorod Oblast"
    assert resolve_place("Moscow region").admin1 == "Moscow Oblast"
    assert resolve_place("Moscow").geo_precision == "settlement"


def test_region_hint_picks_the_village_and_country_hint_filters():
    kherson = resolve_place("Ivanivka", region="Kherson Oblast")
    assert kherson.admin1 == "Kherson Oblast"
    luhansk = resolve_place("Ivanivka", region="Luhanska oblast")
    assert luhansk.admin1 == "Luhansk Oblast"
    assert resolve_place("Ivanivka, Kherson Oblast").geonameid == kherson.geonameid
    assert resolve_place("Istanbul", country="UA") is None
    assert resolve_place("Istanbul").country == "TR"
    assert resolve_place("Sverdlovsk", country="UA").name == "Dovzhansk"


def test_unknown_name_is_none_and_alternatives_are_plain_matches():
    assert resolve_place("Qwertyuiopgrad") is None
    match = resolve_place("Ivanivka")
    assert match.ambiguous
    assert all(isinstance(a, PlaceMatch) and not a.alternatives for a in match.alternatives)


@pytest.mark.parametrize("bad", ["", "   ", "12345", "48.5, 35.0", "x" * 10_240, None, 42])
def test_malformed_names_raise_a_clear_error(bad):
    with pytest.raises(InvalidQueryError) as error:
        resolve_place(bad)
    assert len(str(error.value)) < 200


@pytest.mark.parametrize("hints", [{"country": "Narnia"}, {"region": "Narnia Oblast"}, {"country": 7}])
def test_unknown_hints_raise(hints):
    with pytest.raises(InvalidQueryError, match="unknown|must be"):
        resolve_place("Kharkiv", **hints)


def test_batch_keeps_order_and_turns_bad_names_into_none():
    results = resolve_places(["Sumy", "", "Qwertyuiopgrad", "Kharkov"])
    assert [r and r.name for r in results] == ["Sumy", None, None, "Kharkiv"]
