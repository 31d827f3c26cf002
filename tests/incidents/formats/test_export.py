import csv
import datetime as dt
import io
import json
import random
import re

import pytest

from incidents.formats.export import (
    csv_cell,
    neutralise,
    spreadsheet_safe,
    write_csv,
    write_geojson,
    write_json,
    write_table,
)
from incidents.importing.importer import import_file
from incidents.rules.filters import IncidentFilter
from incidents.rules.model import INCIDENT_FIELDS

# The payloads, and what the one rule (`spreadsheet_safe`) makes of them: an
# apostrophe at the start and after every `,` `;` tab CR LF that a formula start follows.
PAYLOADS = {
    "=1+1": "'=1+1",
    "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
    "-2+3": "'-2+3",
    "@SUM(A1)": "'@SUM(A1)",
    '=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
    "x;=cmd|' /C calc'!A0": "x;'=cmd|' /C calc'!A0",
    "a\t=1": "a\t'=1",
    "a,=1": "a,'=1",
    "line\n=1": "line\n'=1",
    "\r=1": "'\r'=1",
    "\uff1d1": "'\uff1d1",  # full-width =
    "a,\t=1": "a,'\t'=1",  # a tab after a comma: defused for both
    'a, "=1"': 'a, "\'=1"',  # after the quotes and spaces a naive reader strips
    "Kharkiv": "Kharkiv",
    "Kharkiv - Sumy, 5 km; no-one hurt": "Kharkiv - Sumy, 5 km; no-one hurt",
    "": "",
}
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@pytest.mark.parametrize("text", sorted(PAYLOADS))
def test_spreadsheet_safe_puts_apostrophes_only_where_the_rule_says(text):
    assert spreadsheet_safe(text) == PAYLOADS[text]
    assert neutralise(text) == PAYLOADS[text]  # the old name, same rule


def test_neutralise_leaves_numbers_and_unknowns():
    assert [neutralise(v) for v in (3, -36.5, None)] == [3, -36.5, None]


def _record(n: int, text: str) -> dict:
    # Non-negative numbers only: every part of the file must then be formula-free.
    return {
        "id": f"t-{n}",
        "date": "2025-07-20",
        "time": "06:30",
        "place": text,
        "admin1": text,
        "country": "UA",
        "latitude": 49.98,
        "longitude": 36.25,
        "event_type": "drone_strike",
        "killed": n % 3,
        "injured": None,
        "damage": text,
        "description": f"{text} / {text}",
        "source_name": text,
        "source_url": text,
        "source_published": "2025-07-22",
    }


def _naive_parts(text: str) -> list[str]:
    """The file split as a spreadsheet that ignores quoting would: on each separator alone
    and on all at once; a part's leading quotes and spaces dropped (a naive reader's)."""
    line_breaks = r"\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]"
    splits = [text.split(","), text.split(";"), text.split("\t"), re.split(line_breaks, text)]
    splits.append(re.split(rf"[,;\t]|{line_breaks}", text))
    return [part.lstrip('" ') for parts in splits for part in parts]


def _random_texts(count: int) -> list[str]:
    alphabet = ["=", "+", "-", "@", "\t", "\r", "\n", ",", ";", '"', " ", "'", "a", "1"]
    alphabet += ["\uff1d", "\uff0b", "\uff0d", "\uff20", "\u2028", "\x0b", "|", "!"]
    chance = random.Random(12)
    return ["".join(chance.choices(alphabet, k=chance.randint(0, 12))) for _ in range(count)]


def test_no_part_of_the_csv_starts_a_formula_however_it_is_split():
    texts = [*PAYLOADS, *_random_texts(3000)]
    out = io.StringIO()
    assert write_csv((_record(n, text) for n, text in enumerate(texts)), out) == len(texts)
    bad = sorted({part[:12] for part in _naive_parts(out.getvalue()) if part.startswith(TRIGGERS)})
    assert bad == []


