"""The map's data asked of the store: what the dashboard's map and a snapshot draw.

No Streamlit here: the dashboard caches `map_data_of` (dashboard.state.queries), a
snapshot asks it once. The answer is bounded whatever the store holds: at most
`POINT_LIMIT` points, else the finest grid's cells, and a row per region.
"""

from collections.abc import Callable

import pandas as pd

from dashboard.map import aggregate as mapdata
from dashboard.map.aggregate import COUNT_COLUMNS
from incidents.rules.filters import IncidentFilter
from incidents.rules.model import INCIDENT_FIELDS
from incidents.storage import queries
from incidents.storage.schema import MAP_CELL_DEGREES


def cell_size(matching: int) -> float:
    """The grid the map's cells are read at for this many matching incidents: never more
    cells than incidents; up to a level's worth, the finest grid fits."""
    return mapdata.FINE_CELL_DEGREES if matching <= mapdata.MAX_CELLS_PER_LEVEL else MAP_CELL_DEGREES


def map_data_of(
    store,
    record_filter: IncidentFilter | None = None,
    *,
    matching: int | None = None,
    regions: bool = True,
    cells_of: Callable[[float], list[dict]] | None = None,
) -> mapdata.MapData:
    """What the map draws of the matching incidents: the points themselves when few,
    else grid cells, finest when they fit in a level (`MAX_CELLS_PER_LEVEL`), else the
    store's map cells (`MAP_CELL_DEGREES`), read in one pass however many match.
    `store`: a `Store` or its engine; `matching`: how many incidents match, when the
    caller knows; `regions`: whether to ask the figures per region (the regions layer);
    `cells_of(size)`: the `queries.grid_cells` rows of the filter by another way, when
    the caller has a quicker one (a date window from the whole span's cells)."""
    per_region = None
    if regions:
        per_region = [
            {key: row[key] for key in ("admin1", "incidents", "casualties", "households_without_power")}
            for row in queries.per_region(store, record_filter)
        ]
    if matching is None:
        matching = queries.totals(store, record_filter)["incidents"]
    if matching > mapdata.POINT_LIMIT:
        size = cell_size(matching)
        rows = (
            cells_of(size) if cells_of else queries.grid_cells(store, record_filter, size, matching=matching)
        )
        cells = pd.DataFrame.from_records(
            rows,
            columns=["cell_x", "cell_y", "incidents", *COUNT_COLUMNS, "latitude", "longitude"],
        ).rename(columns={"incidents": "count"})
        located = int(cells["count"].sum())
        if located > mapdata.POINT_LIMIT:  # else few have a point: they are drawn one by one
            return mapdata.MapData(
                located=located,
                points=pd.DataFrame(columns=list(INCIDENT_FIELDS)),
                cells=cells[mapdata.CELL_COLUMNS],
                regions=per_region,
                cell_degrees=size,
            )
    few = queries.points(store, record_filter, limit=mapdata.POINT_LIMIT)
    points = pd.DataFrame.from_records(few, columns=list(INCIDENT_FIELDS))
    cells = pd.DataFrame(columns=mapdata.CELL_COLUMNS)
    return mapdata.MapData(located=len(few), points=points, cells=cells, regions=per_region)
