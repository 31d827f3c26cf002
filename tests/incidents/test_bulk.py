"""The column-wise fast path changes nothing: same records, rejections and counts as row by row."""

import datetime as dt
import random

import pytest

from incidents import importer
from incidents.bulk import validate_table
from incidents.locate import Locator
from incidents.model import incident_id, incident_ids
from incidents.readers import read_rows
from tests.incidents.helpers import CORPUS

TODAY = dt.date(2025, 8, 1)


class _Match:
    latitude, longitude, admin1, country = 50.9, 34.8, "Sumy Oblast", "UA"
    geo_precision, ambiguous, alternatives = "settlement", False, ()


def _locator() -> Locator:
    # Deterministic and offline: "Sumy" resolves, every other place does not.
    return Locator(
        resolve_place=lambda place, **_: _Match() if place.casefold() == "sumy" else None,
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
    "id": ["", "", "", "a-1", "a-2", " a-3 ", "a-1"],
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
    ],
    "time": ["", "", "14:30", "9.05", "25:00", "n/a", "14:30:00"],
    "date_precision": ["", "day", "Week", "decade", "unknown"],
    "place": ["Kharkiv", "Sumy", "  Sumy ", "", "Xyzzy"],
    "admin1": ["Kharkiv Oblast", "", " Sumy Oblast "],
    "country": ["UA", "Ukraine", "ru", "", "Narnia", "n/a"],
    "latitude": ["49.98", "50.1", "", "", "50,1", "nan", "0", "91", " 50.2 ", "1e1", "-", "1_0"],
    "longitude": ["36.25", "30.5", "", "0", "200", "inf", "36,2", "-36.25"],
    "geo_precision": ["", "exact", "Settlement", "street"],
    "geocoder": ["", "source", "manual", "google"],
    "event_type": ["drone_strike", "UAV attack", "Shahed", "", "xyz", "missile", "n/a"],
    "attacker": ["RU", "", "Russia", "ua", "Mars", "unknown"],
    "killed": ["0", "2", "", "-1", "about 5", "1,000", "n/a", "٣", " 4", "2.0"],
    "injured": ["1", "", "10", "x"],
    "children_killed": ["", "", "1", "3"],
    "children_injured": ["", "0", "12"],
    "households_without_power": ["", "2500", "1 000"],
    "damage": ["", "roof", " =1+1 "],
    "description": ["", "hit", "<b>x</b>"],
    "source_name": ["", "Suspilne", " Ukrinform "],
    "source_url": ["", "http://example.org/a"],
    "source_published": ["", "2025-07-21", "21.07.2025", "2030-01-01", "soon"],
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


def _synthetic_csv(seed: int, rows: int = 400) -> bytes:
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
        if n % 97 == 0:
            lines.append("")  # a blank line
        if n % 151 == 0:
            lines.append("2025-07-20,Kharkiv")  # a row of the wrong width
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize("seed", range(12))
def test_synthetic_files_give_the_same_batch_either_way(seed, monkeypatch):
    data = _synthetic_csv(seed)
    fast, slow = _both_paths(data, monkeypatch)
    _same(fast, slow)
    vouched = validate_table(read_rows(data).table, today=TODAY)
    assert sum(record is not None for record in vouched) > 50  # the fast path did work here


def test_every_row_vouched_for_is_a_stored_record(monkeypatch):
    data = b"date,place,admin1,country,latitude,longitude,event_type\n" + b"".join(
        f"2025-07-{1 + n % 28:02d},P{n},Kharkiv Oblast,UA,50.{n},36.1,drone\n".encode() for n in range(300)
    )
    fast, slow = _both_paths(data, monkeypatch)
    _same(fast, slow)
    assert len(fast.incidents) == 300 and fast.rejections == []


def test_made_ids_equal_the_one_by_one_ids():
    records = [
        {"date": "2025-07-20", "place": " Kharkiv ", "event_type": "drone_strike", "source_name": None},
        {"date": "2025-07-21", "place": "СУМИ", "event_type": "shelling", "source_name": "X"},
    ]
    columns = [[record[name] for record in records] for name in ("date", "place", "event_type")]
    columns.append([record["source_name"] for record in records])
    assert incident_ids(*columns) == [incident_id(record) for record in records]
