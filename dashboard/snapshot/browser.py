"""Headless Chromium for the product (snapshots): Debian's browser, driven by Playwright.

Never `playwright install`: the browser is the system's, found through `CHROMIUM_PATH`,
`chromium` on PATH, or /usr/bin/chromium. The flags keep Chromium from phoning home,
which hangs or slows it on a closed network (../shared/FIELD-NOTES.md).
"""

import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import TypeVar

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
T = TypeVar("T")
INSTALL_HINT = "install it with `apt-get install chromium`, or set CHROMIUM_PATH to its executable"


class BrowserError(Exception):
    """Headless Chromium cannot be found or started."""


class BrowserNotFoundError(BrowserError, FileNotFoundError):
    pass


def chromium_path() -> str | None:
    """The Chromium executable, or None when there is none on this machine."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        # An explicit setting that points nowhere is an error, not a reason to guess.
        return configured if Path(configured).is_file() else None
    candidates = [shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium"]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def require_chromium() -> str:
    path = chromium_path()
    if path is None:
        configured = os.environ.get("CHROMIUM_PATH")
        where = f"CHROMIUM_PATH={configured!r} is not a file" if configured else "no Chromium found"
        raise BrowserNotFoundError(f"headless Chromium is needed for PNG snapshots: {where}; {INSTALL_HINT}")
    return path


@contextlib.contextmanager
def headless_chromium(*, timeout_s: float = 30.0) -> Iterator:
    """A Playwright `Browser` on a fresh, empty profile; closed, profile removed, on exit."""
    executable = require_chromium()
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    # `launch` (not a persistent context) starts Chromium on a new, empty profile
    # directory that Playwright deletes on close: nothing from a user's Chromium leaks in.
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_FLAGS, timeout=timeout_s * 1000
            )
        except PlaywrightError as exc:
            first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise BrowserError(f"cannot start Chromium at {executable}: {first_line}") from exc
        try:
            yield browser
        finally:
            browser.close()


def in_own_thread(function: Callable[[], T]) -> Future:
    """Start `function` on a new thread; the Future gives its result or raises its error.

    Playwright's sync API refuses to start where an asyncio loop runs, which includes
    a thread already driving another Playwright (a test's browser) and Streamlit's
    workers; a fresh thread has no loop, so a snapshot works from any caller. It also
    lets the caller build the page while Chromium starts.
    """
    future: Future = Future()

    def run() -> None:
        future.set_running_or_notify_cancel()
        try:
            future.set_result(function())
        except BaseException as exc:  # handed to whoever reads the Future
            future.set_exception(exc)

    threading.Thread(target=run, name="snapshot-chromium", daemon=True).start()
    return future
