"""Figures for the filtered records: totals, per-day series, air-defence claims. Pure."""

import dataclasses

import pandas as pd

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


def totals_of(answer: dict) -> Totals:
    """The totals the store answered (`incidents.storage.queries.totals`) as the views
    show them: a figure no record gives is a total of 0 with every record missing it."""
    return Totals(
        incidents=answer["incidents"],
        **{name: Figure(answer[name].total or 0, answer[name].without_figure) for name in COUNT_FIELDS},
    )


def reports_caption(incidents: int, behind: dict) -> str:
    """What stands behind the totals: "N incidents from M reports, K with conflicting
    figures". `behind`: `incidents.storage.queries.reports_behind` of the same filter.
    The totals count incidents, each with its figures from its most direct source,
    never summed over reports."""
    reports = incidents + behind["extra_reports"]
    incidents_text = f"{incidents} incident{'s' if incidents != 1 else ''}"
    reports_text = f"{reports} report{'s' if reports != 1 else ''}"
    return f"{incidents_text} from {reports_text}, {behind['conflicting']} with conflicting figures"


def daily(days: list[dict]) -> pd.DataFrame:
    """Incidents, killed and injured per day (known figures only) from the store's
    `per_day` rows, every day from the first to the last: a day without incidents is
    a day of the time axis too. `casualties` is None on a day no record gives them."""
    columns = ["date", "incidents", "killed", "injured", "casualties"]
    if not days:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame.from_records(
        days, columns=["date", "incidents", "killed", "injured", "casualties_known"]
    )
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce", format="ISO8601")
    figures = ["incidents", "killed", "injured", "casualties_known"]
    frame[figures] = frame[figures].apply(pd.to_numeric, errors="coerce").astype("float64")
    frame = frame.dropna(subset=["date"]).groupby("date")[figures].sum()
    known = frame["casualties_known"] > 0
    frame["casualties"] = (frame["killed"].fillna(0) + frame["injured"].fillna(0)).where(known)
    every_day = pd.date_range(frame.index.min(), frame.index.max(), freq="D", name="date")
    frame = frame.reindex(every_day)
    frame["incidents"] = frame["incidents"].fillna(0).astype(int)
    return frame.reset_index()[columns]


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
