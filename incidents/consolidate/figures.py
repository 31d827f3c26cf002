"""An incident's record from its reports: the rule, stated once.

The event (date, time, place, point, type, attacker, damage, description) is that of
its first report, the one the incident was stored as. Each figure (killed, injured,
children, households without power) is the one given by the most direct source
(`incidents.consolidate.sources`), and among its reports the latest (published
date, then time, then arrival); reports that do not give the figure are passed
over, so "not reported" never hides a figure. Figures are never added up across
reports: they are accounts of one toll. A source's "at least 5" is stored as 5, and
stays the lower bound it was. A figure that reports give differently is conflicting.
The sources are listed, most direct first.
"""

from collections.abc import Mapping, Sequence

from incidents.consolidate.sources import RANK_NAMES, directness
from incidents.rules.bounds import TEXT_CHARS
from incidents.rules.model import COUNT_FIELDS

SOURCE_SEPARATOR = "; "
RULE = (
    "figures from the most direct source's latest report"
    " (regional post > national summary > news > other), never summed"
)


def report_order(report: Mapping, arrival: int = 0) -> tuple:
    """How a report ranks for the figures it gives: higher wins."""
    published = report.get("source_published") or report.get("date") or ""
    return (directness(report.get("source_name")), str(published), report.get("time") or "", arrival)


def derive(base: Mapping, reports: Sequence[Mapping]) -> tuple[dict, list[str], dict[str, str]]:
    """(the incident's record, the figures reports give differently, {figure: the
    source it is taken from}). `reports` in arrival order, `base` among them."""
    ranked = sorted(
        ((report_order(report, n), report) for n, report in enumerate(reports)),
        key=lambda pair: pair[0],
        reverse=True,
    )
    record = dict(base)
    conflicts, taken_from = [], {}
    for name in COUNT_FIELDS:
        given = [(order, report) for order, report in ranked if report.get(name) is not None]
        record[name] = given[0][1][name] if given else None
        if given:
            taken_from[name] = given[0][1].get("source_name") or "an unnamed source"
        if len({report[name] for _, report in given}) > 1:
            conflicts.append(name)
    record["source_name"] = _listed(
        [report.get("source_name") for _, report in ranked], SOURCE_SEPARATOR, "source_name"
    )
    record["source_url"] = _listed([report.get("source_url") for _, report in ranked], " ", "source_url")
    published = [report.get("source_published") for report in reports if report.get("source_published")]
    record["source_published"] = max(published) if published else base.get("source_published")
    return record, conflicts, taken_from


def rank_name(source_name: str | None) -> str:
    return RANK_NAMES[directness(source_name)]


def _listed(values, separator: str, field: str) -> str | None:
    unique = list(dict.fromkeys(value for value in values if value))
    if not unique:
        return None
    # Within the field's bound, so an exported incident imports again.
    limit, text = TEXT_CHARS[field], ""
    for count, value in enumerate(unique):
        joined = value if not text else text + separator + value
        if len(joined) > limit - 20:
            return text + f"{separator}and {len(unique) - count} more"
        text = joined
    return text
