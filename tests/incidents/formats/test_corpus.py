"""The corpus of bad files: every row accounted for, every rejection actionable.

A file that cannot be read at all (binary, empty, a foreign encoding) is refused as a
whole with the fix, and leaves the store as it was.
"""

import csv
import datetime as dt
import io
import re

import pytest

from incidents import IncidentError
from incidents.formats.export import write_csv
from incidents.importing.importer import import_file
from tests.incidents.helpers import CORPUS, balanced

TODAY = dt.date(2025, 8, 1)

# file -> (stored, duplicates, rejected); every other file is refused as a whole
EXPECTED = {
    "utf8-bom-semicolon.csv": (2, 0, 0),
    "cp1251-tab.csv": (3, 0, 0),
    "utf16-excel-unicode.txt": (2, 0, 0),
    "mixed-delimiters.csv": (2, 0, 1),
    "missing-columns.csv": (0, 0, 2),
    "bad-dates.csv": (1, 0, 5),
    "out-of-range-coordinates.csv": (1, 0, 5),
    "negative-counts.csv": (1, 0, 4),
    "unknown-places.csv": (1, 0, 3),
    "unknown-words.csv": (1, 0, 2),
    "duplicated-ids.csv": (2, 1, 1),
    "truncated.csv": (2, 0, 1),
    "truncated.json": (2, 0, 1),
    "formula-payloads.csv": (3, 0, 0),
    "html-payloads.json": (2, 0, 0),
    "geojson-bad-geometry.geojson": (2, 0, 2),
    # Inputs that once crashed an import (issue 12), on SQLite or on PostgreSQL.
    "cr-line-endings.csv": (2, 0, 1),
    "count-overflow.csv": (1, 0, 3),
    "over-long-text.csv": (1, 0, 3),
    "nul-after-4k.csv": (62, 0, 1),
    "implausible-dates.csv": (2, 0, 4),
    "huge-number.json": (1, 0, 1),
    "unstorable-characters.json": (1, 0, 3),
}
# file -> the start of each rejection's reason: the field, the value and the bound named
REASONS = {
    "cr-line-endings.csv": ["row 4: date '2025-02-30' is not a calendar date"],
    "count-overflow.csv": [
        "row 2: killed 99999999999999999999 is above the maximum of 1,000,000;",
        "row 3: injured 3000000000 is above the maximum of 1,000,000;",
        "row 4: households_without_power 99999999999999999999… (5,000 digits)"
        " is above the maximum of 100,000,000;",
    ],
    "over-long-text.csv": [
        "row 2: id is 5,000 characters long, above the maximum of 200;",
        "row 3: place is 201 characters long, above the maximum of 200;",
        "row 4: description is 20,001 characters long, above the maximum of 20,000;",
    ],
    "nul-after-4k.csv": ["row 62: description holds a NUL character at character 4, which cannot be stored;"],
    "implausible-dates.csv": [
        "row 2: date '0001-01-01' is before 1900-01-01;",
        "row 3: date '31.12.1899' is before 1900-01-01;",
        "row 6: date '2025-08-03' is in the future (today is 2025-08-01);",
        "row 7: source_published '0001-01-01' is before 1900-01-01;",
    ],
    "huge-number.json": [
        "row 1: killed 99999999999999999999… (5,000 digits) is above the maximum of 1,000,000;"
    ],
    "unstorable-characters.json": [
        "row 1: place holds '\\ud800', half of a UTF-16 surrogate pair, at character 5,",
        "row 2: description holds a NUL character at character 4,",
        "row 3: id holds '\\udfff', half of a UTF-16 surrogate pair, at character 4,",
    ],
}
REFUSED = {
    "binary.csv": "NUL bytes",
    "empty.csv": "empty",
    "latin1-wrong-encoding.csv": "neither UTF-8 nor Windows-1251",
}


def test_the_corpus_is_complete():
    assert {path.name for path in CORPUS.iterdir()} == set(EXPECTED) | set(REFUSED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_row_is_accounted_for(store, name):
    summary = import_file(store, CORPUS / name, today=TODAY).summary()
    assert balanced(summary), summary
    assert (summary["stored"], summary["duplicates"], summary["rejected"]) == EXPECTED[name], summary
    for rejection in summary["rejections"]:
        # Names the row, and says what is wrong and what to do about it.
        assert rejection["reason"].startswith(f"row {rejection['row']}: ")
        assert (
            re.search(r"\b(use|write|give|add|check|leave|quote|save|fix|merge)\b", rejection["reason"])
            or "cut off" in rejection["reason"]
        ), rejection["reason"]
    open_rejections = store.rejections()
    assert [r["row_number"] for r in open_rejections] == [r["row"] for r in summary["rejections"]]
    assert store.count() == summary["stored"]
    if name in REASONS:
        reasons = [rejection["reason"] for rejection in summary["rejections"]]
        assert len(reasons) == len(REASONS[name])
        for reason, start in zip(reasons, REASONS[name], strict=True):
            assert reason.startswith(start), reason


def test_a_rejected_row_is_kept_as_it_was_with_what_no_database_stores_escaped(store):
    import_file(store, CORPUS / "unstorable-characters.json", today=TODAY)
    import_file(store, CORPUS / "nul-after-4k.csv", today=TODAY)
    raws = [rejection["raw"] for rejection in store.rejections()]
    assert '"place": "Sumy\\ud800"' in raws[0] and '"id": "s-3\\udfff"' in raws[2]
    assert "NUL\\u0000here" in raws[1] and raws[3].endswith(",NUL\\x00here")  # as JSON writes it
    assert {r["place"] for r in store.read_incidents() if r["id"] == "s-4"} == {"Sumy"}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_unreadable_files_are_refused_whole_and_change_nothing(store, name):
    with pytest.raises(IncidentError, match=REFUSED[name]) as caught:
        import_file(store, CORPUS / name, today=TODAY)
    assert name in str(caught.value) and "'CSV UTF-8'" in str(caught.value) or name == "empty.csv"
    assert store.count() == 0 and store.batches() == []


def test_formula_payloads_are_stored_verbatim_and_neutralised_in_csv(store):
    import_file(store, CORPUS / "formula-payloads.csv", today=TODAY)
    records = store.read_incidents()
    assert any(r["description"].startswith("=HYPERLINK") for r in records)
    out = io.StringIO()
    write_csv(records, out)
    cells = [cell for row in csv.reader(io.StringIO(out.getvalue())) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@") or cell.startswith("-2")]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells and "'-2+3" in cells


def test_html_payloads_are_data_not_markup(store):
    import_file(store, CORPUS / "html-payloads.json", today=TODAY)
    places = {r["place"] for r in store.read_incidents()}
    assert "<script>alert(1)</script>" in places  # kept as typed: escaping is each output's job


def test_cp1251_cyrillic_survives(store):
    import_file(store, CORPUS / "cp1251-tab.csv", today=TODAY)
    assert "Харків" in {r["place"] for r in store.read_incidents()}
