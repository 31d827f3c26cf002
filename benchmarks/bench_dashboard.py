"""The running dashboard (`incidents serve`) in headless Chromium on SYNTHETIC data
(issue 18): 100,000 and 1,000,000 generated incidents, on SQLite and on PostgreSQL.

Per backend and size, one new server (the command line `incidents serve` runs, via
tests/browser.py `streamlit_server`) and one browser page on the Map page ("/", all
dates, no filter), measuring:

- first view: `goto` to the totals shown and the map's layers drawn (the first burst of
  draws), on the new server (cold caches; a new browser, whose cache is empty), then for
  three more sessions (the browser's cache holds Streamlit's frontend); and `goto` to
  the incident table shown: what lies under the map follows the map's first report;
- date slider: the "Dates" upper thumb focused and ArrowLeft pressed (one day less),
  to the first total changed and the map's layers redrawn; "of which, key to request"
  is the time until the page sent its rerun request (the slider's own delay);
- region filter: "Synthetic region NN" typed into the sidebar's Region box, and from
  Enter to totals and map redrawn (the whole page reruns);
- Play step: Speed "Fast" (0.5 s a step), Play pressed, ~8 s watched. A step starts
  at the browser's timer tick (Streamlit reruns a `run_every` fragment from a
  `setInterval` in the page; the init script records each firing); the step's window
  shows in the address (`?from=D&to=D`), and it ends when the totals and the map show
  it. "Play step" is tick to redrawn; "Play interval" is redraw to redraw (nominal
  0.5 s; more means the steps are late);
- server memory: the peak resident memory (VmRSS, /proc) of the server process and its
  children, sampled every 0.2 s through all of the above.

At 100,000 also 8 sessions: 8 pages in one Chromium on the Map page, each moving its
slider one day at the same moment (a key event scheduled in each page for one instant),
each session's time to its own redrawn totals and map, and the server's peak memory.
The 8 pages run on the server's machine and share its cores, as 8 people's browsers
would not: "of which key to server's answer received" is when the last message from the
server before the update showed reached each page (the rest is the pages drawing).

Times come from the page (`benchmarks._browser_timing`: epoch ms recorded in the page
and the map's frame), so Playwright's polling does not add to them. The machine's load
average is printed with each table: other work on the machine slows these figures.

Stores are built once (`benchmarks.bench_queries.build`) and kept in $BENCH_STORE_DIR
(default: a temporary folder, deleted after) and, for PostgreSQL, in databases beside
$BENCH_PG_URL's (`bench` gives `bench_100000`, `bench_1000000`); without BENCH_PG_URL
the PostgreSQL tables are skipped. A size whose build would take longer than
MAX_BUILD_SECONDS (estimated from the smaller build) is skipped. The store merges a few
percent of the generated incidents as duplicates: the table says how many it holds.
"""

import contextlib
import os
import statistics
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from benchmarks import _browser_timing as timing
from benchmarks.bench_queries import build
from dashboard.cli.serve import streamlit_command
from dashboard.snapshot.browser import headless_chromium
from tests.browser import streamlit_server

SIZES = (100_000, 1_000_000)
MAX_BUILD_SECONDS = int(os.environ.get("BENCH_MAX_BUILD_SECONDS", 1800))
FIRST_VIEWS = 3  # more sessions' first views after the cold one
SLIDER_MOVES = 5
REGIONS = ("Synthetic region 07", "Synthetic region 23", "Synthetic region 41")
PLAY_WATCH_S = 8.0
PLAY_SPEED = ("Fast", 0.5)
SESSIONS = 8
VIEWPORT = {"width": 1400, "height": 1000}
SLIDER_THUMB = '[data-testid="stSlider"] input[type="range"]'
TABLE = '[data-testid="stDataFrame"]'
# Goals (issue 18), seconds or MB; an action without a goal at a size shows "-".
GOALS = {
    (1_000_000, "first view"): 3.0,
    (1_000_000, "slider"): 0.5,
    (1_000_000, "play"): 0.5,
    (1_000_000, "region"): 1.0,
    (1_000_000, "rss"): 500,
    (100_000, "slider"): 0.3,
    (100_000, "sessions"): 1.5,
    (100_000, "sessions rss"): 800,
}


PG_ENV = "BENCH_PG_URL"
STORE_DIR_ENV = "BENCH_STORE_DIR"


