"""The Data page's downloads hold exactly the filtered rows, with unknown as null."""

import csv
import io
import json

from dashboard.views.data_view import exported
from incidents.filters import IncidentFilter
from incidents.store import Store


def test_downloads_are_the_filtered_rows_with_unknown_as_null(db_url):
    store = Store(db_url)
    store.load_seed_if_empty()
    frame = store.query(IncidentFilter(regions=("Sumy Oblast", "Kharkiv Oblast")))
    geojson = json.loads(exported(frame, "geojson"))
    places = {f["properties"]["place"]: f["properties"] for f in geojson["features"]}
    assert set(places) == {"Sumy", "Kharkiv"}
    assert places["Kharkiv"]["killed"] is None and places["Sumy"]["households_without_power"] == 100
    rows = list(csv.DictReader(io.StringIO(exported(frame, "csv").decode("utf-8"))))
    assert [r["place"] for r in rows] == ["Kharkiv", "Sumy"]
    assert rows[0]["killed"] == ""  # unknown, not 0
    assert len(json.loads(exported(frame, "json"))) == 2
