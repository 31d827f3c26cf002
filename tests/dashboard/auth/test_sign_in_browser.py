"""`incidents serve --auth` in a real browser, with three accounts (viewer, editor, admin).

Nobody signed in gets anything but the sign-in form: no figure, map or table in the page
nor in the websocket frames Streamlit sends. A viewer reads and downloads but has no
upload; an editor's import is in the audit trail under the editor's name; a sixth
attempt after five wrong passwords is refused for a while.
"""

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from incidents.storage import users
from incidents.storage.store import Store
from tests.browser import folium_frame, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

INCIDENTS = str(Path(sys.executable).with_name("incidents"))
PASSWORD = {"vera": "viewer-password-1", "ed": "editor-password-1", "ada": "admin-password-1"}
ROLE = {"vera": "viewer", "ed": "editor", "ada": "admin"}
# What the seed holds and only the data could put on the page.
SEEDED = ("Zaporizhzhia", "Zelenograd", "Kharkiv Oblast", "Households without power")
UPLOADER = '[data-testid="stFileUploaderDropzoneInput"]'


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('auth') / 'incidents.sqlite'}"
    store = Store(url)
    store.load_seed_if_empty()
    for name, password in PASSWORD.items():
        users.add_user(store, name, ROLE[name], password, by="test")
    store.close()
    # The real command a desk runs: `incidents serve --auth` (it execs Streamlit).
    with streamlit_server(
        url, command=lambda port: [INCIDENTS, "serve", "--auth", "--port", str(port)]
    ) as base:
        yield base, url


def frames_of(page) -> list[str]:
    """Everything the server sends on the page's websockets, as text."""
    received = []

    def on_socket(socket):
        socket.on(
            "framereceived",
            lambda payload: received.append(
                payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
            ),
        )

    page.on("websocket", on_socket)
    return received


def sign_in(page, address: str, name: str, password: str) -> None:
    page.goto(address)
    wait_for_app(page)
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)


def signed_in(page, address: str, name: str) -> None:
    sign_in(page, address, name, PASSWORD[name])
    page.get_by_text(f"Signed in as {name}").wait_for()


@pytest.mark.parametrize("path", ["/", "/data", "/import", "/?region=Kharkiv%20Oblast"])
def test_without_signing_in_no_data_reaches_the_browser(served, offline_page, path):
    base, _ = served
    frames = frames_of(offline_page)
    offline_page.goto(base + path)
    wait_for_app(offline_page)
    offline_page.get_by_role("button", name="Sign in").wait_for()
    # A wrong password gets a message, and still nothing else.
    offline_page.get_by_label("User name").fill("vera")
    offline_page.get_by_label("Password", exact=True).fill("not her password")
    offline_page.get_by_role("button", name="Sign in").click()
    offline_page.get_by_text("Wrong user name or password").wait_for()
    for absent in ('[data-testid="stMetric"]', "iframe", '[data-testid="stDataFrame"]', UPLOADER):
        assert offline_page.locator(absent).count() == 0, absent
    text = offline_page.content()
    sent = "\n".join(frames)
    assert frames, "no websocket frames were recorded"
    for seeded in SEEDED:
        assert seeded not in text and seeded not in sent, seeded
    assert offline_page.recorder.blocked == []


def test_a_viewer_sees_the_map_and_downloads_but_no_upload(served, offline_page):
    base, _ = served
    frames = frames_of(offline_page)
    signed_in(offline_page, base + "/", "vera")
    folium_frame(offline_page)
    offline_page.locator('[data-testid="stMetricLabel"]', has_text="Households without power").wait_for()
    # The frames recorded carry the data once signed in: their absence above means something.
    assert "Zaporizhzhia" in "\n".join(frames)
    offline_page.get_by_role("link", name="Data").wait_for()  # the navigation is drawn
    assert offline_page.get_by_role("link", name="Import").count() == 0
    assert offline_page.get_by_role("link", name="Extract").count() == 0
    assert offline_page.get_by_role("link", name="Users").count() == 0

    signed_in(offline_page, base + "/data", "vera")
    offline_page.locator('[data-testid="stDownloadButton"]').first.wait_for()
    assert offline_page.locator('[data-testid="stDownloadButton"]').count() >= 2

    for path in ("/import", "/extract"):
        signed_in(offline_page, base + path, "vera")
        offline_page.locator('[data-testid="stMetric"]').first.wait_for()  # the Map page, instead
        assert offline_page.locator(UPLOADER).count() == 0, path
        assert offline_page.get_by_role("button", name="Import").count() == 0
    assert offline_page.recorder.page_errors == []


def test_an_editors_import_is_audited_under_the_editors_name(served, offline_page, tmp_path):
    base, url = served
    upload = tmp_path / "desk.csv"
    upload.write_text(
        "date,place,country,latitude,longitude,event_type,attacker,injured,source_name\n"
        "2025-07-23,Kharkiv,UA,49.98,36.25,drone_strike,RU,2,TEST upload by the editor\n",
        encoding="utf-8",
    )
    signed_in(offline_page, base + "/import", "ed")
    offline_page.get_by_role("link", name="Import").wait_for()
    assert offline_page.get_by_role("link", name="Users").count() == 0  # admins only
    offline_page.locator(UPLOADER).set_input_files(str(upload))
    offline_page.get_by_role("button", name="Import").click()
    offline_page.get_by_text("Result: desk.csv").wait_for()
    trail = json.loads(CliRunner().invoke(main, ["audit", "--json", "--db", url]).output)
    imports = [entry for entry in trail if entry["action"] == "import"]
    assert [entry["who"] for entry in imports] == ["ed"]
    assert imports[0]["what"].startswith("desk.csv (batch ") and "read 1" in imports[0]["what"]


def test_an_admin_sees_the_accounts(served, offline_page):
    base, _ = served
    signed_in(offline_page, base + "/users", "ada")
    offline_page.get_by_role("heading", name="Users").wait_for()
    table = offline_page.locator('[data-testid="stDataFrame"]').first
    table.wait_for()
    assert offline_page.get_by_role("button", name="Add").count() == 1
    offline_page.get_by_role("button", name="Sign out").click()
    offline_page.get_by_text("Signed out.").wait_for()
    assert offline_page.locator('[data-testid="stDataFrame"]').count() == 0
    assert offline_page.get_by_role("button", name="Sign in").count() == 1


def test_five_wrong_passwords_slow_the_next_attempt(served, offline_page):
    base, _ = served
    for _attempt in range(users.FREE_FAILURES):
        sign_in(offline_page, base + "/", "ada", "wrong password")
        offline_page.get_by_text("Wrong user name or password").wait_for()
    # Even the right password is refused now, without being checked.
    sign_in(offline_page, base + "/", "ada", PASSWORD["ada"])
    offline_page.get_by_text("Too many failed sign-ins for this account").wait_for()
    assert offline_page.locator('[data-testid="stMetric"]').count() == 0
    assert offline_page.locator("iframe").count() == 0
