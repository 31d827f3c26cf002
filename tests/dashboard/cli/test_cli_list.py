"""`incidents list` through the installed console script, on a real SQLite file."""

import json
import subprocess
import sys
from pathlib import Path

INCIDENTS = str(Path(sys.executable).with_name("incidents"))


def run(*args, db_url):
    return subprocess.run([INCIDENTS, *args, "--db", db_url], capture_output=True, text=True, timeout=60)


def test_list_json_prints_the_four_seed_incidents(db_url):
    result = run("list", "--json", db_url=db_url)
    assert result.returncode == 0, result.stderr
    records = {r["place"]: r for r in json.loads(result.stdout)}
    assert set(records) == {"Zaporizhzhia", "Kharkiv", "Sumy", "Zelenograd"}
    assert sum(r["injured"] for r in records.values()) == 6
    assert records["Sumy"]["households_without_power"] == 100
    assert records["Sumy"]["children_injured"] == 1
    assert records["Kharkiv"]["killed"] is None
    assert records["Zelenograd"]["killed"] == 0
    assert {r["date"] for r in records.values()} == {"2025-07-20"}


def test_list_filters_by_region(db_url):
    result = run("list", "--json", "--region", "Sumy Oblast", db_url=db_url)
    assert result.returncode == 0, result.stderr
    assert [r["place"] for r in json.loads(result.stdout)] == ["Sumy"]


def test_nothing_found_exits_1_with_one_line(db_url):
    result = run("list", "--from", "2024-01-01", "--to", "2024-01-02", db_url=db_url)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_bad_date_is_a_usage_error(db_url):
    result = run("list", "--from", "20/07/2025", db_url=db_url)
    assert result.returncode == 2
    assert "20/07/2025" in result.stderr
    assert "Traceback" not in result.stderr
