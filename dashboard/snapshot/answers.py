"""What a snapshot shows, asked of the store: the map's data, the totals, how many sources,
the dates, how many records the store holds and which version of them.

A `Store` is asked (incidents.storage.queries, dashboard.map.stored), so a snapshot of
a million incidents holds what the map draws (at most `POINT_LIMIT` points, else grid
cells) and a few numbers, never the table. Records already in memory (tests, benchmarks,
a page drawn from a list) are answered in Python by the same rules.

Locations are coarsened here, before anything is drawn or embedded: no finer point
reaches the page.
"""

import dataclasses

import pandas as pd

from dashboard.map import aggregate as mapdata
from dashboard.map import build as mapview
from dashboard.map.stored import map_data_of
from dashboard.snapshot.caption import count_sources, data_version
from incidents.rules.filters import IncidentFilter
from incidents.rules.model import COUNT_FIELDS
from incidents.rules.precision import coarsen, coarsen_records, gazetteer_point
from incidents.storage import queries
from incidents.storage.store import Store

Source = Store | list[dict] | pd.DataFrame


@dataclasses.dataclass(frozen=True)
class Answers:
    map: mapdata.MapData  # coarsened to the precision asked
    totals: dict  # as `queries.totals`: {"incidents": n, name: Figure} for every COUNT_FIELDS name
    sources: int  # distinct sources the matching incidents name
    span: tuple[str, str] | None  # first and last date of the matching incidents
    records_in_store: int
    version: str  # names the stored data (`store_version`, or a hash of the records)


def answers_of(source: Source, record_filter: IncidentFilter | None = None, *, precision=None) -> Answers:
    """Ask the store, or answer from the records when `source` is a list or frame of them."""
    if isinstance(source, Store):
        return ask_store(source, record_filter, precision=precision)
    return answer_records(source, record_filter, precision=precision)


def ask_store(store: Store, record_filter: IncidentFilter | None = None, *, precision=None) -> Answers:
    """The store's answers under the filter: a few aggregate queries, one bounded map."""
    return Answers(
        map=coarsened(map_data_of(store, record_filter), precision),
        totals=queries.totals(store, record_filter),
        sources=queries.source_count(store, record_filter),
        span=queries.date_span(store, record_filter),
        records_in_store=store.count(),
        version=store_version(store),
    )


def store_version(store: Store) -> str:
    """The stored data in words (`Store.change_mark`): how many records, the latest import
    and, once anything was corrected or merged, the latest change."""
    _, batch, change, _ = store.change_mark()
    words = f"{store.count():,} records, latest import {batch or 'none'}"
    return f"{words}, latest change {change}" if change is not None else words


def answer_records(
    records: list[dict] | pd.DataFrame, record_filter: IncidentFilter | None = None, *, precision=None
) -> Answers:
    """The same answers from records in memory (every record "stored"), in Python."""
    records = as_records(records)
    shown = (record_filter or IncidentFilter()).apply(records)
    totals = {"incidents": len(shown)}
    for name in COUNT_FIELDS:
        known = [r[name] for r in shown if r.get(name) is not None]
        totals[name] = queries.Figure(sum(known) if known else None, len(shown) - len(known))
    days = sorted(str(r["date"]) for r in shown if r.get("date"))
    coarse = list(coarsen_records(shown, precision, locate=gazetteer_point))
    return Answers(
        map=mapdata.map_data(mapview.as_frame(coarse)),
        totals=totals,
        sources=count_sources(shown),
        span=(days[0], days[-1]) if days else None,
        records_in_store=len(records),
        version=data_version(records),
    )


def coarsened(data: mapdata.MapData, precision: str | None) -> mapdata.MapData:
    """`data` with no point finer than `precision` (as it is when None): the records
    coarsened one by one; a cell's point, the mean of its incidents' (a cell of one is
    that incident's own point), rounded as a place the gazetteer does not know is."""
    if precision is None:
        return data
    if data.detailed:
        rows = coarsen_records(as_records(data.points), precision, locate=gazetteer_point)
        return dataclasses.replace(
            data, points=pd.DataFrame.from_records(list(rows), columns=data.points.columns)
        )
    cells = data.cells.copy()
    points = [
        coarsen({"latitude": float(lat), "longitude": float(lon)}, precision, locate=_unknown_place)
        for lat, lon in zip(cells["latitude"], cells["longitude"], strict=True)
    ]
    cells["latitude"] = [point["latitude"] for point in points]
    cells["longitude"] = [point["longitude"] for point in points]
    return dataclasses.replace(data, cells=cells)


def _unknown_place(place, country, admin1) -> None:
    return None  # a cell is no settlement: the grid fallback applies


def as_records(records: list[dict] | pd.DataFrame) -> list[dict]:
    """Records as dicts; a frame's NA and NaN become None ("unknown"), never 0."""
    if not isinstance(records, pd.DataFrame):
        return records
    return records.astype(object).where(records.notna(), None).to_dict("records")
