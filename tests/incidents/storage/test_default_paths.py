"""Where the store and the geodata cache live by default: the README's paths on Linux."""

import sys
from pathlib import Path

import pytest

from geodata.cache import cache_dir
from incidents.storage.store import default_db_url

# platformdirs gives each system its own folders; the README states Linux's.
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux folders")


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("INCIDENTS_DB", "XDG_DATA_HOME", "XDG_CACHE_HOME", "GEODATA_CACHE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_without_settings_the_store_and_cache_are_in_the_home_folder(clean_env):
    home = Path.home()
    assert default_db_url() == f"sqlite:///{home / '.local/share/incidents/incidents.sqlite'}"
    assert cache_dir() == home / ".cache" / "incident-dashboard" / "geodata"


def test_xdg_folders_and_the_explicit_settings_win_in_that_order(clean_env, tmp_path):
    clean_env.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    clean_env.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_db_url() == f"sqlite:///{tmp_path / 'data' / 'incidents' / 'incidents.sqlite'}"
    assert cache_dir() == tmp_path / "cache" / "incident-dashboard" / "geodata"
    clean_env.setenv("INCIDENTS_DB", "postgresql+psycopg://user@host/incidents")
    clean_env.setenv("GEODATA_CACHE", "~/geodata-cache")
    assert default_db_url() == "postgresql+psycopg://user@host/incidents"
    assert cache_dir() == Path.home() / "geodata-cache"
