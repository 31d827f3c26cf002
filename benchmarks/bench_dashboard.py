"""A filter change in the running dashboard on 100,000 stored incidents (SYNTHETIC):
from the widget to the redrawn map and totals, in headless Chromium."""

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import synthetic_frame
from dashboard.snapshot import as_records
from dashboard.snapshot.browser import headless_chromium
from incidents.storage.store import Store
from tests.browser import streamlit_server

ROWS = 100_000
REPEATS = 5
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def fill(url: str) -> float:
    records = as_records(synthetic_frame(ROWS))
    start = time.perf_counter()
    Store(url).add(records)
    return time.perf_counter() - start


def incidents_shown(page) -> str:
    return (
        page.locator('[data-testid="stMetric"]').first.locator('[data-testid="stMetricValue"]').inner_text()
    )


def layers_drawn(page) -> int:
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    return frame.evaluate("() => window.incidentLayersDrawn || 0")


def change_and_wait(page, action) -> float:
    before_total, before_layers = incidents_shown(page), layers_drawn(page)
    start = time.perf_counter()
    action()
    page.wait_for_function(
        """(before) => { const m = document.querySelector('[data-testid="stMetricValue"]');
                         return m && m.innerText !== before; }""",
        arg=before_total,
        timeout=120_000,
    )
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.wait_for_function(
        f"() => (window.incidentLayersDrawn || 0) >= {before_layers + 3}", timeout=120_000
    )
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        stored_s = fill(url)
        print(f"SYNTHETIC data: {ROWS:,} incidents stored in {stored_s:.1f} s")
        with streamlit_server(url, timeout=120) as base, headless_chromium() as browser:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            start = time.perf_counter()
            page.goto(base + "/?from=2024-06-01&to=2024-12-31")
            page.locator('[data-testid="stMetric"]').first.wait_for(timeout=180_000)
            page.wait_for_selector(MAP_FRAME, timeout=180_000)
            next(f for f in page.frames if "streamlit_folium" in f.url).wait_for_function(
                "() => (window.incidentLayersDrawn || 0) >= 3", timeout=180_000
            )
            first_s = time.perf_counter() - start
            upper = page.locator('[data-testid="stSlider"] input[type="range"]').nth(1)
            slider = []
            for _ in range(REPEATS):
                slider.append(change_and_wait(page, lambda: (upper.focus(), upper.press("ArrowLeft"))))
            print(f"{'action':<46} | {'median s':>8} | {'max s':>6}")
            print("-" * 66)
            print(f"{'first view (load, filter, map, totals)':<46} | {first_s:>8.2f} | {first_s:>6.2f}")
            print(
                f"{'date slider one day: widget to map and totals':<46} | "
                f"{statistics.median(slider):>8.2f} | {max(slider):>6.2f}"
            )


if __name__ == "__main__":
    main()
