"""Pure data shaping for the map: symbol sizes, grid aggregation, region totals.

No folium and no I/O here, so level-of-detail rules are tested on frames alone.
Coordinates are rounded to what the eye can see at the zoom they are shown at.
"""

import dataclasses
import math

import numpy as np
import pandas as pd

from incidents.rules.model import HEADLINE_COUNT_FIELDS

# Individual symbols (with popups) up to this many located incidents; above it the
# map sends aggregated cells, whose count is bounded however large the data grows.
POINT_LIMIT = 2_000
# (first zoom, last zoom, cell size in degrees). Region totals cover lower zooms.
GRID_LEVELS = ((5, 6, 0.5), (7, 8, 0.1), (9, 18, 0.02))
MAX_CELLS_PER_LEVEL = 12_000
POINT_DECIMALS = 4  # about 10 m
CELL_DECIMALS = 3

# What a symbol, a cell and a region add up (children are within killed and injured).
COUNT_COLUMNS = HEADLINE_COUNT_FIELDS


def located(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that have a point; rows without one cannot be drawn."""
    if frame.empty:
        return frame
    return frame[frame["latitude"].notna() & frame["longitude"].notna()]


def casualties(frame: pd.DataFrame) -> pd.Series:
    """killed + injured with unknown parts as absent; NaN when both are unknown."""
    return frame["killed"].astype("Float64").add(frame["injured"].astype("Float64"), fill_value=0)


@dataclasses.dataclass(frozen=True)
class SizeScale:
    """Circle radius in pixels with area proportional to the value."""

    max_value: float
    min_radius: float = 4.0
    max_radius: float = 28.0

    @classmethod
    def for_values(cls, values, *, floor: float = 10.0, **radii) -> "SizeScale":
        finite = [float(v) for v in values if v is not None and not pd.isna(v)]
        return cls(max(finite + [floor]), **radii)

    def radius(self, value: float) -> float:
        share = max(0.0, float(value)) / self.max_value
        return round(self.min_radius + (self.max_radius - self.min_radius) * math.sqrt(share), 1)

    def legend_values(self) -> list[int]:
        """Up to three round reference values for the legend, largest first."""
        top = 10 ** math.floor(math.log10(self.max_value))
        top = max((m * top for m in (1, 2, 5) if m * top <= self.max_value), default=top)
        values = [int(top), int(top / 10), int(top / 100)]
        return [v for v in dict.fromkeys(values) if v >= 1]


# A group's symbol sits at the mean of its members; unknown figures add nothing to a sum.
_POSITION_AND_SUMS = {
    "latitude": ("latitude", "mean"),
    "longitude": ("longitude", "mean"),
    "count": ("latitude", "size"),
    **{name: (name, "sum") for name in COUNT_COLUMNS},
}


def grid_cells(frame: pd.DataFrame, cell_degrees: float) -> pd.DataFrame:
    """Incidents binned into square cells: position (mean of members), count, and the sums
    of the figures members reported (a cell's tooltip says "N killed", not "N of M")."""
    if frame.empty:
        return pd.DataFrame(columns=["latitude", "longitude", "count", *COUNT_COLUMNS, "casualties"])
    keys = [
        np.floor(frame["latitude"].to_numpy(dtype=float) / cell_degrees).astype(np.int64),
        np.floor(frame["longitude"].to_numpy(dtype=float) / cell_degrees).astype(np.int64),
    ]
    numeric = frame[["latitude", "longitude", *COUNT_COLUMNS]].astype("float64")
    cells = numeric.groupby(keys, sort=False).agg(**_POSITION_AND_SUMS)
    cells[["latitude", "longitude"]] = cells[["latitude", "longitude"]].round(CELL_DECIMALS)
    cells["casualties"] = cells["killed"] + cells["injured"]
    return cells.reset_index(drop=True)


@dataclasses.dataclass(frozen=True)
class GridLevel:
    min_zoom: int
    max_zoom: int
    cell_degrees: float
    cells: pd.DataFrame


def grid_pyramid(frame: pd.DataFrame) -> list[GridLevel]:
    """Aggregations for successive zoom bands, finest last; a level that would exceed
    MAX_CELLS_PER_LEVEL is dropped along with the finer ones, and the coarser level
    stays visible at the zooms it would have covered."""
    levels: list[GridLevel] = []
    for min_zoom, max_zoom, size in GRID_LEVELS:
        cells = grid_cells(frame, size)
        if len(cells) > MAX_CELLS_PER_LEVEL and levels:
            break
        levels.append(GridLevel(min_zoom, max_zoom, size, cells))
    if levels:
        last = levels[-1]
        levels[-1] = dataclasses.replace(last, max_zoom=GRID_LEVELS[-1][1])
    return levels


def region_totals(
    frame: pd.DataFrame, region_points: dict[str, tuple[float, float]] | None = None
) -> pd.DataFrame:
    """Totals per region (admin1), placed at the region's label point when known,
    else at the mean of its incidents."""
    columns = [
        "admin1",
        "country",
        "latitude",
        "longitude",
        "count",
        *COUNT_COLUMNS,
        "killed_known",
        "injured_known",
        "households_known",
    ]
    data = located(frame)
    if data.empty:
        return pd.DataFrame(columns=columns)
    data = data.assign(admin1=data["admin1"].fillna("Unknown region"), country=data["country"].fillna(""))
    numeric = data[["latitude", "longitude", *COUNT_COLUMNS]].astype("float64")
    numeric[["admin1", "country"]] = data[["admin1", "country"]]
    totals = (
        numeric.groupby(["admin1", "country"], sort=True)
        .agg(
            **_POSITION_AND_SUMS,
            killed_known=("killed", "count"),
            injured_known=("injured", "count"),
            households_known=("households_without_power", "count"),
        )
        .reset_index()
    )
    if region_points:
        for index, name in totals["admin1"].items():
            if name in region_points:
                totals.loc[index, ["latitude", "longitude"]] = region_points[name]
    totals[["latitude", "longitude"]] = totals[["latitude", "longitude"]].round(CELL_DECIMALS)
    return totals[columns]


def heat_points(frame: pd.DataFrame) -> list[list[float]]:
    """[lat, lon, weight] for the density layer, pre-binned so its size is bounded."""
    data = located(frame)
    if len(data) <= POINT_LIMIT:
        return [
            [round(lat, 3), round(lon, 3), 1.0]
            for lat, lon in zip(data["latitude"], data["longitude"], strict=True)
        ]
    cells = grid_cells(data, 0.05)
    return [
        [lat, lon, float(count)]
        for lat, lon, count in zip(cells["latitude"], cells["longitude"], cells["count"], strict=True)
    ]
