"""`incidents history ID` through the installed console script, on a real SQLite file."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from incidents.importing.batch import Batch, Deletion
from incidents.importing.importer import import_file
from incidents.storage.store import Store
from tests.incidents.helpers import csv_file

INCIDENTS = str(Path(sys.executable).with_name("incidents"))
HEADER = "id,date,place,admin1,country,latitude,longitude,event_type,attacker,killed,injured,description"
ROW = "k-1,2025-07-20,Kharkiv,Kharkiv Oblast,UA,49.98,36.25,drone,RU,0,2,{}"


def run(*args, db_url):
    return subprocess.run([INCIDENTS, *args, "--db", db_url], capture_output=True, text=True, timeout=60)


@pytest.fixture
def revised_store(db_url, tmp_path):
    store = Store(db_url)
    path = tmp_path / "report.csv"
    import_file(store, csv_file(path, ROW.format("first"), header=HEADER), today=dt.date(2025, 8, 1))
    changed = ROW.replace(",0,2,", ",0,5,").format("line\x1b[2Jbreak")
    import_file(store, csv_file(path, changed, header=HEADER), today=dt.date(2025, 8, 1))
    store.close()
    return db_url


def test_history_json_lists_every_version(revised_store):
    result = run("history", "k-1", "--json", db_url=revised_store)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["id"] == "k-1"
    first, second = out["versions"]
    assert (first["change"], second["change"]) == ("stored", "updated")
    assert first["record"]["injured"] == 2 and second["record"]["injured"] == 5
    assert second["file_name"].endswith("report.csv")
    assert {"field": "injured", "before": 2, "after": 5} in second["changes"]
    assert dt.datetime.fromisoformat(second["when"]).utcoffset() == dt.timedelta(0)
    assert out["current"] == second["record"]


def test_history_text_says_what_changed_and_escapes_control_characters(revised_store):
    result = run("history", "k-1", db_url=revised_store)
    assert result.returncode == 0, result.stderr
    assert "injured 2 → 5" in result.stdout
    assert "current record:" in result.stdout and "2. " in result.stdout
    assert "\x1b" not in result.stdout and "\\x1b[2J" in result.stdout


def test_history_of_a_deleted_record(revised_store):
    store = Store(revised_store)
    store.write_batch(
        Batch("withdrawn.csv", "h", "acled", None, 1, [], [], deletions=[Deletion(2, "k-1", None)])
    )
    store.close()
    out = json.loads(run("history", "k-1", "--json", db_url=revised_store).stdout)
    assert [v["change"] for v in out["versions"]] == ["stored", "updated", "deleted"]
    assert out["current"] is None and out["versions"][-1]["file_name"] == "withdrawn.csv"
    text = run("history", "k-1", db_url=revised_store).stdout
    assert "deleted by withdrawn.csv" in text and "deleted; the record as it was:" in text


def test_an_unknown_id_exits_1_with_one_line(db_url):
    result = run("history", "no-such-id", db_url=db_url)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: no record has the id 'no-such-id'; `incidents list --json` shows the ids"
    ]
