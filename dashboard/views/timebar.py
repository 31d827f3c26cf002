"""The date controls: a range slider, typed dates, quick ranges, and Play.

On the Map page they sit above the map, inside the fragment that redraws the totals,
the map and the timeline (dashboard.views.map_view): moving through time reruns that
fragment only. On the other pages they sit in the sidebar, without Play.

Play steps through the chosen range, not the whole store: one window of a day or a
week at a time, every `speed` seconds, skipping windows without incidents, and gives
the chosen range back when it ends. The session state keys: `dates` (the slider, the
one value every view reads), `typed_from`/`typed_to` (the date boxes, kept in step),
`playing`, `play_frames` (the windows still to show), `play_window` (the one shown) and
`play_range`.

While Play runs the date widgets are Play's: they are disabled, and a run that finds the
dates other than the window Play showed puts that window back. The browser sends every
widget's value with each run it asks for, and a timer's run asked for before the last
step reached the page carries the step before: it would take Play back a day.
"""

import datetime as dt
import time

import pandas as pd
import streamlit as st

from incidents.rules.bounds import EARLIEST_DATE, latest_date

PRESETS = {"Last day": 1, "7 days": 7, "30 days": 30, "All": None}
STEPS = {"Day": 1, "Week": 7}
SPEEDS = {"Slow": 2.0, "Normal": 1.0, "Fast": 0.5}  # seconds per step
DEFAULT_SPEED = "Normal"


def data_days(span: tuple[str, str] | None) -> tuple[dt.date, dt.date]:
    """The first and last day of the data (`queries.date_span`), within the dates a
    record may have: a store written before that rule may hold others, and the slider
    cannot show them."""
    first, last = EARLIEST_DATE, latest_date()
    days = []
    for value in span or ():
        try:
            days.append(min(max(dt.date.fromisoformat(str(value)[:10]), first), last))
        except ValueError:
            continue
    if not days:
        today = dt.date.today()
        return today, today
    return min(days), max(days)


