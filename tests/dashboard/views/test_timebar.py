"""Play's windows and steps, and the timeline's brush."""

import datetime as dt
from types import SimpleNamespace

import pandas as pd

from dashboard.views import timebar
from dashboard.views.timebar import data_days, play_frames
from dashboard.views.widgets import brushed_range, timeline_chart
from incidents.rules.bounds import EARLIEST_DATE, latest_date

D = dt.date


def test_play_steps_a_day_at_a_time_through_the_range_skipping_empty_days():
    busy = {D(2025, 7, 20), D(2025, 7, 21), D(2025, 7, 24)}
    frames = play_frames(D(2025, 7, 20), D(2025, 7, 24), 1, busy)
    assert frames == [(D(2025, 7, 20),) * 2, (D(2025, 7, 21),) * 2, (D(2025, 7, 24),) * 2]


def test_a_week_step_cuts_the_last_window_at_the_range_end_and_skips_empty_weeks():
    busy = {D(2025, 7, 2), D(2025, 7, 20)}
    frames = play_frames(D(2025, 7, 1), D(2025, 7, 20), 7, busy)
    # Weeks from the 1st: 1-7 (busy), 8-14 (empty: skipped), 15-20 (busy, cut at the 20th).
    assert frames == [(D(2025, 7, 1), D(2025, 7, 7)), (D(2025, 7, 15), D(2025, 7, 20))]
    assert play_frames(D(2025, 7, 8), D(2025, 7, 14), 7, busy) == []


def test_a_stale_date_from_the_browser_does_not_take_play_back(monkeypatch):
    # Play's steps on a session state alone: what the Map page's runs do with it.
    state: dict = {"dates": (D(2025, 7, 20), D(2025, 7, 26)), "play_step": "Day"}
    monkeypatch.setattr(timebar, "st", SimpleNamespace(session_state=state))
    timebar._start({D(2025, 7, 20) + dt.timedelta(days=n) for n in range(7)})
    assert state["dates"] == (D(2025, 7, 20),) * 2
    state["play_stepped"] -= 10  # the step's time has come
    timebar.tick()
    assert state["dates"] == (D(2025, 7, 21),) * 2
    # A timer's run asked for before that step reached the browser brings the day before,
    # as the slider's value; too soon for the next step, Play's day is put back.
    state["dates"] = (D(2025, 7, 20),) * 2
    timebar.tick()
    assert state["dates"] == (D(2025, 7, 21),) * 2
    state["play_stepped"] -= 10
    timebar.tick()
    assert state["dates"] == (D(2025, 7, 22),) * 2
    # Paused, the dates are the user's: a slider moved then stays where it was put.
    timebar._pause()
    state["dates"] = (D(2025, 7, 24), D(2025, 7, 25))
    timebar.tick()
    assert state["dates"] == (D(2025, 7, 24), D(2025, 7, 25))


def test_a_brush_on_a_time_axis_gives_whole_days_either_way_round():
    start = dt.datetime(2025, 7, 21, 13, tzinfo=dt.UTC).timestamp() * 1000
    end = dt.datetime(2025, 7, 24, 2, tzinfo=dt.UTC).timestamp() * 1000
    value = {"selection": {"brush": {"date": [end, start]}}}
    assert brushed_range(value) == (D(2025, 7, 21), D(2025, 7, 24))
    assert brushed_range({"selection": {"brush": {}}}) is None
    assert brushed_range(None) is None


def test_the_data_days_stay_within_the_dates_a_record_may_have():
    assert data_days(("2025-07-20", "2025-07-28")) == (D(2025, 7, 20), D(2025, 7, 28))
    assert data_days(("1812-06-24", "2025-07-28"))[0] == EARLIEST_DATE
    assert data_days(("2025-07-20", "9999-12-31"))[1] == latest_date()
    assert data_days(None) == (dt.date.today(),) * 2


def test_the_date_boxes_stale_values_do_not_take_the_dates_back(monkeypatch):
    # A slider move resynced the boxes from (20, 25) to (20, 24); the browser's next
    # request still carries (20, 25) in them: not a date typed.
    state: dict = {
        "dates": (D(2025, 7, 20), D(2025, 7, 24)),
        "typed_before": (D(2025, 7, 20), D(2025, 7, 25)),
        "typed_from": D(2025, 7, 20),
        "typed_to": D(2025, 7, 25),
    }
    monkeypatch.setattr(timebar, "st", SimpleNamespace(session_state=state))
    timebar._typed()
    assert state["dates"] == (D(2025, 7, 20), D(2025, 7, 24))
    # A date typed is taken, either way round.
    state.update(typed_from=D(2025, 7, 23), typed_to=D(2025, 7, 21))
    timebar._typed()
    assert state["dates"] == (D(2025, 7, 21), D(2025, 7, 23))


def test_moving_the_dates_changes_the_timelines_shading_only_not_its_axis():
    # A chart whose spec is the same draws again only the data that changed: the shading.
    days = pd.DataFrame(
        {"date": pd.to_datetime(["2025-07-01", "2025-07-05", "2025-07-31"]), "incidents": [1, 2, 3],
         "casualties": [0, None, 4]}
    )  # fmt: skip
    week = timeline_chart(days, (dt.date(2025, 7, 1), dt.date(2025, 7, 7)))
    day = timeline_chart(days, (dt.date(2025, 7, 20), dt.date(2025, 7, 20)))
    assert {k: v for k, v in week.items() if k != "datasets"} == {
        k: v for k, v in day.items() if k != "datasets"
    }
    assert day["datasets"]["chosen"]["start"].tolist() == [pd.Timestamp("2025-07-20")]

    def axis(chart):
        ((low, high),) = {tuple(layer["encoding"]["x"]["scale"]["domain"]) for layer in chart["layer"]}
        return pd.Timestamp(low, unit="ms"), pd.Timestamp(high, unit="ms")

    # The axis holds every day of the series, and chosen dates beyond them (a link's).
    assert axis(week) == (pd.Timestamp("2025-07-01"), pd.Timestamp("2025-07-31 23:59"))
    beyond = timeline_chart(days, (dt.date(2025, 6, 20), dt.date(2025, 8, 2)))
    assert axis(beyond) == (pd.Timestamp("2025-06-20"), pd.Timestamp("2025-08-02 23:59"))
