"""Rejected rows of an upload, as editable fields, and the file that retries them. Pure."""

import json

from incidents.formats.readers import read_rows

# Columns a user most often fixes come first in the editor.
FIRST_COLUMNS = ("place", "admin1", "country", "latitude", "longitude", "date", "event_type")


def rejected_fields(data: bytes, *, name: str, format: str | None, rows: list[int]) -> list[dict]:
    """The fields of the given row numbers of an uploaded file, in our field names."""
    wanted = set(rows)
    reading = read_rows(data, format, name=name)
    found = []
    for row in reading.rows:
        if row.number in wanted and row.fields:
            fields = {key: ("" if value is None else str(value)) for key, value in row.fields.items()}
            ordered = {key: fields[key] for key in FIRST_COLUMNS if key in fields}
            found.append({"row": row.number, **ordered, **fields})
    return found


def corrections_file(edited: list[dict]) -> bytes:
    """A JSON file of the edited rows (without the row column), for a new import."""
    records = [
        {key: (None if value in ("", None) else value) for key, value in row.items() if key != "row"}
        for row in edited
    ]
    return json.dumps(records, ensure_ascii=False).encode("utf-8")
