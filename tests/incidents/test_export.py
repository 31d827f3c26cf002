import csv
import io
import json

from incidents.export import neutralise, write_csv, write_geojson, write_json
from incidents.filters import IncidentFilter
from incidents.importer import import_file
from incidents.model import INCIDENT_FIELDS


def test_neutralise_only_formula_starts():
    assert [neutralise(v) for v in ("=1+1", "+7", "-x", "@A1", "\t=1", "Kharkiv", "", 3, -36.5)] == [
        "'=1+1",
        "'+7",
        "'-x",
        "'@A1",
        "'\t=1",
        "Kharkiv",
        "",
        3,
        -36.5,
    ]


def test_csv_keeps_numbers_and_unknowns(store):
    store.load_seed_if_empty()
    out = io.StringIO()
    assert write_csv(store.iter_incidents(), out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(INCIDENT_FIELDS)
    zelenograd = next(r for r in rows if r["place"] == "Zelenograd")
    sumy = next(r for r in rows if r["place"] == "Sumy")
    assert (zelenograd["killed"], sumy["killed"]) == ("0", "")


def test_geojson_is_rfc7946(store):
    store.load_seed_if_empty()
    out = io.StringIO()
    write_geojson(store.iter_incidents(IncidentFilter(countries=("RU",))), out)
    document = json.loads(out.getvalue())
    assert document["type"] == "FeatureCollection" and "crs" not in document
    (feature,) = document["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [37.18139, 55.9825]}  # lon, lat
    assert feature["properties"]["place"] == "Zelenograd" and feature["id"] == feature["properties"]["id"]


def test_exports_reimport_as_duplicates(store, tmp_path):
    store.load_seed_if_empty()
    for name, writer in (
        ("x.json", write_json),
        ("x.geojson", write_geojson),
        ("x.csv", write_csv),
    ):
        path = tmp_path / name
        with open(path, "w", encoding="utf-8", newline="") as out:
            writer(store.iter_incidents(), out)
        summary = import_file(store, path).summary()
        assert (summary["read"], summary["duplicates"]) == (4, 4), (name, summary)


def test_json_of_a_dataframe_has_nulls_not_nan(store):
    store.load_seed_if_empty()
    out = io.StringIO()
    write_json(store.query().to_dict("records"), out)
    records = json.loads(out.getvalue())
    assert next(r for r in records if r["place"] == "Sumy")["killed"] is None
