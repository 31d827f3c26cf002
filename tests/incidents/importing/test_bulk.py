"""The column-wise fast path changes nothing: same records, rejections and counts as row by row."""

import datetime as dt
import math
import random

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from geopy.location import Location
from geopy.point import Point

from geodata.geocoder import GazetteerGeocoder
from incidents.formats.readers import read_rows
from incidents.importing import importer
from incidents.importing.batch import RecordColumns
from incidents.importing.columns import validate_table
from incidents.importing.locate import Locator
from incidents.rules.bounds import COUNT_MAX, EARLIEST_DATE, ID_CHARS, TEXT_CHARS, latest_date
from incidents.rules.model import search_text
from tests.incidents.helpers import CORPUS

TODAY = dt.date(2025, 8, 1)


class _SumyOnly(GazetteerGeocoder):
    """Deterministic and offline: "Sumy" resolves, every other place does not."""

    def geocode(self, query, **_):
        if query.casefold() != "sumy":
            return None
        raw = {"name": "Sumy", "latitude": 50.9, "longitude": 34.8, "admin1": "Sumy Oblast",
               "country": "UA", "geo_precision": "settlement", "geocoder": "gazetteer"}  # fmt: skip
        return Location("Sumy, Sumy Oblast, UA", Point(50.9, 34.8), raw)


def _locator() -> Locator:
    return Locator(
        geocoder=_SumyOnly(),
        region_of_point=lambda latitude, longitude: ("Kharkiv Oblast", "UA"),
    )


def _both_paths(data: bytes, monkeypatch):
    fast = importer.prepare_batch(data, name="f.csv", locator=_locator(), today=TODAY)
    with monkeypatch.context() as patched:
        patched.setattr(importer, "vouch_table", lambda table, today: None)
        slow = importer.prepare_batch(data, name="f.csv", locator=_locator(), today=TODAY)
    return fast, slow


def _same(fast, slow) -> None:
    assert fast.read == slow.read
    assert fast.duplicates_in_file == slow.duplicates_in_file
    assert fast.rejections == slow.rejections
    assert fast.incidents == slow.incidents
    # Same field order too, so anything that walks a record sees the same thing.
    assert [list(record) for record in fast.incidents] == [list(r) for r in slow.incidents]
    assert fast.air_defence == slow.air_defence
    assert fast.read == (
        len(fast.incidents) + len(fast.air_defence) + fast.duplicates_in_file + len(fast.rejections)
    )


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".csv", ".txt") and p.stat().st_size),
)
def test_corpus_files_give_the_same_batch_either_way(name, monkeypatch):
    data = (CORPUS / name).read_bytes()
    try:
        fast, slow = _both_paths(data, monkeypatch)
    except Exception as refused:  # a file refused whole is refused by both paths alike
        with pytest.raises(type(refused)):
            importer.prepare_batch(data, name="f.csv", locator=_locator(), today=TODAY)
        return
    _same(fast, slow)


