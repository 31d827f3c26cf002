"""Arrow's CSV split gives exactly csv.reader's cells, row numbers and raw rows, or declines."""

import io
import random

import pytest

from incidents.formats import readers
from incidents.formats.arrowcsv import ColumnRows

# Pieces of cells as files have them: quotes in every place, separators, line breaks.
PLAIN = ["a", "b", " ", '"', '""', ",", ";", "\t", "é", "Київ", "'", "="]
PIECES = [*PLAIN, "\n", "\r\n", "\r"]


def _random_csv(rng: random.Random, delimiter: str) -> str:
    end = rng.choice(["\n", "\n", "\r\n", "\r"])  # lines ended as Unix, Windows and old Macs end them
    width = rng.randint(1, 4)
    lines = [delimiter.join(f"c{index}" for index in range(width))]
    pieces = PIECES if rng.random() < 0.3 else PLAIN  # line breaks in a third of the files
    for _ in range(rng.randint(1, 6)):
        cells = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))) for _ in range(width)]
        if rng.random() < 0.6:  # quoted as a spreadsheet quotes, or left as typed
            cells = ['"' + cell.replace('"', '""') + '"' if rng.random() < 0.5 else cell for cell in cells]
        lines.append(delimiter.join(cells))
    return end.join(lines) + rng.choice(["", end])


def _tables(text: str, monkeypatch):
    by_arrow = readers._csv_table(text, "csv", name="f.csv")
    with monkeypatch.context() as patched:
        patched.setattr(readers, "read_columns", lambda *args: None)
        by_csv_reader = readers._csv_table(text, "csv", name="f.csv")
    return by_arrow, by_csv_reader


def _rows(table) -> list:
    rows = range(len(table.cells))
    return [(table.numbers[i], str(table.raw_row(i).raw), list(table.cells[i])) for i in rows]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_arrow_reads_every_file_as_csv_reader_does_or_declines(delimiter, monkeypatch):
    rng = random.Random(delimiter)
    compared = declined = 0
    for _ in range(3000):
        text = _random_csv(rng, delimiter)
        try:
            by_arrow, by_csv_reader = _tables(text, monkeypatch)
        except readers.ReadError:
            continue  # a header made of nothing: refused the same way by either path
        assert _rows(by_arrow) == _rows(by_csv_reader), repr(text)
        if isinstance(by_arrow.cells, ColumnRows):
            compared += 1
        else:
            declined += 1
    assert compared > 400 and declined > 400  # both branches really ran


def test_a_plain_file_is_split_by_arrow():
    text = 'date,place,description\n2025-07-20,Sumy,"hit, twice"\n2025-07-21,Київ,"said ""no"""\n'
    table = readers._csv_table(text, "csv", name="f.csv")
    assert isinstance(table.cells, ColumnRows) and table.arrays is not None
    assert list(table.cells) == [["2025-07-20", "Sumy", "hit, twice"], ["2025-07-21", "Київ", 'said "no"']]
    assert list(table.numbers) == [2, 3]


def test_a_file_with_cr_only_line_ends_is_split_alike(monkeypatch):
    plain = "date,place,description\r2025-07-20,Sumy,one\r2025-07-21,Київ,two\r"
    by_arrow, by_csv_reader = _tables(plain, monkeypatch)
    assert isinstance(by_arrow.cells, ColumnRows) and _rows(by_arrow) == _rows(by_csv_reader)
    assert _rows(by_arrow) == [
        (2, "2025-07-20,Sumy,one", ["2025-07-20", "Sumy", "one"]),
        (3, "2025-07-21,Київ,two", ["2025-07-21", "Київ", "two"]),
    ]
    quoted = plain.replace(",two", ',"two\rlines"')  # a line break in a cell: csv.reader's
    table = readers._csv_table(quoted, "csv", name="f.csv")
    assert not isinstance(table.cells, ColumnRows)
    assert table.cells[1] == ["2025-07-21", "Київ", "two\rlines"] and list(table.numbers) == [2, 3]
    assert readers.detect_format(plain) == "csv"


def test_a_cell_longer_than_csv_readers_own_limit_is_read_either_way(monkeypatch):
    # csv.reader refuses over 131,072 characters unless told otherwise. Read whole, so
    # that the importer can reject its row for its length, naming the bound, and store
    # the file's other rows (tests/incidents/test_hostile.py), instead of refusing the file.
    long = "x" * 200_000
    for text in (f"date,description\n2025-07-20,{long}\n", f"date,description\n\n2025-07-20,{long}\n"):
        by_arrow, by_csv_reader = _tables(text, monkeypatch)
        assert _rows(by_arrow) == _rows(by_csv_reader)
        assert by_arrow.cells[0][1] == long


def test_lines_are_split_as_the_table_splits_them():
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(rng.choice(["a", "\n", "\r", "\r\n", "\u2028", "\x0b", ""]) for _ in range(12))
        assert list(readers._lines_of(text)) == list(io.StringIO(text, newline=""))
