"""Writes the corpus of bad (and awkward but good) files in corpus/: `python make_corpus.py`.

Kept as code because several files are defined by their bytes (encodings, a cut-off end).
Each file's expected outcome is in tests/incidents/test_corpus.py.
"""

import json
from pathlib import Path

HERE = Path(__file__).parent / "corpus"
HEADER = (
    "id,date,place,admin1,country,latitude,longitude,event_type,attacker,"
    "killed,injured,children_killed,children_injured,description\n"
)


def write(name: str, data: str | bytes) -> None:
    (HERE / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def main() -> None:
    HERE.mkdir(exist_ok=True)
    good = (
        "c-1,2025-07-20,Kharkiv,Kharkiv Oblast,UA,49.98,36.25,UAV attack,Russia,0,2,,,ok\n"
        "c-2,20.07.2025,Sumy,,Ukraine,,,Shahed,RU,,2,,1,ok\n"
    )
    write("utf8-bom-semicolon.csv", "\ufeff" + (HEADER + good).replace(",", ";"))
    write(
        "cp1251-tab.csv",
        (
            HEADER.replace(",", "\t")
            + good.replace(",", "\t")
            + "c-3\t20 липня 2025\tХарків\t\tУкраїна\t49.98\t36.25\tобстріл\tРосія"
            + "\t1\t3\t\t\tобстріл міста\n"
        ).encode("cp1251"),
    )
    write(
        "utf16-excel-unicode.txt",
        (HEADER.replace(",", "\t") + good.replace(",", "\t")).encode("utf-16"),
    )
    write(
        "latin1-wrong-encoding.csv",
        (HEADER + "l-1,2025-07-20,Zürich,,UA,49.98,36.25,drone,RU,,,,,Café\n").encode("latin-1"),
    )
    write(
        "mixed-delimiters.csv",
        HEADER + good + "m-3;2025-07-21;Kharkiv;;UA;49.98;36.25;drone;RU;;;;;semicolons\n",
    )
    write("missing-columns.csv", "id,place,country,killed\nx-1,Kharkiv,UA,1\nx-2,Sumy,UA,0\n")
    write(
        "bad-dates.csv",
        HEADER
        + (
            "d-1,2025-02-30,Kharkiv,,UA,49.98,36.25,drone,RU,,,,,\n"
            "d-2,05/06/2025,Kharkiv,,UA,49.98,36.25,drone,RU,,,,,\n"
            "d-3,yesterday,Kharkiv,,UA,49.98,36.25,drone,RU,,,,,\n"
            "d-4,2095-07-20,Kharkiv,,UA,49.98,36.25,drone,RU,,,,,\n"
            "d-5,,Kharkiv,,UA,49.98,36.25,drone,RU,,,,,\n"
            "d-6,July 20 2025,Kharkiv,,UA,49.98,36.25,drone,RU,,,,,fine\n"
        ),
    )
    write(
        "out-of-range-coordinates.csv",
        HEADER
        + (
            "o-1,2025-07-20,Kharkiv,,UA,99.1,36.25,drone,RU,,,,,\n"
            "o-2,2025-07-20,Kharkiv,,UA,49.98,-200,drone,RU,,,,,\n"
            "o-3,2025-07-20,Kharkiv,,UA,0,0,drone,RU,,,,,\n"
            "o-4,2025-07-20,Kharkiv,,UA,49.98,,drone,RU,,,,,\n"
            "o-5,2025-07-20,Kharkiv,,UA,north,36.25,drone,RU,,,,,\n"
            'o-6,2025-07-20,Kharkiv,,UA,"49,98","36,25",drone,RU,,,,,decimal commas are fine\n'
        ),
    )
    write(
        "negative-counts.csv",
        HEADER
        + (
            "n-1,2025-07-20,Kharkiv,,UA,49.98,36.25,drone,RU,-1,2,,,\n"
            "n-2,2025-07-20,Kharkiv,,UA,49.98,36.25,drone,RU,1,2,3,,\n"
            "n-3,2025-07-20,Kharkiv,,UA,49.98,36.25,drone,RU,1,two,,,\n"
            "n-4,2025-07-20,Kharkiv,,UA,49.98,36.25,drone,RU,1.5,2,,,\n"
            "n-5,2025-07-20,Kharkiv,,UA,49.98,36.25,drone,RU,unknown,about 20,,,fine\n"
        ),
    )
    write(
        "unknown-places.csv",
        HEADER
        + (
            "p-1,2025-07-20,Xyzzyville,,UA,,,drone,RU,,,,,\n"
            "p-2,2025-07-20,Kharkiv,,RU,,,drone,RU,,,,,\n"
            "p-3,2025-07-20,Kharkiv,,Atlantis,,,drone,RU,,,,,\n"
            "p-4,2025-07-20,Zelenograd,,,,,drone,UA,0,0,0,0,fine\n"
        ),
    )
    write(
        "unknown-words.csv",
        HEADER
        + (
            "w-1,2025-07-20,Kharkiv,,UA,49.98,36.25,bad vibes,RU,,,,,\n"
            "w-2,2025-07-20,Kharkiv,,UA,49.98,36.25,drone,Martians,,,,,\n"
            "w-3,2025-07-20,Kharkiv,,UA,49.98,36.25,artillery shelling,UA,,,,,fine\n"
        ),
    )
    write(
        "duplicated-ids.csv",
        HEADER
        + (
            "u-1,2025-07-20,Kharkiv,,UA,49.98,36.25,drone,RU,1,,,,\n"
            "u-1,2025-07-20,Kharkiv,,UA,49.98,36.25,drone,RU,1,,,,\n"
            "u-1,2025-07-20,Kharkiv,,UA,49.98,36.25,drone,RU,5,,,,\n"
            "u-2,2025-07-20,Sumy,,UA,50.9,34.8,drone,RU,,,,,\n"
        ),
    )
    write("truncated.csv", (HEADER + good + "t-3,2025-07-21,Zaporizhzhia,,UA,47.8").encode("utf-8"))
    records = [
        {
            "id": f"j-{n}",
            "date": "2025-07-20",
            "place": "Kharkiv",
            "country": "UA",
            "event_type": "drone_strike",
            "injured": n,
            "description": "Ти\u0301ша",
        }
        for n in range(3)
    ]
    text = json.dumps(records, ensure_ascii=False, indent=1)
    write("truncated.json", text.encode("utf-8")[: len(text.encode("utf-8")) - 40])
    write(
        "formula-payloads.csv",
        HEADER
        + (
            'f-1,2025-07-20,Kharkiv,,UA,49.98,36.25,drone,RU,,,,,"=HYPERLINK(""http://evil.example"",""x"")"\n'
            "f-2,2025-07-20,\"+cmd|' /C calc'!A0\",,UA,49.98,36.25,drone,RU,,,,,@SUM(A1:A9)\n"
            'f-3,2025-07-20,Sumy,,UA,50.9,34.8,drone,RU,,,,,"-2+3"\n'
        ),
    )
    write(
        "html-payloads.json",
        json.dumps(
            [
                {
                    "id": "h-1",
                    "date": "2025-07-20",
                    "place": "<script>alert(1)</script>",
                    "country": "UA",
                    "latitude": 49.98,
                    "longitude": 36.25,
                    "event_type": "drone",
                    "description": "<img src=x onerror=alert(1)>",
                },
                {
                    "id": "h-2",
                    "date": "2025-07-20",
                    "place": "Kharkiv",
                    "country": "UA",
                    "latitude": 49.98,
                    "longitude": 36.25,
                    "event_type": "drone",
                    "damage": '"><svg onload=alert(1)>',
                    "description": "line one\nline two\u2028three",
                },
            ],
            ensure_ascii=False,
            indent=1,
        ),
    )
    write(
        "geojson-bad-geometry.geojson",
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 0]]],
                        },
                        "properties": {
                            "date": "2025-07-20",
                            "place": "Kharkiv",
                            "event_type": "drone",
                        },
                    },
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [36.25, 49.98]},
                        "properties": {
                            "date": "2025-07-20",
                            "place": "Kharkiv",
                            "event_type": "drone",
                            "id": "g-2",
                        },
                    },
                    {
                        "type": "Feature",
                        "geometry": None,
                        "properties": {
                            "date": "2025-07-20",
                            "place": "Sumy",
                            "event_type": "missile",
                            "id": "g-3",
                        },
                    },
                    "not a feature",
                ],
            }
        ),
    )
    write("binary.csv", bytes(range(256)) * 4)
    write("empty.csv", b"")
    hostile(good)


