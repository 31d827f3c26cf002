"""Leaflet and plugin files served by the app itself, so the map needs no CDN.

The files come from installed registry packages (xstatic-leaflet, folium). Streamlit serves
`dashboard/static/vendor/` at `/app/static/vendor/`, so the app copies them there; a
standalone snapshot reads them from the packages themselves and needs no copy.
"""

import shutil
from collections.abc import Iterator
from pathlib import Path

import folium
import xstatic.pkg.leaflet

from geodata.files import replaced_file

# Beside app.py: Streamlit serves the static/ folder next to its entry script.
STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
STATIC_URL = "/app/static/vendor"

# name -> (package data dir, files); images keep Leaflet's relative paths working.
_PACKAGES = {
    "leaflet": (Path(xstatic.pkg.leaflet.BASE_DIR), ["leaflet.js", "leaflet.css", "images"]),
    # folium ships the heat plugin's script itself.
    "folium": (Path(folium.__file__).parent / "templates", ["leaflet_heat.min.js"]),
}

LEAFLET_JS = [("leaflet", f"{STATIC_URL}/leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{STATIC_URL}/leaflet/leaflet.css")]
HEAT_JS = [("leaflet-heat.js", f"{STATIC_URL}/folium/leaflet_heat.min.js")]


def ensure_static_assets() -> Path:
    """Make the served copy match the packages; idempotent.

    Each file is replaced whole (written beside itself, then renamed), and a copy whose
    size differs from the package's is written again: a copy cut short once (a full disk,
    a file-size limit, a killed process) must not leave every later map without Leaflet.
    """
    for source, relative in _package_files():
        target = VENDOR_DIR / relative
        if target.is_file() and target.stat().st_size == source.stat().st_size:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with source.open("rb") as data, replaced_file(target, "wb") as out:
            shutil.copyfileobj(data, out)
    return VENDOR_DIR


def vendor_file(url: str) -> Path:
    """The installed package file behind a STATIC_URL link (for inlining into standalone
    HTML); read from the package, not from the served copy."""
    relative = Path(url.removeprefix(STATIC_URL + "/"))
    name, rest = relative.parts[0], Path(*relative.parts[1:])
    source_dir, _ = _PACKAGES.get(name, (VENDOR_DIR / name, []))
    return source_dir / rest


def _package_files() -> Iterator[tuple[Path, Path]]:
    """(file in the package, its path under VENDOR_DIR) for every served file."""
    for name, (source_dir, entries) in _PACKAGES.items():
        for entry in entries:
            source = source_dir / entry
            files = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else [source]
            for path in files:
                yield path, Path(name) / path.relative_to(source_dir)
