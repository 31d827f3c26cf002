"""A snapshot made to publish: coarsened points only, and its footer says so."""

import re

from click.testing import CliRunner

from dashboard.cli import main
from dashboard.snapshot import make_snapshot

EXACT = {
    "id": "p-1",
    "date": "2025-07-20",
    "place": "Nowhere Known",
    "admin1": "Sumy Oblast",
    "country": "UA",
    "latitude": 50.912345,
    "longitude": 34.812345,
    "geo_precision": "exact",
    "event_type": "drone_strike",
    "injured": 2,
}


def test_a_coarsened_snapshot_holds_no_finer_point_and_says_so():
    snapshot = make_snapshot("html", [EXACT], precision="0.01")
    page = snapshot.data.decode("utf-8")
    assert "rounded to 0.01°" in snapshot.caption.provenance()
    assert "rounded to 0.01°" in page
    assert "50.912345" not in page and "34.812345" not in page
    assert re.search(r"50\.91\b", page) and re.search(r"34\.81\b", page)


def test_a_snapshot_as_stored_keeps_the_point_and_says_nothing_of_it():
    snapshot = make_snapshot("html", [EXACT])
    assert "50.912345" in snapshot.data.decode("utf-8")
    assert "rounded" not in snapshot.caption.provenance()


def test_the_cli_takes_precision_and_subtitle(tmp_path):
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    out = tmp_path / "map.html"
    result = CliRunner().invoke(
        main,
        ["snapshot", "--db", db, "-o", str(out), "--precision", "settlement", "--subtitle", "As reported"],
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "centre of their settlement" in page and "As reported" in page
