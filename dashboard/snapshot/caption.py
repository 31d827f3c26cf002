"""What a snapshot says about itself: title, subtitle, dates, filters, totals, sources, data version.

Pure: built from what the store answered (`dashboard.snapshot.answers`) and the filter,
rendered to escaped HTML. A figure no record reported is not zero: every total says how
many records lack it. `count_sources` and `data_version` answer for records in memory.
"""

import dataclasses
import datetime as dt
import hashlib
import html
import json
import re
import unicodedata
from typing import TYPE_CHECKING

from incidents.rules.filters import IncidentFilter
from incidents.rules.model import HEADLINE_COUNT_FIELDS

if TYPE_CHECKING:
    from dashboard.snapshot.answers import Answers

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
    answers: "Answers",
    record_filter: IncidentFilter,
    *,
    title: str,
    subtitle: str = "",
    now: dt.datetime | None = None,
    version: str | None = None,
    locations: str = "",
) -> Caption:
    """The caption of what the store answered (`dashboard.snapshot.answers`); `version`
    names the data (e.g. the store's latest import), by default as the answers do."""
    totals = answers.totals
    return Caption(
        title=title,
        date_range=date_range(record_filter, answers.span),
        filters=tuple(filter_lines(record_filter)),
        incidents=totals["incidents"],
        totals=tuple(
            Total(label, totals[name].total or 0, totals[name].without_figure) for label, name in TOTAL_FIELDS
        ),
        sources=answers.sources,
        data_version=version or answers.version,
        records_in_store=answers.records_in_store,
        made_at=now or dt.datetime.now(dt.UTC),
        subtitle=subtitle.strip(),
        locations=locations,
    )


def date_range(record_filter: IncidentFilter, span: tuple[str, str] | None) -> str:
    """The filter's dates; where it leaves them open, the matching incidents' `span`
    (first and last date, None when none match)."""
    start, end = record_filter.date_from, record_filter.date_to
    if start and end:
        return f"Date: {start}" if start == end else f"Dates: {start} to {end}"
    if start or end:
        return f"Dates: from {start}" if start else f"Dates: up to {end}"
    if span is None:
        return "Dates: all (no incidents)"
    first, last = (str(day) for day in span)
    return f"Date: {first}" if first == last else f"Dates: {first} to {last}"


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
