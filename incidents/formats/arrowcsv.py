"""CSV cells by Apache Arrow's parser, for files it provably reads as `csv.reader` does.

Pure. Arrow splits a file in C on all cores and keeps each column as one array of
text, which the column-wise validator (`incidents.importing.columns`) works on without a Python
object per cell: three times faster than `csv.reader` and the transposition after it.

The two parsers agree on well-formed rows; they differ on what `csv.reader` makes of
blank lines, line breaks inside quoted cells, rows of another width and NUL characters.
Those files are declined here (None), and the caller reads them with `csv.reader`:
so the cells, and every row's number and raw text, are the same either way (a test
compares the two on generated files full of quotes and separators).
"""

import functools
import io

import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as arrow_csv


def read_columns(text: str, delimiter: str, width: int) -> list[pa.Array] | None:
    """The cells after the one-line header, one string array per column; None if this
    file is not one that Arrow reads exactly as `csv.reader` would."""
    if "\x00" in text:
        return None
    try:
        table = arrow_csv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=arrow_csv.ReadOptions(skip_rows=1, autogenerate_column_names=True),
            parse_options=arrow_csv.ParseOptions(
                delimiter=delimiter, newlines_in_values=False, ignore_empty_lines=False
            ),
            convert_options=arrow_csv.ConvertOptions(
                column_types={f"f{index}": pa.string() for index in range(width)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # a row of another width, a quote left open: csv.reader's to judge
    # (Arrow and csv.reader end lines at the same \n, \r and \r\n: rows can only differ
    # from lines by the blank lines and quoted line breaks checked below.)
    if table.num_columns != width or not table.num_rows:
        return None
    columns = [column.combine_chunks() for column in table.columns]
    # A blank line is a row of empty cells to Arrow and no row to csv.reader; a row
    # of separators only is one to both. Either is rare: declined alike.
    empty = functools.reduce(pc.and_, (pc.equal(column, "") for column in columns))
    if pc.any(empty).as_py():
        return None
    if '"' in text and any(pc.any(pc.match_substring_regex(column, "[\r\n]")).as_py() for column in columns):
        return None  # a quoted line break: a row that spans lines
    return columns


class ColumnRows:
    """Rows of cells (lists of str) over column arrays, for the rows the row validator
    needs: a few are taken from the arrays one by one; past that, every cell is made a
    Python string at once, which costs less than many rows one by one."""

    ONE_BY_ONE = 1000  # rows asked for before all are made at once

    def __init__(self, columns: list[pa.Array]):
        self.arrays = columns
        self._columns: list[list[str]] | None = None
        self._asked = 0

    def __len__(self) -> int:
        return len(self.arrays[0])

    def __getitem__(self, index: int) -> list[str]:
        if self._columns is None:
            self._asked += 1
            if self._asked <= self.ONE_BY_ONE:
                return [column[index].as_py() for column in self.arrays]
            self._columns = [column.to_pylist() for column in self.arrays]
        return [column[index] for column in self._columns]

    def __iter__(self):
        return (self[index] for index in range(len(self)))
