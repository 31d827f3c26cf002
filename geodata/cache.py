"""Where geodata keeps what it builds once: the gazetteer index, basemap files, online answers."""

import os
import tempfile
from pathlib import Path

CACHE_ENV = "GEODATA_CACHE"


def cache_dir() -> Path:
    """$GEODATA_CACHE, else the user cache dir ($XDG_CACHE_HOME or ~/.cache)/incident-dashboard."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "incident-dashboard" / "geodata"


def write_atomically(path: Path, data: bytes) -> bool:
    """Write via a temporary file and rename, so concurrent readers never see half a file.

    Returns False when the directory is not writable: callers then keep the data in memory.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
        return True
    except OSError:
        return False
