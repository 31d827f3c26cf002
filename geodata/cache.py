"""Where geodata keeps what it builds once: the gazetteer index, basemap files, online answers."""

import os
from pathlib import Path

import platformdirs

from geodata.files import replaced_file

CACHE_ENV = "GEODATA_CACHE"


def cache_dir() -> Path:
    """$GEODATA_CACHE, else `geodata` in the user cache dir of incident-dashboard
    (platformdirs: on Linux $XDG_CACHE_HOME or ~/.cache, then /incident-dashboard)."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_cache_dir("incident-dashboard", appauthor=False)) / "geodata"


def write_atomically(path: Path, data: bytes) -> bool:
    """Write via a temporary file and rename (geodata.files), so concurrent readers never
    see half a file and a failed write leaves nothing behind.

    Returns False when the directory is not writable: callers then keep the data in memory.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with replaced_file(path, "wb") as handle:
            handle.write(data)
        return True
    except OSError:
        return False
