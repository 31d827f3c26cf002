"""Timing a Streamlit page in headless Chromium from what the page itself records.

An init script (every frame, before the page's own scripts) keeps, in `window.__bench`,
epoch-millisecond times of: each WebSocket message the page sends (`sends`) and
receives (`receives`, from the page's first send on), each change of the address
(`urls`, with its query), each change of the first total's text (`totals`, with the
text), the first table shown (`table`), each firing of a timer set with `setInterval`
(`ticks`, with its period: Streamlit's `run_every` fragments are rerun by such a timer
in the browser), and, in the map's frame, each layer drawn (`draws`: the map counts its
layers in `window.incidentLayersDrawn`). Times are `Date.now()`, the same clock as Python's
`time.time()`, so an action timed in Python and a draw in an iframe compare directly.

And the resident memory of a process tree, from /proc (no psutil).
"""

import os
import threading
import time
from pathlib import Path

INIT_SCRIPT = """
(() => {
  if (window.__bench) return;
  const b = window.__bench = {sends: [], receives: [], urls: [], totals: [], ticks: [], draws: []};
  let drawn = 0;
  Object.defineProperty(window, 'incidentLayersDrawn', {
    configurable: true,
    get() { return drawn; },
    set(value) { drawn = value; b.draws.push(Date.now()); },
  });
  if (window.top !== window) return;
  const send = WebSocket.prototype.send;
  const heard = new WeakSet();
  WebSocket.prototype.send = function (data) {
    b.sends.push(Date.now());
    if (!heard.has(this)) {
      heard.add(this);
      this.addEventListener('message', () => b.receives.push(Date.now()));
    }
    return send.call(this, data);
  };
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name];
    history[name] = function (...args) {
      const result = original.apply(this, args);
      b.urls.push([Date.now(), location.search]);
      return result;
    };
  }
  const every = window.setInterval;
  window.setInterval = function (callback, ms, ...rest) {
    if (typeof callback !== 'function') return every.call(window, callback, ms, ...rest);
    const counted = function (...args) { b.ticks.push([Date.now(), ms]); return callback.apply(this, args); };
    return every.call(window, counted, ms, ...rest);
  };
  let last = null;
  const check = () => {
    const metric = document.querySelector('[data-testid="stMetricValue"]');
    const text = metric ? metric.textContent : null;
    if (text !== last) { last = text; b.totals.push([Date.now(), text]); }
    if (!b.table && document.querySelector('[data-testid="stDataFrame"]')) b.table = Date.now();
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, characterData: true});
})();
"""

MAP_URL_PART = "streamlit_folium"
BURST_GAP_MS = 250  # the layers of one map update are drawn within this of each other


def now_ms() -> float:
    return time.time() * 1000


def top_record(page) -> dict:
    return page.evaluate("() => window.__bench || {}")


def map_frame(page):
    return next((f for f in page.frames if MAP_URL_PART in f.url), None)


def draws(page) -> list[float]:
    frame = map_frame(page)
    if frame is None:
        return []
    try:
        return frame.evaluate("() => (window.__bench && window.__bench.draws) || []")
    except Exception:  # the frame was replaced between finding and asking it
        return []


def burst_end(times: list[float], after: float, before: float = float("inf")) -> float | None:
    """The last draw of the first burst of draws in [after, before), None without one."""
    inside = sorted(t for t in times if after <= t < before)
    if not inside:
        return None
    end = inside[0]
    for t in inside[1:]:
        if t - end > BURST_GAP_MS:
            break
        end = t
    return end


def running(page) -> bool:
    return page.evaluate("() => !!document.querySelector('[data-testid=\"stStatusWidget\"]')")


