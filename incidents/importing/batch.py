"""What one import hands to the store, and what the store hands back: pure data.

Every row read is accounted for:
read = stored + attached + updated + duplicates + outdated + deleted + rejected.
"""

import dataclasses
import hashlib
import json
from collections.abc import Sequence

from geodata.memory import gc_paused as gc_paused  # re-exported: the importer imports it here
from incidents.rules.bounds import storable
from incidents.rules.model import AIR_DEFENCE_FIELDS, INCIDENT_FIELDS, complete_record


@dataclasses.dataclass(frozen=True)
class Rejection:
    row: int  # as the user sees it: CSV line (header = 1) or position in a JSON list
    raw: str  # the row as it was in the file (what no database can store, escaped)
    reason: str  # names the row, the field, the value and what to do

    def __post_init__(self):
        # A row is often rejected for holding a NUL or a lone surrogate: kept, and shown,
        # with those written as escapes.
        object.__setattr__(self, "raw", storable(self.raw))
        object.__setattr__(self, "reason", storable(self.reason))


@dataclasses.dataclass(frozen=True)
class Deletion:
    """A source's word that it withdrew one of its records (a row of ACLED's deletions list)."""

    row: int  # as the user sees it, like Rejection.row
    record_id: str
    source_version: int | None  # when the source deleted it (ACLED: deleted_timestamp)


@dataclasses.dataclass
class Batch:
    file_name: str
    file_hash: str
    format: str
    encoding: str | None
    read: int
    incidents: list[dict]  # valid, geocoded, one per id
    air_defence: list[dict]
    duplicates_in_file: int = 0  # rows repeating an earlier row of the same file exactly
    rejections: list[Rejection] = dataclasses.field(default_factory=list)
    deletions: list[Deletion] = dataclasses.field(default_factory=list)

    @classmethod
    def of_records(cls, name: str, incidents: list[dict], air_defence: list[dict]) -> "Batch":
        """A batch of records that are already valid (the seed, a program's own records);
        a field they leave out is unknown."""
        incidents = [complete_record(record, INCIDENT_FIELDS) for record in incidents]
        air_defence = [complete_record(record, AIR_DEFENCE_FIELDS) for record in air_defence]
        digest = hashlib.sha256(
            json.dumps([incidents, air_defence], sort_keys=True, default=str).encode("utf-8")
        ).hexdigest()
        return cls(name, digest, "records", None, len(incidents) + len(air_defence), incidents, air_defence)


@dataclasses.dataclass
class BatchResult:
    batch_id: str
    read: int
    stored: int = 0
    # Attached as a report to an incident already stored (or earlier in the file): a source's
    # account of a strike the store knows (`incidents.consolidate.matching`).
    attached: int = 0
    updated: int = 0
    duplicates: int = 0  # nothing to do: the same record, or a deletion of an id not stored
    outdated: int = 0  # the store holds a newer version (`source_version`): left as it is
    deleted: int = 0
    rejected: int = 0
    rejections: list[Rejection] = dataclasses.field(default_factory=list)
    # Of the stored: how many may describe an incident already stored, and wait for review.
    to_review: int = 0

    def summary(self) -> dict:
        """The `incidents import --json` summary of DESIGN.md."""
        return {
            "read": self.read,
            "stored": self.stored,
            "attached": self.attached,
            "updated": self.updated,
            "duplicates": self.duplicates,
            "outdated": self.outdated,
            "deleted": self.deleted,
            "rejected": self.rejected,
            "to_review": self.to_review,
            "rejections": [{"row": item.row, "reason": item.reason} for item in self.rejections],
        }

    @property
    def balanced(self) -> bool:
        return self.read == (
            self.stored
            + self.attached
            + self.updated
            + self.duplicates
            + self.outdated
            + self.deleted
            + self.rejected
        )


class RecordColumns(Sequence):
    """Records kept as columns: what the column-wise fast path makes and the store writes.

    Reads as a list of record dicts (built when asked for, in `fields` order), so a
    caller sees what the row path gives; the store takes the columns as they are, with
    no dict per row in between (building and taking apart those dicts cost a fifth of
    an import).
    """

    def __init__(self, fields: tuple[str, ...], columns: list[list], *, search_texts: list | None = None):
        self.fields = fields
        self.columns = columns
        self.search_texts = search_texts  # `model.search_text` of each record, when made with them

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        index = range(len(self))[index]
        return dict(zip(self.fields, [column[index] for column in self.columns], strict=True))

    def __iter__(self):
        fields = self.fields
        return (dict(zip(fields, values, strict=True)) for values in zip(*self.columns, strict=True))

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"RecordColumns({list(self)!r})"

    def column(self, name: str) -> list:
        return self.columns[self.fields.index(name)]
