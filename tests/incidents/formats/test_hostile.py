"""Hostile inputs too big for the corpus: each is a message, never a crash (issue 12).

On SQLite and PostgreSQL: the valid rows stored, the bad ones rejected with the reason,
every row accounted for; a file refused whole only when nothing in it can be read.
"""

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from incidents.formats.jsontext import MAX_DEPTH
from incidents.formats.readers import ReadError
from incidents.importing.importer import import_file
from tests.incidents.helpers import balanced, csv_file

TODAY = dt.date(2025, 8, 1)
RECORD = {"date": "2025-07-20", "place": "Sumy", "country": "UA", "event_type": "drone"}
DEEP = 100_000


def _json(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def _records(*items: str) -> str:
    return "[" + ",\n".join(items) + "]"


def _good(n: int) -> str:
    return json.dumps({**RECORD, "id": f"ok-{n}", "latitude": 50.9, "longitude": 34.8})


def _imported(store, path) -> dict:
    summary = import_file(store, path, today=TODAY).summary()
    assert balanced(summary), summary
    assert store.count() == summary["stored"]
    return summary


@pytest.mark.parametrize("depth", [DEEP, 900, MAX_DEPTH + 1])
def test_a_record_nested_too_deep_is_rejected_and_the_others_stored(store, tmp_path, depth):
    # 100,000 deep is a RecursionError for Python's parser; 900 it parses, but printing
    # or reading the record would recurse as deep; just past the bound, for the bound.
    deep = json.dumps({**RECORD, "id": "deep"})[:-1] + ', "description": ' + "[" * depth + "]" * depth + "}"
    bare = "[" * depth + "]" * depth  # an item that is not even a record
    path = _json(tmp_path / "deep.json", _records(_good(1), deep, _good(2), bare))
    summary = _imported(store, path)
    assert (summary["read"], summary["stored"], summary["rejected"]) == (4, 2, 2)
    assert [r["row"] for r in summary["rejections"]] == [2, 4]
    for rejection in summary["rejections"]:
        assert f"nests arrays or objects more than {MAX_DEPTH} levels deep;" in rejection["reason"]
    assert {r["id"] for r in store.read_incidents()} == {"ok-1", "ok-2"}
    assert '"id": "deep"' in store.rejections()[0]["raw"]  # an outline of the record: it is found


def test_a_record_just_within_the_depth_bound_is_read(store, tmp_path):
    inner = MAX_DEPTH - 1  # the record itself is the first level
    nested = json.dumps({**RECORD, "id": "nested", "latitude": 50.9, "longitude": 34.8})[:-1]
    path = _json(tmp_path / "n.json", _records(nested + ', "x": ' + "[" * inner + "]" * inner + "}"))
    assert _imported(store, path)["stored"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "[" * DEEP + "]" * DEEP,
        '{"incidents": ' + "[" * DEEP + "]" * DEEP + "}",
        "[" * DEEP,  # and cut off
    ],
    ids=["list", "envelope", "cut-off"],
)
def test_a_file_nested_too_deep_from_the_top_is_refused_whole(store, tmp_path, text):
    with pytest.raises(
        ReadError, match=f"deep.json nests arrays or objects more than {MAX_DEPTH} levels deep"
    ):
        import_file(store, _json(tmp_path / "deep.json", text), today=TODAY)
    assert store.count() == 0 and store.batches() == []


def test_a_deep_file_cut_off_keeps_its_records_before_the_cut(store, tmp_path):
    path = _json(tmp_path / "cut.json", "[" + _good(1) + ",\n" + _good(2) + ",\n" + "[" * DEEP)
    summary = _imported(store, path)
    assert (summary["stored"], summary["rejected"]) == (2, 1)
    assert "cut off" in summary["rejections"][0]["reason"]


@pytest.mark.parametrize("field", ["id", "killed", "latitude", "place", "date"])
def test_a_5000_digit_number_in_json_rejects_its_record_only(store, tmp_path, field):
    huge = "9" * 5000
    bad = json.dumps({**RECORD, "id": "huge", "latitude": 50.9, "longitude": 34.8, field: 0})
    bad = bad.replace(f'"{field}": 0', f'"{field}": {huge}')
    summary = _imported(store, _json(tmp_path / "huge.json", _records(_good(1), bad, _good(2))))
    assert (summary["stored"], summary["rejected"]) == (2, 1)
    (rejection,) = summary["rejections"]
    assert rejection["reason"].startswith(f"row 2: {field} ") and "5,000" in rejection["reason"]