HEADER = (
    "id,date,time,date_precision,place,admin1,country,latitude,longitude,geo_precision,"
    "geocoder,event_type,attacker,killed,injured,children_killed,children_injured,"
    "households_without_power,damage,description,source_name,source_url,source_published"
)
# Cells as people type them: the common forms, and every kind of trouble.
CHOICES = {
    "id": ["", "", "", "a-1", "a-2", " a-3 ", "a-1", "i" * 200, "i" * 201],
    "date": [
        "2025-07-20",
        "2025-07-21",
        "20.07.2025",
        "20 July 2025",
        "2025-7-2",
        "2026-01-01",
        "2025-02-30",
        "",
        "n/a",
        "07/20/2025",
        "05/06/2025",
        " 2025-07-20",
        "1900-01-01",
        "31.12.1899",
        "0001-01-01",
        "2025-08-02",  # tomorrow: allowed
        "2025-08-03",
    ],
    "time": ["", "", "14:30", "9.05", "25:00", "n/a", "14:30:00"],
    "date_precision": ["", "day", "Week", "decade", "unknown"],
    "place": [
        "Kharkiv",
        "Sumy",
        "  Sumy ",
        "",
        "Xyzzy",
        "\u00a0Sumy\u3000",
        "STRAßE",
        "Київ",
        "ΟΔΟΣ",
        "\x1cP\x1f",
        "P" * 200,
        "P" * 201,
        " " + "P" * 200 + " ",
    ],
    "admin1": ["Kharkiv Oblast", "", " Sumy Oblast "],
    "country": ["UA", "Ukraine", "ru", "", "Narnia", "n/a"],
    "latitude": [
        "49.98",
        "50.1",
        "",
        "",
        "50,1",
        "nan",
        "0",
        "91",
        " 50.2 ",
        "1e1",
        "-",
        "1_0",
        "-0",
        "1e400",
    ],
    "longitude": ["36.25", "30.5", "", "0", "200", "inf", "36,2", "-36.25", "-0.0", "+30.5", ".5"],
    "geo_precision": ["", "exact", "Settlement", "street"],
    "geocoder": ["", "source", "manual", "google"],
    "event_type": ["drone_strike", "UAV attack", "Shahed", "", "xyz", "missile", "n/a"],
    "attacker": ["RU", "", "Russia", "ua", "Mars", "unknown"],
    "killed": [
        "0",
        "2",
        "",
        "-1",
        "about 5",
        "1,000",
        "n/a",
        "٣",
        " 4",
        "2.0",
        "9007199254740993",
        "1000000",
        "1000001",
        "3000000000",
        "9" * 5000,
    ],
    "injured": ["1", "", "10", "x"],
    "children_killed": ["", "", "1", "3", "9007199254740994"],
    "children_injured": ["", "0", "12"],
    "households_without_power": ["", "2500", "1 000", "100000000", "100000001", "3000000000"],
    "damage": ["", "roof", " =1+1 "],
    "description": ["", "hit", "<b>x</b>", "Ωμέγα  ", "Straße"],
    "source_name": ["", "Suspilne", " Ukrinform ", "ÄRZTE\u2028", "\u3000", "s" * 2001],
    "source_url": ["", "http://example.org/a"],
    "source_published": ["", "2025-07-21", "21.07.2025", "2030-01-01", "soon", "1899-12-31", "2025-08-02"],
}
CLEAN = {
    "id": "",
    "date": "2025-07-20",
    "time": "",
    "date_precision": "",
    "place": "Kharkiv",
    "admin1": "Kharkiv Oblast",
    "country": "UA",
    "latitude": "49.98",
    "longitude": "36.25",
    "geo_precision": "",
    "geocoder": "",
    "event_type": "drone_strike",
    "attacker": "RU",
    "killed": "0",
    "injured": "1",
    "children_killed": "",
    "children_injured": "",
    "households_without_power": "",
    "damage": "",
    "description": "",
    "source_name": "",
    "source_url": "",
    "source_published": "",
}


def _synthetic_csv(seed: int, rows: int = 400, *, plain: bool = False) -> bytes:
    """Rows as people type them; unless `plain`, also blank lines and rows of the wrong
    width, which send the file to csv.reader instead of Arrow."""
    rng = random.Random(seed)
    lines = [HEADER]
    for n in range(rows):
        # Most rows clean with a few odd cells, as real files are; some rows all odd.
        odd = 1.0 if n % 7 == 0 else 0.15
        cells = [
            rng.choice(CHOICES[name]) if rng.random() < odd else CLEAN[name] for name in HEADER.split(",")
        ]
        cells[-4] = f"row {n % 50}"  # description: repeated, so some rows are exact repeats
        quoted = [f'"{cell}"' if "," in cell else cell for cell in cells]
        lines.append(",".join(quoted))
        if plain:
            continue
        if n % 97 == 0:
            lines.append("")  # a blank line
        if n % 151 == 0:
            lines.append("2025-07-20,Kharkiv")  # a row of the wrong width
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize("plain", [False, True], ids=["split-by-csv-reader", "split-by-arrow"])
@pytest.mark.parametrize("seed", range(12))
def test_synthetic_files_give_the_same_batch_either_way(seed, plain, monkeypatch):
    data = _synthetic_csv(seed, plain=plain)
    table = read_rows(data).table
    assert (table.arrays is not None) == plain
    fast, slow = _both_paths(data, monkeypatch)
    _same(fast, slow)
    vouched = validate_table(table, today=TODAY)
    assert sum(record is not None for record in vouched) > 50  # the fast path did work here


