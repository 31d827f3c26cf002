"""The Data page's downloads hold exactly the filtered rows, with unknown as null."""

import csv
import io
import json

from dashboard.views.data_view import exported
from incidents.formats.export import spreadsheet_safe
from incidents.importing.importer import prepare_batch
from incidents.rules.filters import IncidentFilter
from incidents.storage.store import Store


def test_downloads_are_the_filtered_rows_with_unknown_as_null(db_url):
    store = Store(db_url)
    store.load_seed_if_empty()
    frame = list(store.iter_incidents(IncidentFilter(regions=("Sumy Oblast", "Kharkiv Oblast"))))
    geojson = json.loads(exported(frame, "geojson"))
    places = {f["properties"]["place"]: f["properties"] for f in geojson["features"]}
    assert set(places) == {"Sumy", "Kharkiv"}
    assert places["Kharkiv"]["killed"] is None and places["Sumy"]["households_without_power"] == 100
    rows = list(csv.DictReader(io.StringIO(exported(frame, "csv").decode("utf-8"))))
    assert [r["place"] for r in rows] == ["Kharkiv", "Sumy"]
    assert rows[0]["killed"] == ""  # unknown, not 0
    assert len(json.loads(exported(frame, "json"))) == 2


FORMULA_PAYLOADS = [
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    '=HYPERLINK("http://x","y")',
    "x;=cmd|' /C calc'!A0",
    "a\t=1",
    "a,=1",
    "\r=1",
]


def test_the_csv_download_has_no_part_a_spreadsheet_would_run(db_url):
    store = Store(db_url)
    rows = [
        {
            "date": "2025-07-20",
            "place": text,
            "country": "UA",
            "latitude": 48.0 + n / 10,
            "longitude": 30.0,
            "event_type": "drone_strike",
            "damage": text,
            "description": text,
            "source_name": text,
        }
        for n, text in enumerate(FORMULA_PAYLOADS)
    ]
    store.write_batch(prepare_batch(json.dumps(rows).encode(), name="payloads.json"))
    data = exported(store.iter_incidents(), "csv").decode("utf-8")
    # Split as a spreadsheet might that ignores quotes: at any separator or line break.
    for separator in (",", ";", "\t", "\r", "\n"):
        for part in data.split(separator):
            assert not part.lstrip('"').startswith(("=", "+", "-", "@", "\t", "\r")), (separator, part)
    places = [row["place"] for row in csv.DictReader(io.StringIO(data))]
    stored = [record["place"] for record in store.read_incidents()]
    assert sorted(places) == sorted(spreadsheet_safe(place) for place in stored)
    assert "x;'=cmd|' /C calc'!A0" in places and '\'=HYPERLINK("http://x","y")' in places


def test_a_coarsened_download_has_no_point_finer_than_chosen(db_url):
    store = Store(db_url)
    row = {
        "date": "2025-07-20",
        "place": "Nowhere Known",
        "country": "UA",
        "latitude": 50.912345,
        "longitude": 34.812345,
        "event_type": "drone_strike",
    }
    store.write_batch(prepare_batch(json.dumps([row]).encode(), name="exact.json"))
    geojson = json.loads(exported(store.iter_incidents(), "geojson", "0.1"))
    assert "0.1°" in geojson["locations"]
    [feature] = geojson["features"]
    assert feature["geometry"]["coordinates"] == [34.8, 50.9]
    exact = json.loads(exported(store.iter_incidents(), "geojson"))
    assert exact["features"][0]["geometry"]["coordinates"] == [
        34.812345,
        50.912345,
    ]
