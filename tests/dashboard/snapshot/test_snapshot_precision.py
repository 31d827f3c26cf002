"""A snapshot made to publish: coarsened points only, and its footer says so."""

import re

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.map.aggregate import POINT_LIMIT
from dashboard.snapshot import make_snapshot
from dashboard.snapshot.page import snapshot_page
from incidents.storage.store import Store

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


@pytest.fixture
def store(db_url):
    opened = Store(db_url)
    opened.add([EXACT])
    return opened


def test_a_coarsened_snapshot_holds_no_finer_point_and_says_so(store):
    snapshot = make_snapshot("html", store, precision="0.01")
    page = snapshot.data.decode("utf-8")
    assert "rounded to 0.01°" in snapshot.caption.provenance()
    assert "rounded to 0.01°" in page
    assert "50.912345" not in page and "34.812345" not in page
    assert re.search(r"50\.91\b", page) and re.search(r"34\.81\b", page)


def test_a_snapshot_as_stored_keeps_the_point_and_says_nothing_of_it(store):
    snapshot = make_snapshot("html", store)
    assert "50.912345" in snapshot.data.decode("utf-8")
    assert "rounded" not in snapshot.caption.provenance()


def test_records_in_memory_are_coarsened_alike():
    snapshot = make_snapshot("html", [EXACT], precision="0.01")
    page = snapshot.data.decode("utf-8")
    assert "50.912345" not in page and re.search(r"50\.91\b", page)
    assert "rounded to 0.01°" in snapshot.caption.provenance()


@pytest.mark.parametrize("precision", ["0.1", "settlement"])
def test_aggregated_cells_are_coarsened_too(db_url, precision):
    # More points than the map draws one by one: it draws the store's grid cells, whose
    # point is the mean of their incidents'. A cell of one incident (EXACT, far from the
    # others) would be that incident's own point.
    crowd = [
        {
            **EXACT,
            "id": f"crowd-{n}",
            "place": f"Village {n}",
            "admin1": "Kharkiv Oblast",
            "latitude": 49.0 + (n % 50) * 0.02,
            "longitude": 36.0 + (n // 50) * 0.02,
        }
        for n in range(POINT_LIMIT + 1)
    ]
    store = Store(db_url)
    store.add([EXACT, *crowd])
    snapshot = snapshot_page(store, precision=precision)
    page = snapshot.html
    assert snapshot.caption.incidents == POINT_LIMIT + 2
    assert not snapshot.data.detailed and len(snapshot.data.points) == 0  # cells, not points
    cells = snapshot.data.cells
    assert all(round(v, 1) == v for v in [*cells["latitude"], *cells["longitude"]])
    # Drawn cells are [lat, lon, ...] (the basemap's own pairs are [lon, lat]).
    assert not re.search(r"\[50\.912\d*, ?34\.812", page)
    assert re.search(r"\[50\.9, ?34\.8, ?", page)
    footer = "centre of their settlement" if precision == "settlement" else "rounded to 0.1°"
    assert footer in snapshot.caption.provenance() and footer in page
    # As stored, the lone incident's cell sits at its own point: what the rounding hides.
    assert re.search(r"\[50\.912, ?34\.812, ?", snapshot_page(store).html)


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
