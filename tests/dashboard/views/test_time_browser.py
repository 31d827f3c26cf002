"""Time on the Map page, in a real browser: a brushed timeline range, typed dates, Play."""

import re
import time

import pytest

from incidents.importing.seed import read_seed
from incidents.storage.store import Store
from tests.browser import folium_frame, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser

# TEST records (not real incidents), one a day from 2025-07-21 to 2025-07-26, so that with
# the seed's 2025-07-20 each of seven days has an incident; 2025-07-28 after a gap.
DAYS = ["2025-07-21", "2025-07-22", "2025-07-23", "2025-07-24", "2025-07-25", "2025-07-26", "2025-07-28"]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('time') / 'incidents.sqlite'}"
    store = Store(url)
    store.load_seed_if_empty()
    seed = read_seed()[0][1]
    store.add(
        [
            {
                **seed,
                "id": f"test-day-{day}",
                "date": day,
                "description": "TEST record",
                "source_name": "test",
            }
            for day in DAYS
        ]
    )
    with streamlit_server(url) as base:
        yield base


def dates_in_link(page) -> tuple[str, str] | None:
    found = re.search(r"from=([\d-]+)&to=([\d-]+)", page.url)
    return (found[1], found[2]) if found else None


def choose_speed(page, option: str) -> None:
    page.get_by_label("Speed").click()
    page.get_by_role("option", name=option).click()
    page.get_by_role("option").first.wait_for(state="detached")


def steady_box(page, locator) -> dict:
    """The element's box once the page around it has stopped moving it."""
    previous, deadline = None, time.monotonic() + 30
    while time.monotonic() < deadline:
        box = locator.bounding_box()
        if box is not None and box == previous:
            return box
        previous = box
        page.wait_for_timeout(300)
    raise AssertionError(f"the chart kept moving: {previous}")


def test_a_brushed_range_sets_the_dates_and_the_link(app, offline_page):
    offline_page.goto(app + "/?from=2025-07-20&to=2025-07-28")
    wait_for_app(offline_page)
    folium_frame(offline_page)  # the map above takes its height: the chart moves down
    chart = offline_page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    box = steady_box(offline_page, chart)
    # Across the middle third of a nine-day axis: about the 23rd to the 25th.
    y = box["y"] + box["height"] / 2
    offline_page.mouse.move(box["x"] + box["width"] * 0.35, y)
    offline_page.mouse.down()
    offline_page.mouse.move(box["x"] + box["width"] * 0.62, y, steps=10)
    offline_page.mouse.up()
    offline_page.wait_for_function("() => !location.search.includes('from=2025-07-20')", timeout=30_000)
    low, high = dates_in_link(offline_page)
    assert "2025-07-21" <= low < high <= "2025-07-27", (low, high)
    # The slider and the typed dates say the same, once redrawn.
    offline_page.wait_for_function(
        """([low, high]) => Array.from(document.querySelectorAll('[data-testid="stSliderThumbValue"]'))
               .map(e => e.innerText).join(' ') === low + ' ' + high""",
        arg=[low, high],
        timeout=30_000,
    )
    typed = offline_page.locator('[data-testid="stDateInput"] input').evaluate_all(
        "els => els.map(e => e.value)"
    )
    assert [value.replace("/", "-") for value in typed] == [low, high]


def test_a_typed_date_moves_the_range(app, offline_page):
    offline_page.goto(app + "/?from=2025-07-20&to=2025-07-28")
    wait_for_app(offline_page)
    # The date box's day, typed as a keyboard user would: the range's end moves to it.
    day = offline_page.get_by_role("spinbutton", name="day, To")
    day.click()
    offline_page.keyboard.type("22")
    offline_page.locator("h1").first.click()  # a typed date counts once the box is left
    offline_page.wait_for_function("() => location.search.includes('to=2025-07-22')", timeout=30_000)
    assert dates_in_link(offline_page) == ("2025-07-20", "2025-07-22")
    # The map was not moved: the link holds no view.
    assert "view=" not in offline_page.url


def test_play_steps_once_a_day_through_the_chosen_week_and_stops(app, offline_page):
    offline_page.goto(app + "/?from=2025-07-20&to=2025-07-26")
    wait_for_app(offline_page)
    offline_page.get_by_role("button", name="Play").click()
    offline_page.get_by_role("button", name="Pause").wait_for(timeout=30_000)
    seen: list[tuple[str, str]] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        shown = dates_in_link(offline_page)
        if shown and (not seen or seen[-1] != shown):
            seen.append(shown)
        if len(seen) > 1 and shown == ("2025-07-20", "2025-07-26"):
            break
        offline_page.wait_for_timeout(80)
    steps = [window for window in seen if window[0] == window[1]]
    assert [day for day, _ in steps] == [f"2025-07-{day}" for day in range(20, 27)], seen
    # Then it stops and gives the chosen range back; the button says Play again.
    assert seen[-1] == ("2025-07-20", "2025-07-26")
    offline_page.get_by_role("button", name="Play").wait_for(timeout=30_000)
    assert offline_page.recorder.page_errors == []


def test_pause_holds_the_day_and_play_goes_on_from_it(app, offline_page):
    offline_page.goto(app + "/?from=2025-07-20&to=2025-07-28")
    wait_for_app(offline_page)
    # Slow steps (2 s): on a loaded machine the Pause click is still taken before the end.
    choose_speed(offline_page, "Slow (2 s a step)")
    offline_page.get_by_role("button", name="Play").click()
    offline_page.wait_for_function(
        "() => location.search.includes('from=2025-07-21&to=2025-07-21')", timeout=60_000
    )
    offline_page.get_by_role("button", name="Pause").click()
    offline_page.get_by_role("button", name="Play").wait_for(timeout=30_000)
    held = dates_in_link(offline_page)
    offline_page.wait_for_timeout(3_000)
    assert dates_in_link(offline_page) == held and held[0] == held[1]
    # The empty 27th is skipped: Play goes on to the 28th, then the range comes back.
    offline_page.get_by_role("button", name="Play").click()
    offline_page.wait_for_function(
        "() => location.search.includes('from=2025-07-28&to=2025-07-28')", timeout=90_000
    )
    offline_page.wait_for_function(
        "() => location.search.includes('from=2025-07-20&to=2025-07-28')", timeout=30_000
    )


# The periods of the timers the page sets: Streamlit reruns a `run_every` fragment (Play's
# steps) from a `setInterval` in the browser.
TIMER_PERIODS = """
window.__periods = [];
const every = window.setInterval;
window.setInterval = function (callback, ms, ...rest) {
    window.__periods.push(ms);
    return every.call(window, callback, ms, ...rest);
};
"""


def test_a_speed_chosen_while_playing_sets_the_pace_of_the_next_steps(app, offline_page):
    offline_page.add_init_script(TIMER_PERIODS)
    offline_page.goto(app + "/?from=2025-07-20&to=2025-07-28")
    wait_for_app(offline_page)
    choose_speed(offline_page, "Slow (2 s a step)")
    offline_page.get_by_role("button", name="Play").click()
    offline_page.wait_for_function("() => window.__periods.includes(2000)", timeout=30_000)
    assert 500 not in offline_page.evaluate("() => window.__periods")
    choose_speed(offline_page, "Fast (0.5 s a step)")
    # Still playing, now at the new pace: the page's timer is set again, to 0.5 s.
    offline_page.wait_for_function("() => window.__periods.includes(500)", timeout=30_000)
    assert offline_page.recorder.page_errors == []
