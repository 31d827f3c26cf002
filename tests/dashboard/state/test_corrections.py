"""Correcting rejected rows of an upload and importing them again, on a real store."""

from dashboard.state.corrections import corrections_file, rejected_fields
from incidents.importing.importer import prepare_batch
from incidents.storage.store import Store

UPLOAD = (
    b"date,place,country,latitude,longitude,event_type,attacker,injured,source_name\n"
    b"2025-07-21,Kharkiv,UA,49.98,36.25,drone_strike,RU,1,TEST upload\n"
    b"2025-07-21,Sumy,UA,95.00,34.80,drone_strike,RU,1,TEST upload\n"
)


def test_a_fixed_coordinate_imports_and_closes_the_rejection(db_url):
    store = Store(db_url)
    first = store.write_batch(prepare_batch(UPLOAD, name="upload.csv"))
    assert (first.stored, first.rejected) == (1, 1)
    open_rows = {r["row_number"]: r["id"] for r in store.rejections(batch_id=first.batch_id)}
    assert list(open_rows) == [3]

    rows = rejected_fields(UPLOAD, name="upload.csv", format=None, rows=[3])
    assert rows[0]["row"] == 3 and rows[0]["latitude"] == "95.00"
    assert list(rows[0])[1:3] == ["place", "country"]  # what users fix comes first
    rows[0]["latitude"] = "50.91"

    retry = store.write_batch(
        prepare_batch(corrections_file(rows), name="upload.csv (corrections)", format="json")
    )
    assert (retry.stored, retry.rejected) == (1, 0)
    store.dismiss_rejections([open_rows[3]])
    assert store.rejections() == []
    assert {r["place"] for r in store.read_incidents()} >= {"Kharkiv", "Sumy"}


def test_emptied_cells_become_unknown_not_empty_text():
    rows = [{"row": 2, "place": "Sumy", "injured": "", "killed": None}]
    assert corrections_file(rows) == b'[{"place": "Sumy", "injured": null, "killed": null}]'
