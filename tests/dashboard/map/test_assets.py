"""The app's own copy of Leaflet: repaired when cut short, never needed by a snapshot."""

import pytest

from dashboard.map import assets
from dashboard.map.assets import LEAFLET_JS, ensure_static_assets, vendor_file


@pytest.fixture
def vendor_dir(tmp_path, monkeypatch):
    folder = tmp_path / "vendor"
    monkeypatch.setattr(assets, "VENDOR_DIR", folder)
    return folder


def test_a_copy_cut_short_is_written_again_whole(vendor_dir):
    ensure_static_assets()
    served = vendor_dir / "leaflet" / "leaflet.js"
    whole = served.read_bytes()
    served.write_bytes(whole[:1000])  # what a file-size limit or a full disk leaves
    ensure_static_assets()
    assert served.read_bytes() == whole
    assert [p.name for p in vendor_dir.rglob("*.part")] == []


def test_the_images_leaflet_css_refers_to_are_served(vendor_dir):
    ensure_static_assets()
    assert (vendor_dir / "leaflet" / "images" / "marker-icon.png").is_file()


def test_a_snapshot_reads_leaflet_from_the_installed_package(vendor_dir):
    path = vendor_file(LEAFLET_JS[0][1])
    assert not vendor_dir.exists()
    assert path.is_file() and "Leaflet" in path.read_text(encoding="utf-8")[:2000]
