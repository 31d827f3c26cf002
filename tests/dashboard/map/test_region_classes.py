"""The choropleth's classes and figures, on frames alone; the click's reading of a feature."""

import pandas as pd

from dashboard.map.aggregate import region_rows
from dashboard.map.regions import CLASS_COLOURS, choropleth_rows, class_breaks, class_colours, class_labels
from dashboard.views.map_view import clicked_region


def test_classes_follow_a_1_2_5_series_up_to_five():
    assert class_breaks(1) == [1]
    assert class_breaks(12) == [1, 2, 5, 10]
    assert class_labels([1, 2, 5, 10]) == ["1", "2–4", "5–9", "10+"]
    assert len(class_breaks(5_000)) == 5 and class_breaks(5_000)[0] == 1


def test_fewer_classes_take_the_darker_colours():
    assert class_colours([1]) == [CLASS_COLOURS[-1]]
    assert class_colours([1, 2, 5, 10, 20]) == list(CLASS_COLOURS)


def test_rows_keep_unknown_figures_unknown():
    frame = pd.DataFrame(
        [
            {"admin1": "Kharkiv Oblast", "country": "UA", "latitude": 50.0, "longitude": 36.2,
             "killed": None, "injured": 2, "households_without_power": None},
            {"admin1": "Kharkiv Oblast", "country": "UA", "latitude": 49.9, "longitude": 36.3,
             "killed": 1, "injured": None, "households_without_power": None},
            {"admin1": "Sumy Oblast", "country": "UA", "latitude": 50.9, "longitude": 34.8,
             "killed": None, "injured": None, "households_without_power": 100},
        ]
    )  # fmt: skip
    rows, breaks = choropleth_rows(region_rows(frame))
    by_name = {row[0]: row for row in rows}
    assert breaks == [1, 2]
    assert by_name["Kharkiv Oblast"] == ["Kharkiv Oblast", 2, 3, None, 1]
    assert by_name["Sumy Oblast"] == ["Sumy Oblast", 1, None, 100, 0]


def test_only_a_region_feature_chooses_a_region():
    region = {"last_active_drawing": {"type": "Feature", "properties": {"region": "Sumy Oblast"}}}
    marker = {"last_active_drawing": {"type": "Feature", "properties": {}}}
    assert clicked_region(region) == "Sumy Oblast"
    assert clicked_region(marker) is None and clicked_region(None) is None
    assert clicked_region({"last_active_drawing": {"properties": {"region": 5}}}) is None