def synthetic_count(url: str) -> tuple[int, int, int] | None:
    """(incidents, SYNTHETIC incidents, highest SYNTHETIC number + 1) in the store at
    `url`, None without a store."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("incidents"):
                return None
            total, synthetic, top = conn.execute(
                sa.text(
                    "select count(*), sum(case when id like 'synthetic-%' then 1 else 0 end),"
                    " max(case when id like 'synthetic-%' then cast(substr(id, 11) as integer) end)"
                    " from incidents"
                )
            ).one()
            return total, synthetic or 0, (top + 1) if top is not None else 0
    except sa.exc.OperationalError:
        return None
    finally:
        engine.dispose()


def holds(url: str, count: int) -> bool:
    """Whether the store is one `build(url, count)` made: SYNTHETIC incidents only, the
    last of `count` among them (the store merges a few percent as duplicates)."""
    found = synthetic_count(url)
    return bool(found) and found[0] == found[1] > 0 and 0.99 * count <= found[2] <= count


def sqlite_url(folder: Path, count: int) -> str:
    return f"sqlite:///{folder / f'sqlite-{count}.sqlite'}"


def postgres_url(base_url: str, count: int) -> str:
    """The database for `count` on BENCH_PG_URL's server, created when missing (empty)."""
    url = sa.make_url(base_url)
    name = f"{url.database or 'bench'}_{count}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                sa.text("select 1 from pg_database where datname = :n"), {"n": name}
            ).first()
            if not exists:
                conn.execute(sa.text(f'create database "{name}"'))
    finally:
        admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def empty_store(url: str) -> None:
    """Remove what a wrong store holds, so `build` starts from nothing."""
    backend = sa.make_url(url)
    if backend.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(backend.database + suffix).unlink(missing_ok=True)
        return
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("drop schema public cascade"))
            conn.execute(sa.text("create schema public"))
    finally:
        engine.dispose()


def ready_store(url: str, count: int) -> tuple[str, float | None]:
    """`url` holding `count` SYNTHETIC incidents: ("reused", None) or ("built", seconds)."""
    if holds(url, count):
        return "reused", None
    empty_store(url)
    started = time.perf_counter()
    build(url, count)
    return "built", time.perf_counter() - started


def pg_base_url() -> str | None:
    return os.environ.get(PG_ENV) or None


# -- the browser -------------------------------------------------------------------------


def open_map(context, base: str) -> tuple[object, dict]:
    """A new page (a new session) on the Map page; its first view's times."""
    page = context.new_page()
    page.on("pageerror", lambda error: ERRORS.append(f"page error: {error}"))
    t0 = timing.now_ms()
    page.goto(base + "/", timeout=300_000)
    times = timing.wait_update(page, t0, before_total=None, timeout_s=300)
    page.locator(TABLE).first.wait_for(timeout=60_000)
    times["table"] = (timing.top_record(page)["table"] - t0) / 1000
    alerts = page.locator('[data-testid="stException"], [data-testid="stAlert"]').all_inner_texts()
    ERRORS.extend(f"shown in the app: {text[:300]}" for text in alerts if "No incidents" not in text)
    return page, times


ERRORS: list[str] = []


def first_total(page) -> str:
    return page.locator('[data-testid="stMetricValue"]').first.text_content()


def move_slider(page) -> dict:
    """The upper date one day back, by keyboard, to totals and map redrawn."""
    thumb = page.locator(SLIDER_THUMB).nth(1)
    thumb.focus()
    timing.settle(page)
    before = first_total(page)
    t0 = timing.now_ms()
    thumb.press("ArrowLeft")
    return timing.wait_update(page, t0, before_total=before)


def region_box(page):
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Region")


def choose_region(page, region: str) -> dict:
    box = region_box(page)
    field = box.locator("input")
    field.click()
    field.fill(region)
    page.get_by_role("option", name=region, exact=True).wait_for(timeout=30_000)
    timing.settle(page)
    before = first_total(page)
    t0 = timing.now_ms()
    field.press("Enter")
    times = timing.wait_update(page, t0, before_total=before)
    field.press("Escape")
    return times


def clear_region(page) -> None:
    before = first_total(page)
    t0 = timing.now_ms()
    region_box(page).locator("input").press("Backspace")
    timing.wait_update(page, t0, before_total=before)


def play(page) -> list[dict]:
    """Play at Fast for PLAY_WATCH_S, then Pause; the steps seen."""
    name, period = PLAY_SPEED
    speed = page.get_by_role("combobox", name="Speed")
    speed.click()
    page.get_by_role("option", name=f"{name} ({period:g} s a step)").click()
    timing.settle(page)
    started = timing.now_ms()
    page.get_by_role("button", name="Play").click()
    page.wait_for_timeout(PLAY_WATCH_S * 1000)
    page.get_by_role("button", name="Pause").click(timeout=60_000)
    ended = timing.now_ms()
    timing.settle(page)
    return timing.play_steps(page, started, ended, period)