def wait_update(page, t0: float, *, before_total, quiet_s: float = 0.7, timeout_s: float = 180) -> dict:
    """After an action at `t0` (epoch ms): wait until the first total differs from
    `before_total` and the map drew, then until the page has been quiet for `quiet_s`
    (no draw, no total change, no run). Returns the times (ms after t0) of the request
    sent, the totals' last change and the first burst of map draws, and `done`: when
    both totals and map showed the update."""
    deadline = time.monotonic() + timeout_s
    while True:
        record, drawn = top_record(page), draws(page)
        changed = [t for t, text in record.get("totals", []) if t >= t0 and text not in (None, before_total)]
        late = [t for t in drawn if t >= t0]
        if changed and late:
            last = max(max(changed), max(late), *(t for t, _ in record.get("totals", []) if t >= t0))
            if now_ms() - last >= quiet_s * 1000 and not running(page):
                break
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"no update within {timeout_s} s (totals changed: {bool(changed)}, map drawn: {bool(late)})"
            )
        page.wait_for_timeout(50)
    sent = [t for t in record.get("sends", []) if t >= t0]
    totals_at = max(changed)
    map_at = burst_end(drawn, t0)
    done = max(totals_at, map_at)
    heard = [t for t in record.get("receives", []) if t0 <= t <= done]
    return {
        "sent": (min(sent) - t0) / 1000 if sent else None,
        "totals": (totals_at - t0) / 1000,
        "map": (map_at - t0) / 1000,
        "done": (done - t0) / 1000,
        "received": (max(heard) - t0) / 1000 if heard else None,
    }


def settle(page, quiet_s: float = 0.7, timeout_s: float = 120) -> None:
    """Wait until nothing is drawn, changed or run for `quiet_s`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        record = top_record(page)
        times = [*draws(page), *(t for t, _ in record.get("totals", [])), *record.get("sends", [])]
        if (not times or now_ms() - max(times) >= quiet_s * 1000) and not running(page):
            return
        page.wait_for_timeout(50)


def play_steps(page, started: float, ended: float, period_s: float) -> list[dict]:
    """The Play steps seen between `started` and `ended` (epoch ms): per new one-day
    window in the address, the timer tick that began it (the last tick of `period_s`
    before the address changed), when totals and map showed it, and the interval since
    the previous step's redraw."""
    record, drawn = top_record(page), draws(page)
    ticks = [t for t, ms in record.get("ticks", []) if abs(ms - period_s * 1000) < 1 and t >= started]
    urls, last_query = [], None
    for t, query in record.get("urls", []):
        if started <= t <= ended and query != last_query and "from=" in query:
            urls.append((t, query))
        last_query = query
    steps, previous_done = [], None
    for i, (at, _query) in enumerate(urls):
        until = urls[i + 1][0] if i + 1 < len(urls) else ended
        tick = max((t for t in ticks if t <= at), default=None)
        totals_at = max((t for t, _ in record.get("totals", []) if at - 50 <= t < until), default=None)
        map_at = burst_end(drawn, at, until)
        done = max(totals_at, map_at) if totals_at is not None and map_at is not None else None
        steps.append(
            {
                "url": at,
                "tick": tick,
                "done": done,
                "tick_to_done": (done - tick) / 1000 if done is not None and tick is not None else None,
                "interval": (done - previous_done) / 1000
                if done is not None and previous_done is not None
                else None,
            }
        )
        previous_done = done if done is not None else previous_done
    return steps


# -- memory -----------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(n) for n in task.read_text().split()]
        except OSError:
            pass
    return found


def tree_rss_mb(pid: int) -> float:
    """Resident memory of `pid` and all its descendants, MB (VmRSS)."""
    total_kb, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
        todo += _children(current)
    return total_kb / 1024


def server_pid(port: int) -> int | None:
    """The server process (`incidents serve`'s command, or `streamlit run`) serving `port`."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"run" in args and b"--server.port" in args:
            if args[args.index(b"--server.port") + 1] == str(port).encode():
                return int(proc.name)
    return None


class MemoryWatch:
    """Samples a process tree's resident memory every `every_s` on a thread; `peak()`
    since the last `reset()`."""

    def __init__(self, pid: int, every_s: float = 0.2):
        self.pid, self.every_s = pid, every_s
        self._peak, self._stop = 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._peak = max(self._peak, tree_rss_mb(self.pid))
            self._stop.wait(self.every_s)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def now(self) -> float:
        return tree_rss_mb(self.pid)

    def peak(self) -> float:
        self._peak = max(self._peak, tree_rss_mb(self.pid))
        return self._peak

    def reset(self) -> None:
        self._peak = tree_rss_mb(self.pid)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f} (1/5/15 min) on {os.cpu_count()} CPUs"