def test_a_nul_byte_after_the_first_4kb_of_json_is_refused_with_its_place(store, tmp_path):
    items = [_good(n) for n in range(60)]
    items[50] = items[50].replace('"Sumy"', '"Su\x00my"')
    path = _json(tmp_path / "nul.json", _records(*items))
    assert path.read_bytes().index(b"\x00") > 4096
    with pytest.raises(ReadError, match=r"nul.json has a NUL byte at line 51 column \d+: it is damaged"):
        import_file(store, path, today=TODAY)
    assert store.count() == 0 and store.batches() == []


def test_air_defence_reports_are_bounded_alike(store, tmp_path):
    header = "id,date,reported_by,attacker,weapon,launched,shot_down,lost,area,source_name"
    path = csv_file(
        tmp_path / "ad.csv",
        "ad-1,2025-07-20,Ukrainian Air Force,RU,drone,3000000000,,,Ukraine,x",
        f"ad-2,2025-07-20,Ukrainian Air Force,RU,drone,10,{'9' * 5000},,Ukraine,x",
        f"ad-3,2025-07-20,{'U' * 201},RU,drone,10,5,,Ukraine,x",
        "ad-4,0001-01-01,Ukrainian Air Force,RU,drone,10,5,,Ukraine,x",
        f"{'a' * 201},2025-07-20,Ukrainian Air Force,RU,drone,10,5,,Ukraine,x",
        "ad-6,2025-07-20,Ukrainian Air Force,RU,drone,1000000,999999,1,Ukraine,at the maximum",
        header=header,
    )
    summary = import_file(store, path, today=TODAY).summary()
    assert balanced(summary) and (summary["stored"], summary["rejected"]) == (1, 5)
    reasons = [rejection["reason"] for rejection in summary["rejections"]]
    assert reasons[0].startswith("row 2: launched 3000000000 is above the maximum of 1,000,000;")
    assert reasons[1].startswith("row 3: shot_down 99999999999999999999… (5,000 digits) is above the maximum")
    assert reasons[2].startswith("row 4: reported_by is 201 characters long, above the maximum of 200;")
    assert reasons[3].startswith("row 5: date '0001-01-01' is before 1900-01-01;")
    assert reasons[4].startswith("row 6: id is 201 characters long, above the maximum of 200;")
    assert [(r["id"], r["launched"]) for r in store.read_air_defence()] == [("ad-6", 1_000_000)]


def test_a_cell_over_csv_readers_own_limit_is_rejected_with_the_bound_not_the_file(store, tmp_path):
    # csv.reader refuses a cell over 131,072 characters unless told otherwise: the limit
    # is lifted (incidents.formats.readers) so that such a file is read, and the row with the
    # cell is rejected for its length, naming the bound, while the others are stored.
    path = csv_file(
        tmp_path / "long.csv",
        "l-1,2025-07-20,Kharkiv,,UA,49.98,36.25,drone,RU,0,2,,fine",
        f"l-2,2025-07-20,Kharkiv,,UA,49.98,36.25,drone,RU,0,2,,{'x' * 200_000}",
    )
    summary = import_file(store, path, today=TODAY).summary()
    assert balanced(summary) and (summary["stored"], summary["rejected"]) == (1, 1)
    assert summary["rejections"][0]["reason"].startswith(
        "row 3: description is 200,000 characters long, above the maximum of 20,000;"
    )


def run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def test_the_cli_says_one_line_for_a_file_nested_too_deep(db_url, tmp_path):
    result = run("import", _json(tmp_path / "deep.json", "[" * DEEP + "]" * DEEP), "--json")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: ") and "levels deep" in result.stderr


def test_the_cli_reports_a_count_overflow_as_a_rejection(db_url, tmp_path):
    path = csv_file(
        tmp_path / "o.csv",
        "o-1,2025-07-20,Kharkiv,,UA,49.98,36.25,drone,RU,99999999999999999999,2,,too many",
        "o-2,2025-07-20,Kharkiv,,UA,49.98,36.25,drone,RU,1,2,,fine",
    )
    result = run("import", path, "--json")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    summary = json.loads(result.stdout)
    assert balanced(summary) and (summary["stored"], summary["rejected"]) == (1, 1)
    assert "killed 99999999999999999999 is above the maximum of 1,000,000" in result.stderr
