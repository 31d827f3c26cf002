"""Map build time, payload and time until drawn: our layered map vs the obvious approach.

The obvious approach is one `folium.CircleMarker` with a popup per incident. Both are
rendered to a standalone page (assets inlined, network blocked) and timed in headless
Chromium until every layer is drawn. Data: SYNTHETIC (benchmarks/synthetic.py).
"""

import tempfile
import time
from pathlib import Path

import folium

from benchmarks.synthetic import synthetic_frame
from dashboard.map.build import DEFAULT_LAYERS, base_map, build_map
from dashboard.snapshot.browser import headless_chromium
from dashboard.snapshot.inline import inline_assets

SIZES = (1_000, 10_000, 100_000, 1_000_000)
OBVIOUS_UP_TO = 100_000  # a million CircleMarkers is ~470 MB of HTML; not attempted
DRAW_TIMEOUT_S = 180
# folium's popups call jQuery's $(html)[0]; the obvious map gets this one-line stand-in
# (we serve no jQuery) so it can draw offline. It does less work than jQuery would.
JQUERY_STAND_IN = (
    "<script>window.$ = function (h) { var t = document.createElement('template');"
    " t.innerHTML = h; return [t.content.firstElementChild]; };</script>"
)


def obvious_map(frame) -> folium.Map:
    # The same offline base map as ours, so the comparison is of the data layers alone.
    fmap = base_map()
    for row in frame.itertuples():
        folium.CircleMarker((row.latitude, row.longitude), radius=5, popup=f"{row.place} {row.date}").add_to(
            fmap
        )
    return fmap


def timed_build(build, frame) -> tuple[float, str]:
    start = time.perf_counter()
    page = build(frame).get_root().render()
    return time.perf_counter() - start, page


def _only_local(route) -> None:
    if route.request.url.startswith(("file:", "data:", "about:")):
        route.continue_()
    else:
        route.abort()


def time_to_draw(browser, page: str, condition: str) -> float:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "map.html"
        path.write_text(page, encoding="utf-8")
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.route("**/*", _only_local)
        tab = context.new_page()
        start = time.perf_counter()
        tab.goto(path.as_uri(), wait_until="commit", timeout=DRAW_TIMEOUT_S * 1000)
        tab.wait_for_function(condition, timeout=DRAW_TIMEOUT_S * 1000, polling=50)
        elapsed = time.perf_counter() - start
        context.close()
    return elapsed


def row(size: int, approach: str, build_s: float, page: str, drawn_s: float) -> str:
    payload_mb = len(page.encode()) / 1e6
    return (
        f"{size:>10,} | {approach:<9} | {build_s:>8.2f} | {payload_mb:>10.2f} | {drawn_s:>8.2f}"
        f" | {build_s + drawn_s:>8.2f}"
    )


def main() -> None:
    layer_count = len(DEFAULT_LAYERS)
    ours_drawn = (
        f"() => (window.incidentLayersDrawn || 0) >= {layer_count}"
        " && document.querySelector('.incident-legend')"
    )
    print(
        "SYNTHETIC data; default layers (incidents, casualties, outages) on the same offline base "
        "map; standalone page, assets inlined, network blocked; total = build + drawn"
    )
    print(
        f"{'incidents':>10} | {'approach':<9} | {'build s':>8} | {'payload MB':>10} | {'drawn s':>8}"
        f" | {'total s':>8}"
    )
    print("-" * 71)
    ratios = []
    with headless_chromium() as browser:
        for size in SIZES:
            frame = synthetic_frame(size)
            build_s, page = timed_build(build_map, frame)
            page = inline_assets(page)
            drawn = time_to_draw(browser, page, ours_drawn)
            print(row(size, "ours", build_s, page, drawn), flush=True)
            if size > OBVIOUS_UP_TO:
                print(f"{size:>10,} | {'obvious':<9} | not run: ~470 MB of HTML")
                continue
            obvious_build_s, page = timed_build(obvious_map, frame)
            page = inline_assets(page).replace("<head>", "<head>" + JQUERY_STAND_IN, 1)
            condition = f"() => document.querySelectorAll('path.leaflet-interactive').length >= {size}"
            obvious_drawn = time_to_draw(browser, page, condition)
            print(row(size, "obvious", obvious_build_s, page, obvious_drawn), flush=True)
            total_ratio = (obvious_build_s + obvious_drawn) / (build_s + drawn)
            ratios.append((size, obvious_drawn / drawn, total_ratio))
    print()
    for size, drawn_ratio, total_ratio in ratios:
        print(f"{size:>10,}: drawn {drawn_ratio:.1f}x sooner in the browser, {total_ratio:.1f}x in total")


if __name__ == "__main__":
    main()