def _mostly_clean_csv(seed: int, rows: int = 3000) -> bytes:
    """A file as a team exports it: rows with their own ids, a few odd cells, a few rows
    twice (exactly, or with another value under the same id)."""
    rng = random.Random(seed)
    lines = [HEADER]
    for n in range(rows):
        cells = [
            rng.choice(CHOICES[name]) if rng.random() < 0.004 else CLEAN[name] for name in HEADER.split(",")
        ]
        cells[0] = cells[0] or f"r-{n}"
        cells[4] = rng.choice(["Kharkiv", "Київ", "STRAßE", "Sumy"]) if cells[4] == "Kharkiv" else cells[4]
        if n % 41 == 0:
            cells[0] = f"r-{n - 1}"  # the id of the row before, with other values
        lines.append(",".join(f'"{cell}"' if "," in cell else cell for cell in cells))
        if n % 57 == 0:
            lines.append(lines[-1])  # the same row again
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize("seed", range(4))
def test_a_mostly_clean_file_keeps_its_columns_and_gives_the_same_batch(seed, monkeypatch):
    data = _mostly_clean_csv(seed)
    fast, slow = _both_paths(data, monkeypatch)
    _same(fast, slow)
    assert isinstance(fast.incidents, RecordColumns)  # the few odd rows did not undo the columns
    assert fast.duplicates_in_file > 40 and len(fast.rejections) > 60
    texts = [search_text(record) for record in fast.incidents]
    assert fast.incidents.search_texts == texts


def test_every_row_vouched_for_is_a_stored_record(monkeypatch):
    data = b"date,place,admin1,country,latitude,longitude,event_type\n" + b"".join(
        f"2025-07-{1 + n % 28:02d},P{n},Kharkiv Oblast,UA,50.{n},36.1,drone\n".encode() for n in range(300)
    )
    fast, slow = _both_paths(data, monkeypatch)
    _same(fast, slow)
    assert len(fast.incidents) == 300 and fast.rejections == []


def test_arrow_reads_a_number_only_where_float_reads_the_same():
    # The column-wise check trusts Arrow's cast for coordinates; anything it refuses goes
    # to float() and then the row validator. So a cast that succeeds must agree with float().
    texts = [".", "-.", "1_0", "٣", " 1", "1 ", "0x10", "inf", "nan", "1,5", "+.5", "-0.", "00.5", "1E5"]
    texts += ["Infinity", "-nan", "1d5", "0.1e-5", "1e400", "4.9e-325", "\u00a01", "1.e1", "49.98", "-36.25"]
    for text in texts:
        try:
            number = pc.cast(pa.array([text]), pa.float64())[0].as_py()
        except pa.ArrowInvalid:
            continue
        expected = float(text)
        assert number == expected or (math.isnan(number) and math.isnan(expected)), text


