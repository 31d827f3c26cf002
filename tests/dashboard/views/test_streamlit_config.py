"""`.streamlit/config.toml`: plain `streamlit run dashboard/app.py` from the repository root
serves the same offline dashboard as `incidents serve`, which passes the same values."""

import sys
import tomllib
import urllib.request
from pathlib import Path

import pytest

from dashboard.cli.serve import streamlit_command
from dashboard.state.settings import MAX_UPLOAD_MB
from tests.browser import folium_frame, streamlit_server, wait_for_app

ROOT = Path(__file__).resolve().parents[3]
CONFIG = ROOT / ".streamlit" / "config.toml"


def _config() -> dict[str, object]:
    """The file's options as Streamlit names them (`server.headless`...)."""
    sections = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    return {
        f"{section}.{name}": value for section, options in sections.items() for name, value in options.items()
    }


def _serve_options() -> dict[str, str]:
    command = streamlit_command(8501)
    options = command[command.index("run") + 2 :]
    return {name.removeprefix("--"): value for name, value in zip(options[::2], options[1::2], strict=True)}


def _flag(value) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def test_the_config_file_says_what_incidents_serve_passes():
    config = _config()
    serve = _serve_options()
    assert config["server.maxUploadSize"] == MAX_UPLOAD_MB
    assert config["client.disableDataExport"] is True and config["server.enableStaticServing"] is True
    assert config["browser.gatherUsageStats"] is False and config["global.developmentMode"] is False
    assert config["client.toolbarMode"] == "viewer" and config["server.headless"] is True
    as_flags = {
        name: str(value).lower() if isinstance(value, bool) else str(value) for name, value in config.items()
    }
    assert as_flags == {name: value for name, value in serve.items() if name != "server.port"}


@pytest.mark.browser
def test_plain_streamlit_run_from_the_repository_root_draws_the_map_with_leaflet(tmp_path, offline_page):
    url = f"sqlite:///{tmp_path / 'incidents.sqlite'}"
    plain = [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port"]
    with streamlit_server(url, command=lambda port: [*plain, str(port)], cwd=ROOT) as base:
        with urllib.request.urlopen(f"{base}/app/static/vendor/leaflet/leaflet.js", timeout=10) as response:
            assert response.status == 200 and "javascript" in response.headers["Content-Type"]
        offline_page.goto(base)
        wait_for_app(offline_page)
        frame = folium_frame(offline_page)
        assert frame.locator(".leaflet-container").count() == 1
        frame.locator(".incident-marker").first.wait_for()
        assert frame.locator(".incident-marker").count() == 4
    recorder = offline_page.recorder
    assert recorder.blocked == [] and recorder.failed == [] and recorder.page_errors == []
