"""Import a file: read its rows, validate, geocode, and store them as one batch.

`prepare_batch` is the pure part (bytes in, a `Batch` out); `import_file` adds the
file and the store. Each row ends up in exactly one of stored, updated, duplicates
or rejected, and each rejection says which row, what is wrong and what to do.
"""

import datetime as dt
import hashlib
from pathlib import Path

from incidents.batch import Batch, BatchResult, Rejection, gc_paused
from incidents.bulk import vouch_table
from incidents.locate import Locator
from incidents.readers import read_rows
from incidents.store import Progress, Store
from incidents.validate import RecordError, validate_air_defence, validate_incident

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
) -> BatchResult:
    """Import one file into the store; raises ReadError/DecodeError if the file is unreadable."""
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
        return store.write_batch(batch, progress=progress)


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
    records, left = vouched or (None, set())
    if records is not None and not left and len(set(records.column("id"))) == len(records):
        batch.incidents = records  # every row valid, no id twice: nothing left to decide
        report(VALIDATING, len(reading.rows), len(reading.rows))
        return batch
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
                record = _validated(row, locator, today)
            except RecordError as error:
                reason = f"row {number}: {error}{missing}"
                batch.rejections.append(Rejection(number, str(row.raw), reason[:MAX_REASON_CHARS]))
                continue
        key = f"{kind}:{record['id']}"
        if key in first_row_of:
            first, earlier = first_row_of[key]
            if earlier == record:
                batch.duplicates_in_file += 1
            else:
                row = row or rows[index]
                batch.rejections.append(
                    Rejection(
                        number,
                        str(row.raw),
                        (
                            f"row {number}: id {record['id']!r} is already used by row {first}"
                            " with"
                            " different values; give one of them another id or merge the two rows"
                        )[:MAX_REASON_CHARS],
                    )
                )
            continue
        first_row_of[key] = (number, record)
        (batch.air_defence if kind == "air_defence" else batch.incidents).append(record)
    report(VALIDATING, len(rows), len(rows))
    return batch


def _validated(row, locator: Locator, today: dt.date | None) -> dict:
    if row.problem:
        raise RecordError([row.problem])
    if row.kind == "air_defence":
        return validate_air_defence(row.fields, today=today)
    return locator.locate(validate_incident(row.fields, today=today))
