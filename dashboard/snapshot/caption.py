"""What a snapshot says about itself: title, subtitle, dates, filters, totals, sources, data version.

Pure: built from the records and the filter, rendered to escaped HTML. A figure no
record reported is not zero: every total says how many records lack it.
"""

import dataclasses
import datetime as dt
import hashlib
import html
import json
import re
import unicodedata

from incidents.rules.filters import IncidentFilter
from incidents.rules.model import HEADLINE_COUNT_FIELDS

# (label, field): "Killed", "Injured", "Households without power", as the dashboard's metrics.
TOTAL_FIELDS = tuple((name.replace("_", " ").capitalize(), name) for name in HEADLINE_COUNT_FIELDS)


@dataclasses.dataclass(frozen=True)
class Total:
    label: str
    value: int
    missing: int  # records in view that report no figure for this total

    def text(self) -> str:
        if self.missing:
            return f"{self.value:,} ({self.missing:,} without a figure)"
        return f"{self.value:,}"


@dataclasses.dataclass(frozen=True)
class Caption:
    title: str
    date_range: str
    filters: tuple[str, ...]
    incidents: int
    totals: tuple[Total, ...]
    sources: int
    data_version: str
    records_in_store: int
    made_at: dt.datetime
    subtitle: str = ""
    locations: str = ""  # how the points were coarsened for publishing, in words; "" if not

    def lines(self) -> list[str]:
        """The caption as plain text lines (for logs, alt text and tests)."""
        return [
            self.title,
            *([self.subtitle] if self.subtitle else []),
            self.date_range,
            "Filters: " + ("; ".join(self.filters) or "none"),
            f"Incidents: {self.incidents:,}",
            *(f"{total.label}: {total.text()}" for total in self.totals),
            self.provenance(),
        ]

    def provenance(self) -> str:
        """The footer, in words a reader can use; the data version (a hash) stays in the
        page's markup (`data-version`), not in print."""
        made = self.made_at.astimezone(dt.UTC).strftime("%Y-%m-%d")
        records = "record" if self.incidents == 1 else "records"
        sources = "source" if self.sources == 1 else "sources"
        footer = (
            f"Data: {self.incidents:,} {records} from {self.sources:,} {sources}, as of {made}; "
            "figures as reported; map data Natural Earth, GeoNames"
        )
        return f"{footer}. {self.locations}" if self.locations else footer


def describe(
    all_records: list[dict],
    shown: list[dict],
    record_filter: IncidentFilter,
    *,
    title: str,
    subtitle: str = "",
    now: dt.datetime | None = None,
    version: str | None = None,
    locations: str = "",
) -> Caption:
    """`version` names the data (e.g. the store's latest import); by default, a hash of it."""
    return Caption(
        title=title,
        date_range=date_range(shown, record_filter),
        filters=tuple(filter_lines(record_filter)),
        incidents=len(shown),
        totals=tuple(
            Total(
                label,
                sum(r[name] for r in shown if r.get(name) is not None),
                sum(1 for r in shown if r.get(name) is None),
            )
            for label, name in TOTAL_FIELDS
        ),
        sources=count_sources(shown),
        data_version=version or data_version(all_records),
        records_in_store=len(all_records),
        made_at=now or dt.datetime.now(dt.UTC),
        subtitle=subtitle.strip(),
        locations=locations,
    )


def date_range(shown: list[dict], record_filter: IncidentFilter) -> str:
    start, end = record_filter.date_from, record_filter.date_to
    if start and end:
        return f"Date: {start}" if start == end else f"Dates: {start} to {end}"
    if start or end:
        return f"Dates: from {start}" if start else f"Dates: up to {end}"
    days = sorted(str(r["date"]) for r in shown if r.get("date"))
    if not days:
        return "Dates: all (no incidents)"
    if days[0] == days[-1]:
        return f"Date: {days[0]}"
    return f"Dates: {days[0]} to {days[-1]}"


def filter_lines(record_filter: IncidentFilter) -> list[str]:
    f = record_filter
    pairs = [
        ("Country", f.countries),
        ("Region", f.regions),
        ("Place", f.places),
        ("Type", tuple(t.replace("_", " ") for t in f.event_types)),
        ("Attacker", (f.attacker,) if f.attacker else ()),
        ("At least killed", (str(f.min_killed),) if f.min_killed is not None else ()),
        ("At least injured", (str(f.min_injured),) if f.min_injured is not None else ()),
        ("Text", (repr(f.text),) if f.text else ()),
    ]
    return [f"{label}: {', '.join(values)}" for label, values in pairs if values]


def count_sources(records: list[dict]) -> int:
    """Distinct sources named by the records (by URL when there is one, else by name)."""
    seen = set()
    for record in records:
        urls, names = _as_list(record.get("source_url")), _as_list(record.get("source_name"))
        for value in urls or names:
            seen.add(str(value).strip().casefold())
    seen.discard("")
    return len(seen)


def _as_list(value) -> list:
    if value in (None, ""):
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def data_version(records: list[dict]) -> str:
    """A short hash of every stored record's content: equal hashes, equal data.

    Rows of values in one field order, hashed in a single JSON call: a dump per record
    with sorted keys took over a second at 100,000 records.
    """
    fields = sorted({name for record in records for name in record})
    rows = [[record.get(name) for name in fields] for record in sorted(records, key=_by_id)]
    text = json.dumps([fields, *rows], default=str, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()[:12]


def _by_id(record: dict) -> str:
    return str(record.get("id"))


def caption_html(caption: Caption, *, empty_message: str = "No incidents match these filters.") -> str:
    """The caption panel; every value is escaped (titles and filters come from users)."""
    esc = html.escape
    totals = "".join(f"<tr><th>{esc(t.label)}</th><td>{esc(t.text())}</td></tr>" for t in caption.totals)
    empty = f'<p class="snapshot-empty">{esc(empty_message)}</p>' if caption.incidents == 0 else ""
    return (
        f'<h1 class="snapshot-title">{esc(caption.title)}</h1>'
        + (f'<p class="snapshot-subtitle">{esc(caption.subtitle)}</p>' if caption.subtitle else "")
        + f'<p class="snapshot-dates">{esc(caption.date_range)}</p>'
        f'<p class="snapshot-filters">Filters: {esc("; ".join(caption.filters) or "none")}</p>'
        f"{empty}"
        f'<table class="snapshot-totals"><tr><th>Incidents</th><td>{caption.incidents:,}</td></tr>'
        f"{totals}</table>"
        f'<p class="snapshot-provenance" data-version="{esc(caption.data_version)}" '
        f'data-records-in-store="{caption.records_in_store}">{esc(caption.provenance())}</p>'
        '<p class="snapshot-notes"></p>'
    )


def view_file_stem(record_filter: IncidentFilter, *, title: str | None = None) -> str:
    """A file name (no extension) that says what the view is: the title when one was
    given, else the regions, places, types and dates filtered on ("kharkiv-oblast-
    drone-strike-2025-07-20"); ASCII letters, digits and hyphens, at most 80 characters."""
    f = record_filter
    if title and title.strip():
        words = [title]
    else:
        days = [d.isoformat() for d in dict.fromkeys(d for d in (f.date_from, f.date_to) if d)]
        words = [*f.countries, *f.regions, *f.places, *f.event_types, *days] or ["incidents-all"]
    stem = "-".join(_slug(word) for word in words)
    stem = re.sub(r"-{2,}", "-", stem).strip("-")[:80].rstrip("-")
    return stem or "incidents"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
