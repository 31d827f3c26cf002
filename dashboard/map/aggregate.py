"""Pure data shaping for the map: symbol sizes, grid aggregation, region totals.

No folium and no I/O here, so level-of-detail rules are tested on frames alone.
Coordinates are rounded to what the eye can see at the zoom they are shown at.
"""

import dataclasses
import functools
import hashlib
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


@dataclasses.dataclass(frozen=True)
class GridLevel:
    min_zoom: int
    max_zoom: int
    cell_degrees: float
    cells: pd.DataFrame


# The finest grid, which every coarser level and the density layer are cut from, so a
# cell's members are the same whether the store or a frame of records made the cells.
FINE_CELL_DEGREES = GRID_LEVELS[-1][2]
HEAT_CELL_DEGREES = 2 * FINE_CELL_DEGREES
CELL_COLUMNS = ["cell_x", "cell_y", "count", *COUNT_COLUMNS, "latitude", "longitude"]


def fine_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Located records binned into the finest grid: columns CELL_COLUMNS, the cell's
    column and row counted from (-180, -90) as `incidents.storage.queries.cell_of`
    does, its mean point, how many incidents and the sums of their known figures."""
    data = located(frame)
    if data.empty:
        return pd.DataFrame(columns=CELL_COLUMNS)
    numeric = data[["latitude", "longitude", *COUNT_COLUMNS]].astype("float64")
    numeric["cell_x"] = np.floor((numeric["longitude"] + 180.0) / FINE_CELL_DEGREES).astype(np.int64)
    numeric["cell_y"] = np.floor((numeric["latitude"] + 90.0) / FINE_CELL_DEGREES).astype(np.int64)
    cells = numeric.groupby(["cell_x", "cell_y"], sort=True).agg(**_POSITION_AND_SUMS).reset_index()
    return cells[CELL_COLUMNS]


def coarser_cells(cells: pd.DataFrame, factor: int) -> pd.DataFrame:
    """Cells of a grid `factor` times coarser: members summed (an unknown figure adds
    nothing), the point their mean, ordered by column then row."""
    if cells.empty:
        return pd.DataFrame(columns=CELL_COLUMNS)
    # One number per coarse cell, ordered as (column, row) are: the columns and rows of
    # a grid from (-180, -90) are never negative nor near 2**32.
    key = (cells["cell_x"].to_numpy(np.int64) // factor << 32) + cells["cell_y"].to_numpy(np.int64) // factor
    keys, member_of = np.unique(key, return_inverse=True)

    def summed(values) -> np.ndarray:
        return np.bincount(member_of, weights=np.nan_to_num(values), minlength=len(keys))

    count = cells["count"].to_numpy(np.float64)
    grouped = {
        "cell_x": keys >> 32,
        "cell_y": keys & 0xFFFFFFFF,
        "count": summed(count),
        **{name: summed(cells[name].to_numpy(np.float64)) for name in COUNT_COLUMNS},
    }
    for axis in ("latitude", "longitude"):
        grouped[axis] = summed(cells[axis].to_numpy(np.float64) * count) / grouped["count"]
    return pd.DataFrame(grouped, columns=CELL_COLUMNS)


def _shown(cells: pd.DataFrame) -> pd.DataFrame:
    """What a level draws: position rounded to what its zoom shows, and casualties."""
    cells = cells.drop(columns=["cell_x", "cell_y"]).astype("float64")
    cells[["latitude", "longitude"]] = cells[["latitude", "longitude"]].round(CELL_DECIMALS)
    cells["casualties"] = cells["killed"] + cells["injured"]
    return cells.reset_index(drop=True)


def grid_pyramid(cells: pd.DataFrame, base_degrees: float = FINE_CELL_DEGREES) -> list[GridLevel]:
    """Aggregations for successive zoom bands, finest last, from cells `base_degrees`
    wide (`fine_cells`, or the store's `grid_cells`; a level finer than them is left
    out); a level that would exceed MAX_CELLS_PER_LEVEL is dropped along with the finer
    ones, and the coarser level stays visible at the zooms it would have covered."""
    levels: list[GridLevel] = []
    for min_zoom, max_zoom, size in GRID_LEVELS:
        factor = round(size / base_degrees)
        if factor < 1:
            break
        level = coarser_cells(cells, factor) if factor > 1 else cells
        if len(level) > MAX_CELLS_PER_LEVEL and levels:
            break
        levels.append(GridLevel(min_zoom, max_zoom, size, _shown(level)))
    if levels:
        last = levels[-1]
        levels[-1] = dataclasses.replace(last, max_zoom=GRID_LEVELS[-1][1])
    return levels


def heat_of_cells(cells: pd.DataFrame, base_degrees: float = FINE_CELL_DEGREES) -> list[list[float]]:
    """[lat, lon, weight] for the density layer from cells: bounded in size."""
    factor = max(1, round(HEAT_CELL_DEGREES / base_degrees))
    heat = coarser_cells(cells, factor) if factor > 1 else cells
    return [
        [round(float(lat), 3), round(float(lon), 3), float(count)]
        for lat, lon, count in zip(heat["latitude"], heat["longitude"], heat["count"], strict=True)
    ]


@dataclasses.dataclass(frozen=True)
class MapData:
    """What the map's layers draw. With few located incidents (`POINT_LIMIT`), `points`:
    the records themselves, one symbol each; with more, `cells` of a grid
    `cell_degrees` wide, which the layers cut into zoom levels. `regions`: a row per
    region with incidents ({"admin1", "incidents", "casualties",
    "households_without_power"}, None unknown), or None when no regions layer is drawn."""

    located: int
    points: pd.DataFrame
    cells: pd.DataFrame
    regions: list[dict] | None
    cell_degrees: float = FINE_CELL_DEGREES

    @property
    def detailed(self) -> bool:
        return self.located <= POINT_LIMIT

    @functools.cached_property
    def cells_digest(self) -> str:
        """What the cells are, in a few bytes: every cell's every value and the cell size.
        Kept with the answer: a cached answer, which every session showing that view is
        handed, is hashed once, not at every run of every session."""
        rows = pd.util.hash_pandas_object(self.cells, index=False).to_numpy()
        header = f"{self.cell_degrees!r}|{','.join(map(str, self.cells.columns))}|".encode()
        return hashlib.blake2b(header + rows.tobytes(), digest_size=20).hexdigest()


def map_data(frame: pd.DataFrame) -> MapData:
    """MapData of a frame of records (snapshots, standalone pages, tests)."""
    data = located(frame)
    detailed = len(data) <= POINT_LIMIT
    return MapData(
        located=len(data),
        points=data if detailed else data.iloc[0:0],
        cells=pd.DataFrame(columns=CELL_COLUMNS) if detailed else fine_cells(data),
        regions=region_rows(frame),
    )


def region_rows(frame: pd.DataFrame) -> list[dict]:
    """MapData.regions of a frame of located records, as the store's `per_region` gives them."""
    rows = []
    for row in region_totals(frame).to_dict("records"):
        killed = row["killed"] if row["killed_known"] else None
        injured = row["injured"] if row["injured_known"] else None
        casualties = None if killed is None and injured is None else int((killed or 0) + (injured or 0))
        households = row["households_without_power"] if row["households_known"] else None
        rows.append(
            {
                "admin1": row["admin1"],
                "incidents": int(row["count"]),
                "casualties": casualties,
                "households_without_power": None if households is None else int(households),
            }
        )
    return rows


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


def heat_points(data: MapData) -> list[list[float]]:
    """[lat, lon, weight] for the density layer, pre-binned when aggregated so its size
    is bounded."""
    if data.detailed:
        return [
            [round(float(lat), 3), round(float(lon), 3), 1.0]
            for lat, lon in zip(data.points["latitude"], data.points["longitude"], strict=True)
        ]
    return heat_of_cells(data.cells, data.cell_degrees)
