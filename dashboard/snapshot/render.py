"""The PNG: the snapshot page screenshotted by headless Chromium once the map is drawn."""

import concurrent.futures
import dataclasses
from collections.abc import Callable
from concurrent.futures import Future
from urllib.parse import urlsplit

from dashboard.snapshot.browser import BrowserError, headless_chromium, in_own_thread
from dashboard.snapshot.errors import SnapshotError
from dashboard.snapshot.page import SnapshotPage

# CSS pixels; --scale 2 doubles the PNG's pixels for print and high-density screens.
SIZES = {
    "slide": (1920, 1080),
    "a4": (794, 1123),  # A4 portrait at 96 px per inch (x2 gives about 192 dpi)
    "square": (1080, 1080),
}
SCALES = (1, 2)
MIN_SIDE, MAX_SIDE = 200, 8000


@dataclasses.dataclass(frozen=True)
class Rendered:
    page: SnapshotPage
    png: bytes
    notes: tuple[str, ...]  # what the page had to say about itself (e.g. tiles unreachable)
    tiles: str  # "offline" or the name of the online tiles drawn


def check_size(width: int, height: int, scale: int) -> None:
    for name, value in (("width", width), ("height", height)):
        if not MIN_SIDE <= value <= MAX_SIDE:
            raise SnapshotError(f"{name} {value} px is out of range; use {MIN_SIDE} to {MAX_SIDE}")
    if scale not in SCALES:
        raise SnapshotError(f"scale {scale} is not supported; use 1 or 2")


def render_png(
    page: SnapshotPage | Callable[[], SnapshotPage],
    *,
    width: int,
    height: int,
    scale: int = 1,
    timeout_s: float = 30.0,
    tile_host: str | None = None,
) -> Rendered:
    """Screenshot `page` at width x height CSS px (PNG of width*scale x height*scale).

    `page` may be a function that builds it: it then runs here while Chromium starts on
    another thread, which saves most of a second. Every request is blocked except to
    `tile_host` (the online tiles the user chose): the page is self-contained, so
    anything else would be a leak.
    """
    check_size(width, height, scale)
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    errors: list[str] = []
    page_html: Future = Future()

    def screenshot() -> tuple[bytes, dict]:
        with headless_chromium(timeout_s=timeout_s) as browser:
            context = browser.new_context(
                viewport={"width": width, "height": height}, device_scale_factor=scale
            )
            context.route("**/*", lambda route: _allow_only(route, tile_host))
            tab = context.new_page()
            tab.on("pageerror", lambda error: errors.append(str(error)))
            tab.set_default_timeout(timeout_s * 1000)
            tab.set_content(page_html.result(), wait_until="load")
            tab.wait_for_function("() => window.__snapshot && window.__snapshot.ready")
            state = tab.evaluate("() => ({notes: window.__snapshot.notes, tiles: window.__snapshot.tiles})")
            return tab.screenshot(type="png", animations="disabled"), state

    shot = in_own_thread(screenshot)
    try:
        built = page() if callable(page) else page
    except BaseException as exc:
        page_html.set_exception(exc)  # the browser thread stops and closes Chromium
        concurrent.futures.wait([shot])
        raise
    page_html.set_result(built.html)
    try:
        png, state = shot.result()
    except BrowserError as exc:
        raise SnapshotError(str(exc)) from exc
    except PlaywrightTimeout as exc:
        why = f" (page error: {errors[0]})" if errors else ""
        raise SnapshotError(f"the map was not drawn within {timeout_s:g} s{why}") from exc
    except PlaywrightError as exc:
        first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise SnapshotError(f"Chromium failed while rendering the snapshot: {first_line}") from exc
    return Rendered(built, png, tuple(state["notes"]), state["tiles"])


def _allow_only(route, tile_host: str | None) -> None:
    url = urlsplit(route.request.url)
    host = url.hostname or ""
    # "{s}.tiles.example" in a tile URL stands for a.tiles.example, b.tiles.example, ...
    tiles = tile_host and (host == tile_host or host.endswith("." + tile_host))
    if url.scheme in ("data", "blob", "about") or tiles:
        route.continue_()
    else:
        route.abort("blockedbyclient")
