"""ACLED is a living dataset: revisions update with history, older exports change nothing,
and ACLED's deletions list removes records and keeps them in history (SQLite and PostgreSQL)."""

import datetime as dt

from incidents.importing.importer import import_file
from tests.incidents.formats.acled_rows import acled_dicts, layout_bytes
from tests.incidents.helpers import balanced

TODAY = dt.date(2026, 1, 1)


def write(path, layout, rows) -> str:
    path.write_bytes(layout_bytes(layout, rows))
    return str(path)


def test_a_revised_export_updates_keeps_history_and_an_older_one_changes_nothing(store, tmp_path):
    rows = acled_dicts()
    first = import_file(store, write(tmp_path / "march.csv", "current", rows), today=TODAY).summary()
    assert balanced(first) and first["stored"] == 14 and first["rejected"] == 12
    strikes = store.count()
    assert strikes == 10 and len(store.read_air_defence()) == 4  # no interception is a strike

    revised = [dict(row) for row in rows]
    revised[0].update(fatalities="2", timestamp=str(int(rows[0]["timestamp"]) + 86_400))
    newer = import_file(store, write(tmp_path / "april.csv", "current", revised), today=TODAY).summary()
    assert (newer["updated"], newer["stored"]) == (1, 0) and balanced(newer)
    (record,) = [r for r in store.read_incidents() if r["id"] == "UKR201"]
    assert record["killed"] == 2

    versions = store.history("UKR201")
    assert [v["change"] for v in versions] == ["stored", "updated"]
    assert versions[0]["record"]["killed"] == 1 and versions[1]["record"]["killed"] == 2
    assert {"field": "killed", "before": 1, "after": 2} in versions[1]["changes"]

    older = import_file(store, write(tmp_path / "march-again.csv", "current", rows), today=TODAY).summary()
    assert (older["updated"], older["outdated"]) == (0, 1) and balanced(older)
    (record,) = [r for r in store.read_incidents() if r["id"] == "UKR201"]
    assert record["killed"] == 2 and len(store.history("UKR201")) == 2


def test_the_deletions_list_removes_records_and_keeps_their_history(store, tmp_path):
    import_file(store, write(tmp_path / "march.csv", "current", acled_dicts()), today=TODAY)
    deletions = tmp_path / "deletions.csv"
    deletions.write_text(
        "event_id_cnty,deleted_timestamp\nUKR201,1750000000\nUKR211,1750000000\nUKR999,1750000000\n"
    )
    result = import_file(store, deletions, today=TODAY).summary()
    assert (result["read"], result["deleted"], result["duplicates"]) == (3, 2, 1) and balanced(result)
    assert not [r for r in store.read_incidents() if r["id"] == "UKR201"]
    assert not [r for r in store.read_air_defence() if r["id"] == "UKR211"]
    assert store.count() == 9
    assert [v["change"] for v in store.history("UKR201")] == ["stored", "deleted"]
    assert store.history("UKR201")[-1]["record"]["killed"] == 1
