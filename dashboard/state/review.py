"""What the Review page shows of a likely match: the two incidents side by side. Pure."""

from incidents.consolidate.figures import RULE, rank_name
from incidents.consolidate.matching import distance_km
from incidents.rules.model import COUNT_FIELDS

SHOWN_FIELDS = ("date", "time", "place", "admin1", "event_type", "attacker", *COUNT_FIELDS, "damage")
FIGURE_RULE = RULE  # shown where the figures are: how an incident's figure is chosen


def side_by_side(incident: dict, candidate: dict, reports: dict[str, list[dict]]) -> list[dict]:
    """One row per field: the incident's value, the candidate's, and whether they differ
    (unknown shown as "not reported", never as 0); then their sources, each with its rank."""
    rows = []
    for name in SHOWN_FIELDS:
        first, second = incident.get(name), candidate.get(name)
        rows.append(
            {
                "field": name.replace("_", " "),
                "incident": _shown(first),
                "candidate": _shown(second),
                "differs": first is not None and second is not None and first != second,
            }
        )
    rows.append(
        {
            "field": "sources",
            "incident": _sources(incident, reports),
            "candidate": _sources(candidate, reports),
            "differs": False,
        }
    )
    return rows


def distance_text(incident: dict, candidate: dict) -> str:
    km = distance_km(
        incident.get("latitude"),
        incident.get("longitude"),
        candidate.get("latitude"),
        candidate.get("longitude"),
    )
    return "distance unknown" if km is None else f"{km:.1f} km apart"


def _shown(value) -> str:
    return "not reported" if value is None else str(value)


def _sources(record: dict, reports: dict[str, list[dict]]) -> str:
    told = reports.get(record["id"]) or [record]
    return "; ".join(
        f"{report.get('source_name') or 'unnamed source'} ({rank_name(report.get('source_name'))})"
        for report in told
    )