SCHEDULED_KEY = """(at) => {
  const thumb = document.querySelectorAll('[data-testid="stSlider"] input[type="range"]')[1];
  thumb.focus();
  setTimeout(() => {
    for (const type of ['keydown', 'keyup'])
      thumb.dispatchEvent(new KeyboardEvent(type, {
        key: 'ArrowLeft', code: 'ArrowLeft', keyCode: 37, bubbles: true, cancelable: true}));
  }, Math.max(0, at - Date.now()));
}"""


def sessions_at_once(browser, base: str, memory: timing.MemoryWatch) -> tuple[list[dict], float]:
    """SESSIONS pages on the Map page, each moving its slider at one instant: each one's
    times (`timing.wait_update`) to its redrawn totals and map, and the server's peak
    memory meanwhile."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(timing.INIT_SCRIPT)
    try:
        pages = [open_map(context, base)[0] for _ in range(SESSIONS)]
        for page in pages:
            timing.settle(page)
        befores = [first_total(page) for page in pages]
        memory.reset()
        at = timing.now_ms() + 1500
        for page in pages:
            page.evaluate(SCHEDULED_KEY, at)
        times = [
            timing.wait_update(page, at, before_total=before)
            for page, before in zip(pages, befores, strict=True)
        ]
        return times, memory.peak()
    finally:
        context.close()


# -- the tables ---------------------------------------------------------------------------


def goal_row(action: str, values: list[float], goal: float | None, unit: str = "s") -> tuple:
    values = [v for v in values if v is not None]
    if not values:
        return (action, "-", "-", "-" if goal is None else f"< {goal:g} {unit}", "no data")
    median, top = statistics.median(values), max(values)
    shown = (f"{median:.2f}", f"{top:.2f}") if unit == "s" else (f"{median:,.0f}", f"{top:,.0f}")
    if goal is None:
        return (action, *shown, "-", "-")
    return (action, *shown, f"< {goal:g} {unit}", "yes" if median < goal else "NO")


def print_table(title: str, rows: list[tuple]) -> None:
    header = ("action (SYNTHETIC data)", "median s", "max s", "goal", "met?")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print(title)
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print(" | ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(flush=True)


def attempt(what: str, action) -> list:
    """`action()`'s list, or an empty one with the error noted: measured, not fixed."""
    try:
        return action()
    except Exception as exc:
        ERRORS.append(f"{what}: {type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}")
        return []


def chosen_and_cleared(page, region: str) -> dict:
    times = choose_region(page, region)
    clear_region(page)
    return times


def stored_count(url: str) -> int:
    found = synthetic_count(url)
    return found[0] if found else 0


