"""The dashboard's snapshot download buttons, run by Streamlit's AppTest."""

from streamlit.testing.v1 import AppTest


def downloads_app():
    from dashboard.snapshot.downloads import snapshot_downloads
    from incidents.filters import IncidentFilter
    from incidents.seed import read_seed

    snapshot_downloads(read_seed()[0], IncidentFilter(regions=("Sumy Oblast",)))


def buttons(app: AppTest) -> dict:
    return {button.proto.label: button.proto for button in app.get("download_button")}


def test_png_and_html_buttons_make_their_files_only_when_clicked():
    app = AppTest.from_function(downloads_app).run(timeout=60)
    assert not app.exception
    shown = buttons(app)
    assert set(shown) == {"Map as PNG", "Map as HTML"}
    # Deferred: no browser starts and no page is built until the user asks for it.
    assert all(button.HasField("deferred_file_id") for button in shown.values())


def test_png_button_is_disabled_with_install_advice_when_no_browser(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "no-chromium"))
    app = AppTest.from_function(downloads_app).run(timeout=60)
    shown = buttons(app)
    assert shown["Map as PNG"].disabled
    assert "apt-get install chromium" in shown["Map as PNG"].help
    assert not shown["Map as HTML"].disabled
