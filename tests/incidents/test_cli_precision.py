"""`incidents export --precision`: coordinates safe to publish, and the file says so."""

import json

from click.testing import CliRunner

from dashboard.cli import main
from tests.incidents.helpers import csv_file


def run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


EXACT = (
    "x-1,2025-07-20,Kharkiv,Kharkiv Oblast,UA,49.987654,36.231234,drone strike,RU,,2,,a strike",
    "x-2,2025-07-20,Nowhere Known,Sumy Oblast,UA,50.912345,34.812345,drone strike,RU,1,,,another",
)


def _decimals(value: float) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text else 0


def test_a_coarsened_geojson_has_no_coordinate_finer_than_asked(db_url, tmp_path):
    assert run("import", "--db", db_url, csv_file(tmp_path / "exact.csv", *EXACT)).exit_code == 0
    for precision, most in (("0.1", 1), ("0.01", 2)):
        out = tmp_path / f"{precision}.geojson"
        result = run("export", "--db", db_url, "--format", "geojson", "-o", out, "--precision", precision)
        assert result.exit_code == 0, result.output
        collection = json.loads(out.read_text(encoding="utf-8"))
        assert "not where the strike was" in collection["locations"]
        for feature in collection["features"]:
            longitude, latitude = feature["geometry"]["coordinates"]
            properties = feature["properties"]
            assert max(map(_decimals, (longitude, latitude))) <= most
            assert (properties["latitude"], properties["longitude"]) == (latitude, longitude)


def test_settlement_precision_puts_a_point_at_its_settlement_and_others_on_the_grid(db_url, tmp_path):
    run("import", "--db", db_url, csv_file(tmp_path / "exact.csv", *EXACT))
    out = tmp_path / "settlement.json"
    result = run("export", "--db", db_url, "--format", "json", "-o", out, "--precision", "settlement")
    assert result.exit_code == 0 and "centre of their settlement" in result.output
    records = {r["id"]: r for r in json.loads(out.read_text(encoding="utf-8"))}
    kharkiv = next(r for r in records.values() if r["description"] == "a strike")
    unknown = next(r for r in records.values() if r["description"] == "another")
    assert (round(kharkiv["latitude"], 6), round(kharkiv["longitude"], 6)) != (49.987654, 36.231234)
    assert abs(kharkiv["latitude"] - 49.98) < 0.1 and abs(kharkiv["longitude"] - 36.25) < 0.1
    assert (unknown["latitude"], unknown["longitude"]) == (50.9, 34.8)


def test_an_export_without_precision_keeps_the_stored_points(db_url, tmp_path):
    run("import", "--db", db_url, csv_file(tmp_path / "exact.csv", *EXACT))
    out = tmp_path / "as-stored.geojson"
    assert run("export", "--db", db_url, "--format", "geojson", "-o", out).exit_code == 0
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert "locations" not in collection
    points = {tuple(f["geometry"]["coordinates"]) for f in collection["features"]}
    assert (36.231234, 49.987654) in points


def test_an_unknown_precision_is_a_usage_error(db_url, tmp_path):
    result = run("export", "--db", db_url, "--format", "csv", "-o", tmp_path / "x.csv", "--precision", "1")
    assert result.exit_code == 2 and "--precision" in result.output
