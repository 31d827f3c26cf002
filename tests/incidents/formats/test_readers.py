import json

import pytest

from incidents.formats.acled import ACLED_COLUMNS
from incidents.formats.decode import DecodeError
from incidents.formats.readers import ReadError, detect_format, read_rows

ROWS = "date,place,event_type\n2025-07-20,Kharkiv,drone\n2025-07-21,Sumy,missile\n"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1251", b"")])
def test_csv_in_every_encoding_and_delimiter(delimiter, encoding, bom):
    text = ROWS.replace(",", delimiter).replace("Sumy", "Суми")
    reading = read_rows(bom + text.encode(encoding))
    assert reading.format == "csv"
    assert [row.fields["place"] for row in reading.rows] == ["Kharkiv", "Суми"]
    assert [row.number for row in reading.rows] == [2, 3]


def test_a_row_keeps_its_raw_text_and_line_number_across_quoted_newlines():
    reading = read_rows(b'date,place,description\n2025-07-20,Kharkiv,"two\nlines"\n2025-07-21,Sumy,x\n')
    assert [row.number for row in reading.rows] == [2, 4]
    assert str(reading.rows[0].raw) == '2025-07-20,Kharkiv,"two\nlines"'


def test_undecodable_files_are_refused_with_the_fix():
    with pytest.raises(DecodeError, match="CSV UTF-8"):
        read_rows("date,place\n2025-07-20,Zürich\n".encode("latin-1"), name="x.csv")
    with pytest.raises(DecodeError, match="NUL"):
        read_rows(b"\x00\x01\x02" * 10)
    with pytest.raises(ReadError, match="empty"):
        read_rows(b"  \n")


def test_format_is_detected_from_content():
    assert detect_format(ROWS) == "csv"
    assert detect_format(",".join(ACLED_COLUMNS) + "\n") == "acled"
    assert detect_format('[{"date": "2025-07-20"}]') == "json"
    assert detect_format('{"type": "FeatureCollection", "features": []}') == "geojson"


def acled_row(**overrides) -> dict:
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row.update(
        event_id_cnty="UKR123456",
        event_date="20 July 2025",
        year="2025",
        time_precision="1",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of Russia (2000-)",
        country="Ukraine",
        admin1="Kharkiv",
        location="Kharkiv",
        latitude="49.9808",
        longitude="36.2527",
        geo_precision="1",
        source="Ukrinform; Suspilne",
        notes="On 20 July 2025, Russian forces struck Kharkiv with Shahed drones.",
        fatalities="0",
        iso="804",
    )
    row.update(overrides)
    return row


def test_acled_export_maps_to_our_fields():
    rows = [
        acled_row(),
        acled_row(
            event_id_cnty="UKR2",
            sub_event_type="Shelling/artillery/missile attack",
            notes="Artillery shelling of the town.",
            time_precision="2",
            geo_precision="3",
            actor1="Unidentified Armed Group (Ukraine)",
        ),
    ]
    text = (
        ",".join(ACLED_COLUMNS)
        + "\n"
        + "\n".join(
            ",".join(json.dumps(row[c]) if "," in row[c] or " " in row[c] else row[c] for c in ACLED_COLUMNS)
            for row in rows
        )
    )
    reading = read_rows(text.encode())
    assert reading.format == "acled"
    first, second = (row.fields for row in reading.rows)
    assert first["id"] == "UKR123456" and first["event_type"] == "drone_strike"
    # ACLED's 0 the notes do not confirm is unknown; "Unidentified Armed Group (Ukraine)" is no side.
    assert first["attacker"] == "RU" and first["killed"] is None and first["admin1"] == "Kharkiv Oblast"
    assert first["date_precision"] == "day" and first["geo_precision"] == "settlement"
    assert first["source_name"] == "Ukrinform; Suspilne" and first["description"].startswith("On 20 July")
    assert second["event_type"] == "shelling" and second["date_precision"] == "week"
    assert second["geo_precision"] == "admin1" and second["attacker"] is None


def test_geojson_points_are_longitude_first():
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "g1",
                "geometry": {"type": "Point", "coordinates": [36.25, 49.98]},
                "properties": {"date": "2025-07-20", "place": "Kharkiv"},
            }
        ],
    }
    (row,) = read_rows(json.dumps(document).encode()).rows
    assert (row.fields["latitude"], row.fields["longitude"], row.fields["id"]) == (
        49.98,
        36.25,
        "g1",
    )


def test_json_with_incidents_and_air_defence():
    document = {"incidents": [{"date": "2025-07-20"}], "air_defence": [{"date": "2025-07-20"}]}
    assert [row.kind for row in read_rows(json.dumps(document).encode()).rows] == [
        "incident",
        "air_defence",
    ]


def test_a_json_syntax_error_inside_the_file_names_the_place():
    with pytest.raises(ReadError, match="line 1 column"):
        read_rows(b'[{"date": "2025-07-20",, "x": 1}, {"date": "2025-07-21"}]', format="json")
