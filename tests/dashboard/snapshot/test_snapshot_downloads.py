"""The dashboard's snapshot download buttons, run by Streamlit's AppTest."""

from streamlit.testing.v1 import AppTest


def downloads_app():
    from dashboard.snapshot.downloads import snapshot_downloads
    from incidents.rules.filters import IncidentFilter
    from incidents.storage.store import Store

    # As the Data view calls it: the store itself, asked only when a button is clicked.
    store = Store()  # INCIDENTS_DB, set by the db_url fixture
    store.load_seed_if_empty()
    snapshot_downloads(store, IncidentFilter(regions=("Sumy Oblast",)))


def buttons(app: AppTest) -> dict:
    return {button.proto.label: button.proto for button in app.get("download_button")}


def test_png_and_html_buttons_make_their_files_only_when_clicked(db_url):
    app = AppTest.from_function(downloads_app).run(timeout=60)
    assert not app.exception
    shown = buttons(app)
    assert set(shown) == {"Map as PNG", "Map as HTML"}
    # Deferred: no browser starts and no page is built until the user asks for it.
    assert all(button.HasField("deferred_file_id") for button in shown.values())


def test_png_button_is_disabled_with_install_advice_when_no_browser(monkeypatch, tmp_path, db_url):
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "no-chromium"))
    app = AppTest.from_function(downloads_app).run(timeout=60)
    shown = buttons(app)
    assert shown["Map as PNG"].disabled
    assert "apt-get install chromium" in shown["Map as PNG"].help
    assert not shown["Map as HTML"].disabled


def frame_app():
    import pandas as pd
    import streamlit as st

    from dashboard.snapshot.downloads import snapshot_downloads
    from incidents.importing.seed import read_seed
    from incidents.rules.filters import IncidentFilter

    # Records in memory (a frame) work too, in given columns, with the view's layers.
    columns = st.columns(4)
    snapshot_downloads(
        pd.DataFrame(read_seed()[0]), IncidentFilter(), layers=("incidents",), columns=columns[2:]
    )


def test_buttons_take_a_frame_layers_and_given_columns():
    app = AppTest.from_function(frame_app).run(timeout=60)
    assert not app.exception
    assert set(buttons(app)) == {"Map as PNG", "Map as HTML"}


def test_frames_become_records_with_none_for_unknown():
    import pandas as pd

    from dashboard.snapshot import as_records

    frame = pd.DataFrame({"killed": pd.array([None, 0], dtype="Int64"), "place": ["A", None]})
    assert as_records(frame) == [{"killed": None, "place": "A"}, {"killed": 0, "place": None}]
