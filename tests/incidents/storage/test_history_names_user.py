"""Record history names who imported each version (issue 20), on both backends."""

from click.testing import CliRunner

from dashboard.cli import main
from incidents.storage.store import Store
from tests.incidents.helpers import csv_file

HEADER = "id,date,place,country,event_type,injured"


def test_each_version_names_who_imported_it(db_url, tmp_path):
    first = csv_file(tmp_path / "first.csv", "h-1,2025-07-20,Kharkiv,UA,drone strike,2", header=HEADER)
    second = csv_file(tmp_path / "second.csv", "h-1,2025-07-20,Kharkiv,UA,drone strike,5", header=HEADER)
    runner = CliRunner()
    assert runner.invoke(main, ["import", "--db", db_url, str(first), "--by", "anna"]).exit_code == 0
    assert runner.invoke(main, ["import", "--db", db_url, str(second), "--by", "bo"]).exit_code == 0
    versions = Store(db_url).history("h-1")
    assert [(v["change"], v["by"]) for v in versions] == [("stored", "anna"), ("updated", "bo")]
    shown = runner.invoke(main, ["history", "--db", db_url, "h-1"]).output
    assert "imported by anna" in shown and "imported by bo" in shown