def _bound_cases() -> list[tuple[str, str, str, bool]]:
    """(field, cell, why, stored?): each bound of `incidents.rules.bounds` met, and passed by one."""
    cases = [("id", "i" * ID_CHARS, "at the maximum", True), ("id", "i" * (ID_CHARS + 1), "over", False)]
    for name, limit in TEXT_CHARS.items():
        if name in HEADER.split(","):
            cases += [(name, "t" * limit, "at the maximum", True), (name, "t" * (limit + 1), "over", False)]
            cases.append((name, "NUL\x00", "unstorable", False))
    for name, maximum in COUNT_MAX.items():
        if name in HEADER.split(",") and not name.startswith("children"):  # within the total
            cases += [(name, str(maximum), "at the maximum", True), (name, str(maximum + 1), "over", False)]
    for name in ("date", "source_published"):
        cases += [
            (name, EARLIEST_DATE.isoformat(), "the earliest", True),
            (name, (EARLIEST_DATE - dt.timedelta(days=1)).isoformat(), "before", False),
            (name, latest_date(TODAY).isoformat(), "the latest", True),
            (name, (latest_date(TODAY) + dt.timedelta(days=1)).isoformat(), "after", False),
        ]
    return cases


@pytest.mark.parametrize("nul", [False, True], ids=["no-nul", "a-nul-in-the-file"])
def test_every_bound_is_the_same_on_both_paths(nul, monkeypatch):
    cases = _bound_cases()
    lines = [HEADER]
    # A NUL in a file's first 4 KB refuses it whole (it is binary): after them, it is a cell's.
    padding = [",".join({**CLEAN, "id": f"p-{n}"}.values()) for n in range(60 if nul else 0)]
    lines += padding
    for n, (name, cell, _why, _stored) in enumerate(cases):
        cells = {**CLEAN, "id": f"b-{n}", "killed": "", "injured": ""}
        if nul == ("\x00" in cell):
            cells[name] = cell
        lines.append(",".join(cells[field] for field in HEADER.split(",")))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    fast, slow = _both_paths(data, monkeypatch)
    _same(fast, slow)
    assert data.index(b"\x00") > 4096 if nul else b"\x00" not in data
    vouched = validate_table(read_rows(data).table, today=TODAY)[len(padding) :]
    rejected = {rejection.row for rejection in fast.rejections}
    for n, (name, cell, why, stored) in enumerate(cases):
        if nul != ("\x00" in cell):
            continue  # left as the clean row
        row = len(padding) + n + 2
        assert (row not in rejected) == stored, (name, why)
        # The fast path judged the rows within bounds itself, and left the others to the
        # row validator, whose reason names the field and the bound.
        assert (vouched[n] is not None) == stored, (name, why)
        if not stored:
            (reason,) = [r.reason for r in fast.rejections if r.row == row]
            assert reason.startswith(f"row {row}: {name} "), reason
            assert {"over": "maximum", "before": "before", "after": "future"}.get(
                why, "cannot be stored"
            ) in reason


def test_the_bounds_fit_the_store():
    from incidents.storage.schema import incidents_table

    assert incidents_table.c.id.type.length == ID_CHARS
    assert max(COUNT_MAX.values()) < 2**31  # PostgreSQL's INTEGER


@pytest.mark.parametrize("distinct", [8, 1000], ids=["few-counts", "more-pairs-than-rows"])
def test_children_within_the_total_are_judged_by_the_row_rule_either_way(distinct, monkeypatch):
    # The column path asks the row validator's own rule once per distinct pair of counts
    # (from a table of every pair when few, else from the pairs present).
    rng = random.Random(distinct)
    lines = [HEADER]
    for n in range(400):
        killed, injured = rng.randrange(distinct), rng.randrange(distinct)
        cells = {
            **CLEAN,
            "id": f"c-{n}",
            "killed": rng.choice([str(killed), ""]),
            "children_killed": rng.choice(["", str(killed), str(killed + 1), str(rng.randrange(distinct))]),
            "injured": str(injured),
            "children_injured": rng.choice(["", str(injured), str(injured + 1)]),
        }
        lines.append(",".join(cells[field] for field in HEADER.split(",")))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    fast, slow = _both_paths(data, monkeypatch)
    _same(fast, slow)
    assert 40 < len(fast.rejections) < 300
    assert all("children" in rejection.reason for rejection in fast.rejections)
    vouched = validate_table(read_rows(data).table, today=TODAY)
    assert sum(record is not None for record in vouched) == len(fast.incidents)