def hostile(good: str) -> None:
    """Inputs that once crashed an import (issue 12): each row out of bounds is rejected."""
    point = "Kharkiv,Kharkiv Oblast,UA,49.98,36.25,drone,RU"
    write(
        "cr-line-endings.csv",
        (HEADER + good + "r-3,2025-02-30,Sumy,,UA,50.9,34.8,drone,RU,,,,,\n").replace("\n", "\r"),
    )
    header = HEADER.replace(",description", ",households_without_power,description")
    write(
        "count-overflow.csv",
        header
        + f"v-1,2025-07-20,{point},99999999999999999999,,,,,\n"
        + f"v-2,2025-07-20,{point},0,3000000000,,,,\n"
        + f"v-3,2025-07-20,{point},,,,,{'9' * 5000},\n"
        + f"v-4,2025-07-20,{point},1000000,1000000,,,100000000,at every maximum\n",
    )
    write(
        "over-long-text.csv",
        HEADER
        + f"{'i' * 5000},2025-07-20,{point},,,,,\n"
        + f"t-2,2025-07-20,{'P' * 201},Kharkiv Oblast,UA,49.98,36.25,drone,RU,,,,,\n"
        + f"t-3,2025-07-20,{point},,,,,{'d' * 20_001}\n"
        + f"{'i' * 200},2025-07-20,{point},,,,,{'d' * 20_000}\n",
    )
    padding = "".join(f"z-{n},2025-07-20,{point},0,1,,,padding to pass the first 4 KB\n" for n in range(60))
    write("nul-after-4k.csv", HEADER + padding + f"z-nul,2025-07-20,{point},,,,,NUL\x00here\n" + good)
    header = HEADER.replace(",description", ",source_published,description")
    write(
        "implausible-dates.csv",
        header
        + f"a-1,0001-01-01,{point},,,,,,\n"
        + f"a-2,31.12.1899,{point},,,,,,\n"
        + f"a-3,1900-01-01,{point},,,,,,the earliest\n"
        + f"a-4,2025-08-02,{point},,,,,,tomorrow (the tests' today is 2025-08-01)\n"
        + f"a-5,2025-08-03,{point},,,,,,\n"
        + f"a-6,2025-07-20,{point},,,,,0001-01-01,\n",
    )
    record = {"date": "2025-07-20", "place": "Sumy", "country": "UA", "event_type": "drone"}
    write(
        "huge-number.json",
        "["
        + json.dumps({**record, "id": "h-1"})[:-1]
        + ', "killed": '
        + "9" * 5000
        + "},\n"
        + json.dumps({**record, "id": "h-2", "latitude": 50.9, "longitude": 34.8})[:-1]
        + ', "injured": 2}]\n',
    )
    write(
        "unstorable-characters.json",
        json.dumps(
            [
                {**record, "id": "s-1", "place": "Sumy\ud800"},
                {**record, "id": "s-2", "description": "NUL\x00here"},
                {**record, "id": "s-3\udfff"},
                {**record, "id": "s-4", "description": "Ω and 😀 are characters"},
            ]
        ),
    )


if __name__ == "__main__":
    main()
