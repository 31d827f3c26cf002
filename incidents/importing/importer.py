"""Import a file: read its rows, validate, geocode, and store them as one batch.

`prepare_batch` is the pure part (bytes in, a `Batch` out); `import_file` adds the
file and the store. Each row ends up in exactly one of stored, updated, duplicates
or rejected, and each rejection says which row, what is wrong and what to do.
"""

import collections
import dataclasses
import datetime as dt
import hashlib
import itertools
from pathlib import Path

from incidents.formats.readers import read_rows
from incidents.importing.batch import Batch, BatchResult, Deletion, RecordColumns, Rejection, gc_paused
from incidents.importing.columns import vouch_table
from incidents.importing.locate import Locator
from incidents.rules.model import search_text
from incidents.rules.validate import RecordError, validate_air_defence, validate_deletion, validate_incident
from incidents.storage.store import Progress, Store

VALIDATING = "validating and geocoding"
MAX_REASON_CHARS = 2000  # a row full of garbage should not make a reason the size of a book


def import_file(
    store: Store,
    path: str | Path,
    format: str | None = None,
    *,
    progress: Progress | None = None,
    locator: Locator | None = None,
    today: dt.date | None = None,
    by: str | None = None,
) -> BatchResult:
    """Import one file into the store (`by`: who imports it, named in the records'
    history); raises ReadError/DecodeError if the file is unreadable."""
    path = Path(path)
    data = path.read_bytes()
    with gc_paused():
        batch = prepare_batch(
            data,
            name=str(path.resolve()),
            format=format,
            locator=locator,
            today=today or dt.date.today(),
            progress=progress,
        )
        return store.write_batch(batch, progress=progress, by=by)