def slider_bounds(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The slider's ends: the data's days, widened to hold the chosen dates (a link may
    ask for days beyond the data), and never one day only (a slider needs two ends)."""
    chosen_from, chosen_to = st.session_state["dates"]
    low, high = min(first, chosen_from), max(last, chosen_to)
    if low == high:
        low -= dt.timedelta(days=1)
    return low, high


def date_controls(first: dt.date, last: dt.date, *, compact: bool = False, held: bool = False) -> None:
    """The slider, the two date boxes and the quick ranges, in the current container;
    `compact` sets them side by side (the Map page's bar above the map); `held`
    disables them (while Play runs)."""
    state = st.session_state
    state["data_days"] = (first, last)
    low, high = slider_bounds(first, last)
    # The boxes show what the slider says, however the dates were last set (slider,
    # link, quick range, Play, a brushed timeline): they are drawn after this. Only when
    # the dates changed: a rerun for another reason (the map reporting its view) must
    # not overwrite a date someone is typing.
    # The boxes' values before a resync stay known for the next run only: the browser may
    # still send them with it (it asked before this run's values reached it), and they
    # are then not a date typed (see `_typed`).
    state.pop("typed_before", None)
    if state.get("typed_dates") != state["dates"] or "typed_to" not in state:
        if state.get("typed_dates") is not None:
            state["typed_before"] = state["typed_dates"]
        state["typed_from"], state["typed_to"] = state["typed_dates"] = state["dates"]
    # Side by side above the map; one under another in the sidebar, where a date box
    # beside another would be too narrow to show its date.
    slider, typed_from, typed_to = (
        st.columns([4, 1, 1], vertical_alignment="bottom") if compact else (st.container(),) * 3
    )
    slider.slider("Dates", min_value=low, max_value=high, key="dates", format="YYYY-MM-DD", disabled=held)
    for box, label, key in ((typed_from, "From", "typed_from"), (typed_to, "To", "typed_to")):
        box.date_input(label, key=key, min_value=low, max_value=high, on_change=_typed, disabled=held)
    if not compact:
        quick_ranges()


def quick_ranges(*, held: bool = False) -> None:
    st.segmented_control(
        "Range", list(PRESETS), key="preset", on_change=_apply_preset, label_visibility="collapsed",
        disabled=held,
    )  # fmt: skip


def _typed() -> None:
    """A typed date moves the range; typed the wrong way round, the two swap."""
    state = st.session_state
    typed = [day for day in (state.get("typed_from"), state.get("typed_to")) if day is not None]
    stale = tuple(typed) == state.get("typed_before")  # what the boxes said before the last sync
    if len(typed) == 2 and not stale:
        state["dates"] = (min(typed), max(typed))
    state.pop("typed_dates", None)  # the boxes show the range as ordered


def _apply_preset() -> None:
    days = PRESETS.get(st.session_state["preset"])
    first, last = st.session_state["data_days"]
    st.session_state["dates"] = (
        first if days is None else max(first, last - dt.timedelta(days=days - 1)),
        last,
    )
    st.session_state["preset"] = None


def set_dates(date_from: dt.date, date_to: dt.date) -> None:
    """Another control chose the dates (a brushed timeline): Play gives way to it."""
    state = st.session_state
    state["dates"] = (min(date_from, date_to), max(date_from, date_to))
    stop_playing(restore=False)


# -- Play ---------------------------------------------------------------------------


def play_frames(date_from: dt.date, date_to: dt.date, step_days: int, busy_days: set[dt.date]) -> list:
    """The windows Play shows over [date_from, date_to]: `step_days` long each (the last
    one cut at `date_to`), those without an incident (`busy_days`) left out. Pure."""
    frames, start = [], date_from
    while start <= date_to:
        end = min(start + dt.timedelta(days=step_days - 1), date_to)
        if any(start + dt.timedelta(days=n) in busy_days for n in range((end - start).days + 1)):
            frames.append((start, end))
        start = end + dt.timedelta(days=1)
    return frames


def next_window() -> tuple[dt.date, dt.date] | None:
    """The window Play shows at its next step, None when it is not playing or ends."""
    frames = st.session_state.get("play_frames") if playing() else None
    return frames[0] if frames else None


def playing() -> bool:
    return bool(st.session_state.get("playing"))


def play_speed() -> float:
    return SPEEDS.get(st.session_state.get("play_speed") or DEFAULT_SPEED, SPEEDS[DEFAULT_SPEED])


def play_controls(days: pd.DataFrame) -> None:
    """The quick ranges, Play/Pause, the step and the speed. `days`: the series per day under the other
    filters (`dashboard.state.totals.daily`), which days have incidents."""
    state = st.session_state
    busy = {day.date() for day in days.loc[days["incidents"] > 0, "date"]} if len(days) else set()
    ranges, play, step, speed = st.columns([3, 1.2, 1.5, 1.3], vertical_alignment="center")
    with ranges:
        quick_ranges(held=playing())
    if playing():
        play.button("Pause", key="play_button", icon=":material/pause:", on_click=_pause, width="stretch")
    else:
        play.button(
            "Play", key="play_button", icon=":material/play_arrow:", on_click=_start, args=(busy,),
            width="stretch", help="Step through the chosen dates, a day or a week at a time",
        )  # fmt: skip
    step.segmented_control(
        "Step", list(STEPS), key="play_step", default="Day", disabled=playing(), label_visibility="collapsed"
    )
    speed.selectbox(
        "Speed", list(SPEEDS), key="play_speed", index=list(SPEEDS).index(DEFAULT_SPEED),
        label_visibility="collapsed", format_func=lambda name: f"{name} ({SPEEDS[name]:g} s a step)",
        on_change=_speed_changed,
    )  # fmt: skip
    if note := state.pop("play_note", None):
        st.info(note)
    if frames := state.get("play_frames"):
        shown = state.get("play_shown", 0)
        start, end = state["play_range"]
        st.caption(f"Playing {start} to {end}: step {shown} of {shown + len(frames)}")


def _start(busy_days: set[dt.date]) -> None:
    state = st.session_state
    if state.get("play_frames"):  # paused: go on from where it stopped
        state["playing"] = True
    else:
        chosen = state["dates"]
        frames = play_frames(*chosen, STEPS.get(state.get("play_step") or "Day", 1), busy_days)
        if not frames:
            state["play_note"] = "No incidents in the chosen dates to play through."
            return
        state.update(playing=True, play_range=chosen, play_frames=frames, play_shown=0)
        _advance()
    state["play_stepped"] = time.monotonic()
    state["play_changed"] = True


def _speed_changed() -> None:
    """A speed chosen while playing applies from the next step: the fragment's timer is
    set by a full run, as when Play starts."""
    if playing():
        st.session_state["play_changed"] = True


def _pause() -> None:
    st.session_state["playing"] = False
    st.session_state.pop("play_window", None)  # paused, the dates are the user's again
    st.session_state["play_changed"] = True


def _advance() -> None:
    """Show the next window, or end the play and give the chosen range back."""
    state = st.session_state
    frames = state.get("play_frames") or []
    if not frames:
        stop_playing(restore=True)
        return
    state["dates"] = state["play_window"] = frames[0]
    state["play_frames"] = frames[1:]
    state["play_shown"] = state.get("play_shown", 0) + 1


def stop_playing(*, restore: bool) -> None:
    state = st.session_state
    was = state.get("playing") or state.get("play_frames")
    if restore and state.get("play_range"):
        state["dates"] = state["play_range"]
    for key in ("play_frames", "play_range", "play_shown", "play_window"):
        state.pop(key, None)
    state["playing"] = False
    if was:
        state["play_changed"] = True


def tick() -> None:
    """At a timer's run of the Map page's fragment: the next window, when its time has
    come (a run for another reason, or too soon after a step, shows the same one)."""
    state = st.session_state
    if not playing():
        return
    shown = state.get("play_window")
    if shown is not None and state["dates"] != shown:  # a stale value from the browser
        state["dates"] = shown
        state.pop("typed_dates", None)  # and the boxes, which came with it
    now = time.monotonic()
    if now - state.get("play_stepped", 0.0) < play_speed() * 0.9:
        return
    state["play_stepped"] = now
    if state.get("play_frames"):
        _advance()
    else:
        stop_playing(restore=True)


def play_changed() -> bool:
    """Whether Play started, stopped or changed speed since the last full run: the
    fragment's timer is set by a full run, so the caller reruns the app once."""
    return bool(st.session_state.pop("play_changed", False))
