"""One filter, three implementations (dict, pandas, SQL): they must agree on every record."""

import itertools

import pytest

from incidents.rules.filters import FilterError, IncidentFilter
from incidents.rules.model import INCIDENT_FIELDS, incident_id

RECORDS = [
    {
        "date": "2025-07-20",
        "place": "Kharkiv",
        "admin1": "Kharkiv Oblast",
        "country": "UA",
        "event_type": "drone_strike",
        "attacker": "RU",
        "killed": 0,
        "injured": 2,
        "damage": "Residential BUILDING",
        "description": "Дрон влучив у будинок",
    },
    {
        "date": "2025-07-21",
        "place": "Sumy",
        "admin1": "Sumy Oblast",
        "country": "UA",
        "event_type": "shelling",
        "attacker": "RU",
        "killed": None,
        "injured": None,
        "damage": None,
        "description": "100% of the_district",
    },
    {
        "date": "2025-07-19",
        "place": "Zelenograd",
        "admin1": "Moscow",
        "country": "RU",
        "event_type": "drone_strike",
        "attacker": "UA",
        "killed": 3,
        "injured": 0,
        "damage": "apartment",
        "description": None,
    },
    {
        "date": "2025-08-01",
        "place": "Kharkiv",
        "admin1": "Kharkiv Oblast",
        "country": "UA",
        "event_type": "missile_strike",
        "attacker": None,
        "killed": 5,
        "injured": 10,
        "damage": None,
        "description": "ДРОН",
    },
]
for n, record in enumerate(RECORDS):
    record.update(
        {name: record.get(name) for name in INCIDENT_FIELDS if name not in record},
        latitude=50.0 + n,
        longitude=36.0,
        source_name=f"s{n}",
    )
    record["id"] = incident_id(record)

FILTERS = [
    IncidentFilter(),
    IncidentFilter(date_from="2025-07-20"),
    IncidentFilter(date_from="2025-07-20", date_to="2025-07-21"),
    IncidentFilter(countries=("ua",)),
    IncidentFilter(regions=("Kharkiv Oblast", "Moscow")),
    IncidentFilter(places=("Sumy",)),
    IncidentFilter(event_types=("drone_strike",)),
    IncidentFilter(attacker="RU"),
    IncidentFilter(min_killed=0),
    IncidentFilter(min_killed=3),
    IncidentFilter(min_injured=1),
    IncidentFilter(text="building"),
    IncidentFilter(text="дрон"),
    IncidentFilter(text="100%"),
    IncidentFilter(text="the_d"),
    IncidentFilter(text="kharkiv residential"),
    IncidentFilter(countries=("UA",), min_killed=1, text="дрон"),
]


def expected_ids(record_filter):
    return sorted(record["id"] for record in record_filter.apply(RECORDS))


def test_unknown_counts_never_pass_a_minimum():
    assert [r["place"] for r in IncidentFilter(min_killed=0).apply(RECORDS)] == [
        "Kharkiv",
        "Zelenograd",
        "Kharkiv",
    ]


def test_text_is_case_insensitive_in_any_script():
    assert len(IncidentFilter(text="дрон").apply(RECORDS)) == 2
    assert len(IncidentFilter(text="BUILDING").apply(RECORDS)) == 1


def test_sql_agrees_with_matches(store):
    store.add(RECORDS)
    for record_filter in FILTERS:
        from_sql = sorted(record["id"] for record in store.read_incidents(record_filter))
        assert from_sql == expected_ids(record_filter), record_filter
        assert store.count(record_filter) == len(from_sql)


def test_bad_filter_values_raise():
    for bad in (
        {"date_from": "20.07"},
        {"event_types": ("nuke",)},
        {"attacker": "XX"},
        {"min_killed": -1},
        {"date_from": "2025-07-21", "date_to": "2025-07-20"},
    ):
        with pytest.raises(FilterError):
            IncidentFilter(**bad)


def test_filters_are_hashable_for_caching():
    assert len({IncidentFilter(regions=("A",)), IncidentFilter(regions=["A"])}) == 1
    assert all(isinstance(hash(f), int) for f in itertools.islice(FILTERS, 3))