def test_csv_reads_back_as_the_text_with_only_the_rule_s_apostrophes():
    texts = [*PAYLOADS, *_random_texts(3000)]
    out = io.StringIO()
    write_csv((_record(n, text) for n, text in enumerate(texts)), out)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == list(INCIDENT_FIELDS) and len(rows) == len(texts) + 1
    for text, row in zip(texts, rows[1:], strict=True):
        cells = dict(zip(INCIDENT_FIELDS, row, strict=True))
        assert cells["place"] == cells["damage"] == spreadsheet_safe(text), repr(text)
        assert cells["description"] == spreadsheet_safe(f"{text} / {text}"), repr(text)
        if text in PAYLOADS:
            assert cells["place"] == PAYLOADS[text]


def test_text_is_quoted_numbers_dates_and_unknowns_are_not():
    record = _record(1, "x;=cmd|' /C calc'!A0") | {"longitude": -73.5, "latitude": -0.25, "injured": 0}
    out = io.StringIO()
    write_csv([record], out)
    header, line = out.getvalue().split("\n")[:2]
    assert header.split(",")[:3] == ['"id"', '"date"', '"time"']
    cells = dict(zip(INCIDENT_FIELDS, line.split(","), strict=True))  # no comma in this text
    # A negative longitude is a number, not a formula: written as a plain, unquoted number.
    assert (cells["latitude"], cells["longitude"]) == ("-0.25", "-73.5")
    assert (cells["killed"], cells["injured"], cells["children_killed"]) == ("1", "0", "")
    assert (cells["date"], cells["time"], cells["source_published"]) == ("2025-07-20", "06:30", "2025-07-22")
    assert cells["place"] == "\"x;'=cmd|' /C calc'!A0\"" and cells["country"] == '"UA"'


def test_csv_cell_of_pandas_and_numpy_values():
    import numpy as np
    import pandas as pd

    values = [np.int64(-3), np.float64(-1.5), float("nan"), pd.NA, pd.NaT, None]
    assert [csv_cell(v) for v in values] == ["-3", "-1.5", "", "", "", ""]
    assert csv_cell(dt.date(2025, 7, 20)) == "2025-07-20" and csv_cell("-3") == '"\'-3"'


def test_write_table_writes_any_table_by_the_same_rule():
    out = io.StringIO()
    assert write_table(["name", "=total"], [["=1+1", -2], ["a;@b", 3.5]], out) == 2
    assert out.getvalue() == '"name","\'=total"\n"\'=1+1",-2\n"a;\'@b",3.5\n'


def test_csv_keeps_numbers_and_unknowns(store):
    store.load_seed_if_empty()
    out = io.StringIO()
    assert write_csv(store.iter_incidents(), out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(INCIDENT_FIELDS)
    zelenograd = next(r for r in rows if r["place"] == "Zelenograd")
    sumy = next(r for r in rows if r["place"] == "Sumy")
    assert (zelenograd["killed"], sumy["killed"]) == ("0", "")


def test_geojson_is_rfc7946(store):
    store.load_seed_if_empty()
    out = io.StringIO()
    write_geojson(store.iter_incidents(IncidentFilter(countries=("RU",))), out)
    document = json.loads(out.getvalue())
    assert document["type"] == "FeatureCollection" and "crs" not in document
    (feature,) = document["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [37.18139, 55.9825]}  # lon, lat
    assert feature["properties"]["place"] == "Zelenograd" and feature["id"] == feature["properties"]["id"]


def test_exports_reimport_as_duplicates(store, tmp_path):
    store.load_seed_if_empty()
    for name, writer in (
        ("x.json", write_json),
        ("x.geojson", write_geojson),
        ("x.csv", write_csv),
    ):
        path = tmp_path / name
        with open(path, "w", encoding="utf-8", newline="") as out:
            writer(store.iter_incidents(), out)
        summary = import_file(store, path).summary()
        assert (summary["read"], summary["duplicates"]) == (4, 4), (name, summary)


def test_json_of_a_dataframe_has_nulls_not_nan(store):
    store.load_seed_if_empty()
    out = io.StringIO()
    write_json(store.query().to_dict("records"), out)
    records = json.loads(out.getvalue())
    assert next(r for r in records if r["place"] == "Sumy")["killed"] is None
