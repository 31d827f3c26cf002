"""Real headless Chromium (Debian's, driven by Playwright) and a real `streamlit run`.

Never `playwright install`: the browser is the system's (`CHROMIUM_PATH` or `chromium`
on PATH). Under CI=true a missing browser fails the test instead of skipping it.
"""

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

# One definition of the browser and its flags, shared with the product's snapshots.
from dashboard.snapshot.browser import CHROMIUM_FLAGS, chromium_path  # noqa: F401 (re-exported)

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


def require_browser() -> str:
    path = chromium_path()
    if path is None:
        message = "headless Chromium not found: apt-get install chromium, or set CHROMIUM_PATH"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return path


class OfflineRecorder:
    """Blocks every request that leaves the machine and records it, and every failure."""

    def __init__(self, context):
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        scheme, host = urlsplit(url).scheme, urlsplit(url).hostname or ""
        if scheme in ("data", "blob", "about") or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def watch(self, page):
        page.on("requestfailed", lambda request: self.failed.append(f"{request.url}: {request.failure}"))
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("dialog", self._dialog)
        return page

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(db_url: str, *, timeout: float = 60.0, command=None, cwd: Path | None = None):
    """`streamlit run dashboard/app.py` on a free port against the given database.

    `command(port)` gives the command line (default: the one `incidents serve` runs, with
    its options); `cwd` is where it starts (Streamlit reads `.streamlit/config.toml` there).
    """
    from dashboard.cli.serve import streamlit_command
    from dashboard.map.assets import ensure_static_assets

    ensure_static_assets()
    port = free_port()
    env = {**os.environ, "INCIDENTS_DB": db_url}
    process = subprocess.Popen(
        (command or streamlit_command)(port),
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode(errors="replace")
                raise RuntimeError(f"streamlit exited with {process.returncode}:\n{output}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"streamlit did not answer on {base} in {timeout} s") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        process.stdout.close()


def wait_for_app(page, *, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has finished running the script (its status widget is gone)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelector('[data-testid=\"stMain\"]')",
        timeout=timeout_ms,
    )


MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def folium_frame(page, *, timeout_ms: int = 60_000):
    """The streamlit-folium iframe, once Leaflet has drawn the map in it."""
    page.wait_for_selector(MAP_FRAME, timeout=timeout_ms)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-container").wait_for(timeout=timeout_ms)
    return frame


def click_steadily(page, locator, *, timeout_ms: int = 10_000) -> None:
    """Click an element inside the map once it has stopped moving.

    Leaflet focuses the map on mousedown, and the page then scrolls the whole map frame
    into view: if it was cut off, the marker moves between the mouse's down and up and
    the click lands on the map instead. So the whole frame is brought into view first.
    """
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    deadline = time.monotonic() + timeout_ms / 1000
    # The map's grouping redraws its symbols once the frame settles (a scroll resizes the
    # view): an element found a moment ago may be replaced; the locator finds the new one.
    while True:
        try:
            locator.scroll_into_view_if_needed(timeout=timeout_ms)
            break
        except PlaywrightError as exc:
            if "not attached" not in str(exc) or time.monotonic() > deadline:
                raise
            page.wait_for_timeout(100)
    previous = None
    while True:
        box = locator.bounding_box()
        if box is not None and box == previous:
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"element kept moving: {box}")
        previous = box
        page.wait_for_timeout(100)  # poll interval while waiting for the condition "not moving"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def drawn_records(page) -> int:
    """Records the map draws: one per incident symbol, plus each group's count (records at
    one place are one symbol with their number)."""
    frame = folium_frame(page)
    frame.locator(".incident-marker, .incident-cluster").first.wait_for()
    grouped = sum(int(text) for text in frame.locator(".incident-cluster").all_inner_texts())
    return frame.locator(".incident-marker").count() + grouped


def dataframe_text(page, index: int = 0) -> str:
    """The cells of the index-th st.dataframe, as its accessible grid holds them (the grid
    itself is drawn on a canvas)."""
    frame = page.locator('[data-testid="stDataFrame"]').nth(index)
    frame.locator('[role="gridcell"]').first.wait_for(state="attached")
    return " | ".join(frame.locator('[role="gridcell"]').all_text_contents())
