"""Figures for the filtered records: totals, per-day series, air-defence claims. Pure."""

import dataclasses

import pandas as pd

from dashboard.map.aggregate import casualties
from incidents.rules.model import COUNT_FIELDS


@dataclasses.dataclass(frozen=True)
class Figure:
    """A sum over the records that reported it, and how many did not."""

    total: int
    missing: int

    def note(self) -> str | None:
        if not self.missing:
            return None
        return f"{self.missing} record{'s' if self.missing != 1 else ''} without a figure"


@dataclasses.dataclass(frozen=True)
class Totals:
    incidents: int
    killed: Figure
    injured: Figure
    households_without_power: Figure
    children_killed: Figure
    children_injured: Figure


def _figure(frame: pd.DataFrame, column: str) -> Figure:
    values = pd.to_numeric(frame[column], errors="coerce") if column in frame else pd.Series(dtype=float)
    return Figure(int(values.sum(skipna=True)), int(values.isna().sum()) if len(frame) else 0)


def totals(frame: pd.DataFrame) -> Totals:
    return Totals(incidents=len(frame), **{name: _figure(frame, name) for name in COUNT_FIELDS})


def reports_caption(frame: pd.DataFrame, consolidated: dict[str, dict]) -> str:
    """What stands behind the totals: "N incidents from M reports, K with conflicting
    figures". `consolidated`: `Store.consolidated()`, the incidents of several reports
    ({id: {"reports", "conflicts"}}); every other incident is its one report. The totals
    count incidents, each with its figures from its most direct source, never summed
    over reports."""
    ids = frame["id"] if "id" in frame and consolidated else pd.Series(dtype=str)
    shown = [consolidated[identifier] for identifier in ids[ids.isin(list(consolidated))]]
    reports = len(frame) + sum(item["reports"] - 1 for item in shown)
    conflicting = sum(1 for item in shown if item["conflicts"])
    incidents = f"{len(frame)} incident{'s' if len(frame) != 1 else ''}"
    return (
        f"{incidents} from {reports} report{'s' if reports != 1 else ''},"
        f" {conflicting} with conflicting figures"
    )


def daily(frame: pd.DataFrame) -> pd.DataFrame:
    """Incidents, killed and injured per day (known figures only), one row per day."""
    if frame.empty:
        return pd.DataFrame(columns=["date", "incidents", "killed", "injured", "casualties"])
    data = pd.DataFrame(
        {
            "date": pd.to_datetime(frame["date"]),
            "killed": pd.to_numeric(frame["killed"], errors="coerce"),
            "injured": pd.to_numeric(frame["injured"], errors="coerce"),
        }
    )
    data["casualties"] = casualties(frame).astype("float64").to_numpy()
    per_day = data.groupby("date").agg(
        incidents=("date", "size"),
        killed=("killed", "sum"),
        injured=("injured", "sum"),
        casualties=("casualties", "sum"),
    )
    return per_day.reset_index()


def air_defence_summary(reports: list[dict]) -> pd.DataFrame:
    """Launched, shot down and lost per reporting side, with the interception rate
    where both launched and shot down were claimed in the same report."""
    columns = [
        "reported_by",
        "area",
        "reports",
        "launched",
        "shot_down",
        "lost",
        "interception_rate",
    ]
    if not reports:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame.from_records(reports)
    for column in ("launched", "shot_down", "lost"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    both = frame["launched"].notna() & frame["shot_down"].notna()
    frame["launched_paired"] = frame["launched"].where(both)
    frame["shot_down_paired"] = frame["shot_down"].where(both)
    summary = (
        frame.groupby(["reported_by", "area"], dropna=False)
        .agg(
            reports=("reported_by", "size"),
            launched=("launched", lambda s: s.sum(min_count=1)),
            shot_down=("shot_down", lambda s: s.sum(min_count=1)),
            lost=("lost", lambda s: s.sum(min_count=1)),
            launched_paired=("launched_paired", lambda s: s.sum(min_count=1)),
            shot_down_paired=("shot_down_paired", lambda s: s.sum(min_count=1)),
        )
        .reset_index()
    )
    summary["interception_rate"] = summary["shot_down_paired"] / summary["launched_paired"]
    return summary[columns]
