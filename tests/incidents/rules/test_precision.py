"""Coarsened locations for publishing: no coordinate finer than asked."""

import json
from decimal import Decimal

import pytest

from incidents.importing.seed import read_seed
from incidents.rules.precision import (
    PRECISIONS,
    PrecisionError,
    coarsen,
    gazetteer_point,
    precision_note,
    public_record,
)

EXACT = {
    "id": "x",
    "place": "Kharkiv",
    "country": "UA",
    "admin1": "Kharkiv Oblast",
    "latitude": 49.987654,
    "longitude": 36.234567,
    "geo_precision": "exact",
    "batch_id": "internal",
    "search_text": "internal",
}


def decimals(value: float) -> int:
    return max(0, -Decimal(repr(value)).as_tuple().exponent)


@pytest.mark.parametrize(("precision", "places"), [("0.1", 1), ("0.01", 2)])
def test_rounded_points_have_no_finer_digits(precision, places):
    records = [coarsen(r, precision, locate=gazetteer_point) for r in read_seed()[0] + [EXACT]]
    for record in records:
        if record.get("latitude") is not None:
            assert decimals(record["latitude"]) <= places and decimals(record["longitude"]) <= places
    # Serialised (GeoJSON writes these floats with repr), still no finer digit.
    text = json.dumps([[r["longitude"], r["latitude"]] for r in records if r.get("latitude") is not None])
    assert all(
        len(number.split(".")[-1]) <= places for number in text.replace("[", "").replace("]", "").split(", ")
    )
    assert coarsen(EXACT, precision, locate=gazetteer_point)["geo_precision"] == "settlement"


def test_settlement_moves_the_point_to_the_gazetteers_and_falls_back_to_the_grid():
    kharkiv = gazetteer_point("Kharkiv", "UA", "Kharkiv Oblast")
    assert kharkiv is not None
    coarse = coarsen(EXACT, "settlement", locate=gazetteer_point)
    assert (coarse["latitude"], coarse["longitude"]) == kharkiv
    unknown = coarsen(EXACT | {"place": "Nowhere-on-earth"}, "settlement", locate=gazetteer_point)
    assert (unknown["latitude"], unknown["longitude"]) == (50.0, 36.2)
    region = EXACT | {"geo_precision": "admin1"}
    assert coarsen(region, "settlement", locate=lambda *_: (0.0, 0.0))["latitude"] == EXACT["latitude"]


def test_unknown_stays_unknown_and_the_original_is_untouched():
    blank = {"id": "y", "latitude": None, "longitude": None}
    assert coarsen(blank, "0.1", locate=gazetteer_point) == blank
    coarsen(EXACT, "0.1", locate=gazetteer_point)
    assert EXACT["latitude"] == 49.987654


def test_public_record_drops_internal_fields():
    public = public_record(EXACT, "0.01", locate=gazetteer_point)
    assert "batch_id" not in public and "search_text" not in public
    assert public["latitude"] == 49.99
    assert public_record(EXACT, None, locate=gazetteer_point)["latitude"] == EXACT["latitude"]


def test_the_note_and_bad_precisions():
    assert all("not where the strike was" in precision_note(p) for p in PRECISIONS)
    assert "0.1°" in precision_note("0.1")
    with pytest.raises(PrecisionError, match="settlement, 0.1, 0.01"):
        coarsen(EXACT, "1", locate=gazetteer_point)
