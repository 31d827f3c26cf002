"""Leaflet and plugin files served by the app itself, so the map needs no CDN.

The files come from installed registry packages (xstatic-leaflet, folium) and are copied into
`dashboard/static/vendor/`, which Streamlit serves at `/app/static/vendor/`.
"""

import shutil
from pathlib import Path

import folium
import xstatic.pkg.leaflet

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
    """Copy the vendor files into the static folder when missing; idempotent."""
    for name, (source_dir, entries) in _PACKAGES.items():
        target_dir = VENDOR_DIR / name
        for entry in entries:
            source, target = source_dir / entry, target_dir / entry
            if target.exists():
                continue
            target_dir.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                shutil.copy2(source, target)
    return VENDOR_DIR


def vendor_file(url: str) -> Path:
    """The local file behind a STATIC_URL link (for inlining into standalone HTML)."""
    return VENDOR_DIR / url.removeprefix(STATIC_URL + "/")
