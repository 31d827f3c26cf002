"""Level of detail and symbol sizes, on frames alone."""

import json

import numpy as np
import pandas as pd
import pytest

from dashboard.map import aggregate as mapdata


def frame_of(points, **columns):
    frame = pd.DataFrame(points, columns=["latitude", "longitude"])
    for name in ("killed", "injured", "households_without_power", "admin1", "country"):
        frame[name] = columns.get(name, [None] * len(frame))
    return frame


def test_area_is_proportional_to_value():
    scale = mapdata.SizeScale(100, min_radius=0, max_radius=20)
    assert scale.radius(100) == 20
    assert scale.radius(25) == pytest.approx(10)
    assert scale.radius(0) == 0


def test_legend_values_are_round_and_within_the_data():
    assert mapdata.SizeScale(12_345).legend_values() == [10_000, 1_000, 100]
    assert mapdata.SizeScale(10).legend_values() == [10, 1]


def test_casualties_keep_unknown_apart_from_zero():
    frame = frame_of([(0, 0)] * 4, killed=[None, 0, 1, None], injured=[None, 0, 2, 3])
    assert mapdata.casualties(frame).tolist()[1:] == [0, 3, 3]
    assert pd.isna(mapdata.casualties(frame).iloc[0])


def test_grid_cells_count_and_sum_within_a_cell():
    frame = frame_of(
        [(50.01, 30.01), (50.02, 30.03), (51.5, 31.5)], killed=[1, None, 5], injured=[2, 3, None]
    )
    cells = mapdata.coarser_cells(mapdata.fine_cells(frame), 5)  # 0.1 degree cells
    cells = cells.sort_values("latitude").reset_index(drop=True)
    assert cells["count"].tolist() == [2, 1]
    assert cells.loc[0, "killed"] == 1 and cells.loc[0, "injured"] == 5
    assert cells.loc[0, "latitude"] == pytest.approx(50.015)


def test_pyramid_stays_bounded_however_large_the_data():
    rng = np.random.default_rng(0)
    many = frame_of(np.column_stack([44 + rng.random(200_000) * 12, 22 + rng.random(200_000) * 18]))
    levels = mapdata.grid_pyramid(mapdata.fine_cells(many))
    assert all(len(level.cells) <= mapdata.MAX_CELLS_PER_LEVEL for level in levels)
    assert levels[0].min_zoom == mapdata.GRID_LEVELS[0][0]
    assert levels[-1].max_zoom == mapdata.GRID_LEVELS[-1][1]  # the finest kept level covers all zooms


def test_region_totals_use_label_points_and_count_what_is_known():
    frame = frame_of(
        [(50.9, 34.8), (50.8, 34.7), (49.9, 36.2)],
        killed=[1, None, 0],
        admin1=["Sumy Oblast", "Sumy Oblast", "Kharkiv Oblast"],
        country=["UA"] * 3,
    )
    totals = mapdata.region_totals(frame, {"Sumy Oblast": (51.0, 34.0)}).set_index("admin1")
    assert totals.loc["Sumy Oblast", "count"] == 2
    assert totals.loc["Sumy Oblast", "killed_known"] == 1
    assert (totals.loc["Sumy Oblast", "latitude"], totals.loc["Sumy Oblast", "longitude"]) == (
        51.0,
        34.0,
    )
    assert totals.loc["Kharkiv Oblast", "latitude"] == pytest.approx(49.9)


def test_a_pyramid_is_written_once_for_the_same_cells_and_again_for_changed_ones(monkeypatch):
    from dashboard.map import build

    rng = np.random.default_rng(1)
    many = frame_of(np.column_stack([44 + rng.random(5_000) * 12, 22 + rng.random(5_000) * 18]))
    cells = mapdata.fine_cells(many)
    built = []
    levels_of = build._levels
    monkeypatch.setattr(build, "_levels", lambda data: built.append(data) or levels_of(data))
    monkeypatch.setattr(build, "_pyramids", type(build._pyramids)())

    def data_of(cells):
        located = int(cells["count"].sum())
        return mapdata.MapData(located=located, points=many.iloc[:0], cells=cells, regions=None)

    first = build.cell_levels(data_of(cells))
    again = build.cell_levels(data_of(cells.copy()))  # equal cells, another frame (another session)
    assert again is first and len(built) == 1
    changed = cells.copy()
    changed.loc[0, "count"] += 1  # one incident more in one cell
    other = build.cell_levels(data_of(changed))
    assert other is not first and other.json != first.json and len(built) == 2
    assert json.loads(first.json) == json.loads(json.dumps(levels_of(data_of(cells))))


def test_sessions_asking_for_one_pyramid_at_once_wait_for_the_first_to_write_it(monkeypatch):
    import threading
    import time

    from dashboard.map import build

    rng = np.random.default_rng(2)
    many = frame_of(np.column_stack([44 + rng.random(3_000) * 12, 22 + rng.random(3_000) * 18]))
    cells = mapdata.fine_cells(many)
    built = []
    levels_of = build._levels

    def slow_levels(data):
        built.append(data)
        time.sleep(0.2)  # long enough for every thread to ask meanwhile
        return levels_of(data)

    monkeypatch.setattr(build, "_levels", slow_levels)
    monkeypatch.setattr(build, "_pyramids", type(build._pyramids)())
    data = mapdata.MapData(located=int(cells["count"].sum()), points=many.iloc[:0], cells=cells, regions=None)
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(build.cell_levels(data))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(answers) == 6 and all(answer is answers[0] for answer in answers)
    assert len(built) == 1 and not build._writing