def prepare_batch(
    data: bytes,
    *,
    name: str,
    format: str | None = None,
    locator: Locator | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Batch:
    """Read, validate and geocode a file's rows; `progress(stage, done, total)` is told
    how far validation has got (rows the column-wise check vouches for count at once)."""
    with gc_paused():
        return _prepare(data, name=name, format=format, locator=locator, today=today, progress=progress)


PROGRESS_EVERY = 500  # rows between progress reports: often enough for a bar, cheap enough


def _prepare(data: bytes, *, name: str, format, locator, today, progress=None) -> Batch:
    report = progress or (lambda stage, done, total: None)
    today = today or dt.date.today()  # one day for both paths, even across midnight
    reading = read_rows(data, format, name=name)
    locator = locator or Locator()
    batch = Batch(
        name,
        hashlib.sha256(data).hexdigest(),
        reading.format,
        reading.encoding,
        read=len(reading.rows),
        incidents=[],
        air_defence=[],
    )
    missing = ""
    if reading.missing_columns:
        names = ", ".join(reading.missing_columns)
        missing = (
            f" (the file has no {names} column; add it to the header)"
            if len(reading.missing_columns) == 1
            else f" (the file has no {names} columns; add them to the header)"
        )
    # Rows the column-wise check vouches for skip the row validator; the rest (and every
    # rejection) go through it, so the outcome is the same either way, only sooner.
    vouched = vouch_table(reading.table, today=today) if reading.table else None
    if vouched is not None and len(vouched[1]) <= len(vouched[0]) // 2:
        _settle_columns(batch, reading, *vouched, _Check(locator, today, missing), report)
    else:
        _settle_rows(batch, reading, *(vouched or (None, set())), _Check(locator, today, missing), report)
    report(VALIDATING, len(reading.rows), len(reading.rows))
    return batch


@dataclasses.dataclass
class _Check:
    """The row validator, and how its verdicts are worded."""

    locator: Locator
    today: dt.date | None
    missing: str  # what to add to each rejection when the file lacks a required column

    def __call__(self, row) -> dict:
        return _validated(row, self.locator, self.today)

    def rejection(self, row, number: int, error: RecordError) -> Rejection:
        return Rejection(number, str(row.raw), f"row {number}: {error}{self.missing}"[:MAX_REASON_CHARS])


def _settle_rows(batch: Batch, reading, records, left: set[int], check: _Check, report) -> None:
    """Row by row, in file order: each row's record (vouched for, or from the row
    validator), its rejection, or its place as a repeat of an earlier row."""
    rows = reading.rows
    first_row_of: dict[str, tuple[int, dict]] = {}
    for index in range(len(rows)):
        if index % PROGRESS_EVERY == 0:
            report(VALIDATING, index, len(rows))
        record = records[index] if records is not None and index not in left else None
        if record is not None:
            number, kind, row = reading.table.numbers[index], "incident", None
        else:
            row = rows[index]
            number, kind = row.number, row.kind
            try:
                record = check(row)
            except RecordError as error:
                batch.rejections.append(check.rejection(row, number, error))
                continue
        key = f"{kind}:{record['id']}"
        if key in first_row_of:
            first, earlier = first_row_of[key]
            if earlier == record:
                batch.duplicates_in_file += 1
            else:
                batch.rejections.append(_id_conflict(row or rows[index], number, record["id"], first))
            continue
        first_row_of[key] = (number, record)
        if kind == "deletion":
            batch.deletions.append(Deletion(number, record["id"], record["source_version"]))
        else:
            (batch.air_defence if kind == "air_defence" else batch.incidents).append(record)


def _settle_columns(batch: Batch, reading, records: RecordColumns, left: set[int], check: _Check, report):
    """As `_settle_rows`, for a file of incidents whose rows the column-wise check mostly
    vouched for: the few others are validated one by one and written into the columns
    in their place, repeats found by id in one pass, and the columns kept as columns."""
    rows, numbers = reading.rows, reading.table.numbers
    texts = records.search_texts
    kept = bytearray(b"\x01") * len(records)  # 0: the row is rejected or a repeat
    rejected: list[tuple[int, Rejection]] = []
    for done, index in enumerate(sorted(left), start=len(rows) - len(left)):
        if done % PROGRESS_EVERY == 0:
            report(VALIDATING, done, len(rows))
        row = rows[index]
        try:
            record = check(row)
        except RecordError as error:
            rejected.append((index, check.rejection(row, row.number, error)))
            kept[index] = 0
            continue
        for column, name in zip(records.columns, records.fields, strict=True):
            column[index] = record[name]
        texts[index] = search_text(record)
    ids = records.column("id")
    if 0 not in kept and len(set(ids)) == len(ids):
        batch.incidents = records
        return
    seen = collections.Counter(itertools.compress(ids, kept))
    repeated = {identifier for identifier, times in seen.items() if times > 1}
    first_index: dict[str, int] = {}
    for index in (index for index, identifier in enumerate(ids) if identifier in repeated):
        if not kept[index]:
            continue
        earlier = first_index.setdefault(ids[index], index)
        if earlier == index:
            continue
        kept[index] = 0
        if records[earlier] == records[index]:
            batch.duplicates_in_file += 1
        else:
            rejected.append((index, _id_conflict(rows[index], numbers[index], ids[index], numbers[earlier])))
    batch.rejections.extend(rejection for _, rejection in sorted(rejected, key=lambda pair: pair[0]))
    columns = [list(itertools.compress(column, kept)) for column in records.columns]
    batch.incidents = RecordColumns(
        records.fields, columns, search_texts=list(itertools.compress(texts, kept))
    )


def _id_conflict(row, number: int, identifier: str, first: int) -> Rejection:
    return Rejection(
        number,
        str(row.raw),
        (
            f"row {number}: id {identifier!r} is already used by row {first} with different values;"
            " give one of them another id or merge the two rows"
        )[:MAX_REASON_CHARS],
    )


def _validated(row, locator: Locator, today: dt.date | None) -> dict:
    if row.problem:
        raise RecordError([row.problem])
    if row.kind == "air_defence":
        return validate_air_defence(row.fields, today=today)
    if row.kind == "deletion":
        return validate_deletion(row.fields)
    return locator.locate(validate_incident(row.fields, today=today))