def run(backend: str, url: str, count: int) -> None:
    """One server on `url` (holding `count` SYNTHETIC incidents) and its measurements."""
    ERRORS.clear()
    ports: list[int] = []

    def command(port: int) -> list[str]:
        ports.append(port)
        return streamlit_command(port)

    load_before = timing.load_average()
    started = time.perf_counter()
    rows, notes = [], []
    with (
        streamlit_server(url, timeout=300, command=command) as base,
        headless_chromium(timeout_s=60) as browser,
    ):
        pid = timing.server_pid(ports[0])
        with timing.MemoryWatch(pid) as memory:
            idle_mb = memory.now()
            context = browser.new_context(viewport=VIEWPORT)
            context.add_init_script(timing.INIT_SCRIPT)
            page, cold = open_map(context, base)
            rows.append(
                goal_row(
                    "first view, new server (load to totals+map)",
                    [cold["done"]],
                    GOALS.get((count, "first view")),
                )
            )
            rows.append(goal_row("  and to the table under the map", [cold["table"]], None))
            warm = []
            for _ in range(FIRST_VIEWS):
                other, times = open_map(context, base)
                warm.append(times)
                other.close()
            rows.append(
                goal_row(
                    f"first view, next {FIRST_VIEWS} sessions",
                    [t["done"] for t in warm],
                    GOALS.get((count, "first view")),
                )
            )
            rows.append(goal_row("  and to the table under the map", [t["table"] for t in warm], None))
            slider = attempt("slider", lambda: [move_slider(page) for _ in range(SLIDER_MOVES)])
            rows.append(
                goal_row(
                    "date slider one day: key to totals+map",
                    [s["done"] for s in slider],
                    GOALS.get((count, "slider")),
                )
            )
            rows.append(goal_row("  of which key to request sent", [s["sent"] for s in slider], None))
            regions = attempt("region filter", lambda: [chosen_and_cleared(page, r) for r in REGIONS])
            rows.append(
                goal_row(
                    "region filter: Enter to totals+map",
                    [r["done"] for r in regions],
                    GOALS.get((count, "region")),
                )
            )
            steps = attempt("Play", lambda: play(page))
            rows.append(
                goal_row(
                    f"Play step ({PLAY_SPEED[0]}): tick to totals+map",
                    [s["tick_to_done"] for s in steps],
                    GOALS.get((count, "play")),
                )
            )
            intervals = [s["interval"] for s in steps]
            rows.append(goal_row(f"Play: redraw to redraw (nominal {PLAY_SPEED[1]:g} s)", intervals, None))
            late = [i - PLAY_SPEED[1] for i in intervals if i is not None]
            rows.append(goal_row("Play: interval - nominal", late, None))
            notes.append(
                f"Play: {len(steps)} steps seen in {PLAY_WATCH_S:g} s,"
                f" {sum(s['done'] is None for s in steps)} without a redraw before the next"
            )
            peak = memory.peak()
            rows.append(
                (
                    f"server RSS MB, peak (idle after start: {idle_mb:,.0f})",
                    f"{memory.now():,.0f} now",
                    f"{peak:,.0f}",
                    *(
                        ("-", "-")
                        if (count, "rss") not in GOALS
                        else (
                            f"< {GOALS[(count, 'rss')]} MB",
                            "yes" if peak < GOALS[(count, "rss")] else "NO",
                        )
                    ),
                )
            )
            context.close()
            if count == 100_000:
                try:
                    times, session_peak = sessions_at_once(browser, base, memory)
                    seconds = [t["done"] for t in times]
                    rows.append(
                        goal_row(
                            f"{SESSIONS} sessions, slider at once: each to its update",
                            seconds,
                            GOALS[(count, "sessions")],
                        )
                    )
                    rows[-1] = (*rows[-1][:4], "yes" if max(seconds) < GOALS[(count, "sessions")] else "NO")
                    # The 8 pages draw on the server's own cores: how much of the wait is
                    # the server's answer, and how much the pages drawing it.
                    rows.append(
                        goal_row(
                            "  of which key to server's answer received", [t["received"] for t in times], None
                        )
                    )
                    notes.append(
                        f"{SESSIONS} sessions, seconds each: " + ", ".join(f"{s:.2f}" for s in seconds)
                    )
                    rows.append(
                        (
                            f"{SESSIONS} sessions: server RSS MB, peak",
                            "-",
                            f"{session_peak:,.0f}",
                            f"< {GOALS[(count, 'sessions rss')]} MB",
                            "yes" if session_peak < GOALS[(count, "sessions rss")] else "NO",
                        )
                    )
                except Exception as exc:
                    ERRORS.append(f"{SESSIONS} sessions: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    title = (
        f"-- {backend}, SYNTHETIC data: {count:,} generated, {stored_count(url):,} stored; "
        f"load average before {load_before}, after {timing.load_average()}; "
        f"{time.perf_counter() - started:.0f} s --"
    )
    print_table(title, rows)
    for note in [*notes, *ERRORS]:
        print(f"   {note}")
    print(flush=True)


def stores(folder: Path):
    """(backend, url, count) of each store to measure, built or reused; notes skips."""
    backends = [("SQLite", lambda count: sqlite_url(folder, count))]
    base = pg_base_url()
    if base:
        backends.append(("PostgreSQL", lambda count: postgres_url(base, count)))
    else:
        print(
            f"-- PostgreSQL skipped: set {PG_ENV}"
            " (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/bench) --"
        )
    for backend, url_for in backends:
        estimate = None
        for count in SIZES:
            url = url_for(count)
            if not holds(url, count) and estimate is not None and estimate * count > MAX_BUILD_SECONDS:
                print(
                    f"-- {backend} {count:,} SYNTHETIC incidents skipped: building would take about"
                    f" {estimate * count:,.0f} s (limit {MAX_BUILD_SECONDS} s) --"
                )
                continue
            how, seconds = ready_store(url, count)
            if seconds is not None:
                estimate = seconds / count
                print(
                    f"{backend} SYNTHETIC store of {count:,} incidents built in {seconds:.0f} s", flush=True
                )
            else:
                print(
                    f"{backend} SYNTHETIC store of {count:,} incidents reused ({url.split('@')[-1]})",
                    flush=True,
                )
            yield backend, url, count


def main() -> None:
    kept = os.environ.get(STORE_DIR_ENV)
    with contextlib.ExitStack() as stack:
        folder = Path(kept) if kept else Path(stack.enter_context(tempfile.TemporaryDirectory()))
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        for backend, url, count in stores(folder):
            run(backend, url, count)
        print(f"bench_dashboard: {time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
