"""ACLED rows mean what ACLED means, in each of the three layouts users hold.

Rows of every sub-event type that occurs for Ukraine and Russia (`acled_rows.ROWS`)
go through the real reader and importer; each must become what ACLED says it is.
"""

import datetime as dt
import json

import pytest

from incidents.formats.acled import ACLED_TYPES, acled_row
from incidents.formats.readers import detect_format
from incidents.importing.importer import prepare_batch
from incidents.rules.model import EVENT_TYPES
from tests.incidents.formats.acled_rows import LAYOUTS, ROWS, acled_dicts, expected_by_id, layout_bytes

TODAY = dt.date(2026, 1, 1)


def outcomes(layout: str, rows=None) -> tuple[dict[str, tuple], object]:
    """id -> what the row became, as `acled_rows` writes the expectations."""
    batch = prepare_batch(
        layout_bytes(layout, rows or acled_dicts()), name=f"acled-{layout}.csv", today=TODAY
    )
    got = {}
    for record in batch.incidents:
        got[record["id"]] = (
            "incident",
            record["event_type"],
            record["attacker"],
            record["killed"],
            record["injured"],
        )
    for record in batch.air_defence:
        field = "shot_down" if record["shot_down"] is not None else "lost"
        got[record["id"]] = ("air_defence", record["attacker"], record["weapon"], field, record[field])
    ids = [row[0] for row in ROWS]
    for rejection in batch.rejections:
        got[ids[rejection.row - 2]] = ("rejected", rejection.reason)
    return got, batch


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_row_becomes_what_its_sub_event_and_notes_say(layout):
    got, batch = outcomes(layout)
    assert batch.read == len(ROWS) == len(got)  # every row accounted for
    for identifier, expected in expected_by_id().items():
        if expected[0] == "rejected":
            kind, reason = got[identifier]
            assert kind == "rejected" and expected[1] in reason, identifier
            assert "not a strike or an interception" in reason
        else:
            assert got[identifier] == expected, identifier


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_three_layouts_give_the_same_records(layout):
    def without_details(records):  # the layouts' own columns (data_id, iso3) differ
        return [{**record, "source_details": None} for record in records]

    _, reference = outcomes("2025")
    _, batch = outcomes(layout)
    assert without_details(batch.incidents) == without_details(reference.incidents)
    assert without_details(batch.air_defence) == without_details(reference.air_defence)


def test_the_old_layout_and_the_2025_export_are_recognised_as_acled():
    for layout in LAYOUTS:
        text = layout_bytes(layout, acled_dicts()[:1]).decode("utf-8-sig")
        assert detect_format(text) == "acled", layout


def test_an_interception_is_an_air_defence_report_against_the_weapons_side():
    _, batch = outcomes("current")
    (shahed,) = [r for r in batch.air_defence if r["id"] == "UKR211"]
    # Ukraine shot down a Russian drone: the attacker is Russia (actor2), not actor1.
    assert (shahed["attacker"], shahed["weapon"], shahed["shot_down"], shahed["area"]) == (
        "RU",
        "drone",
        1,
        "Pavlohrad",
    )
    assert shahed["reported_by"] == "Military Forces of Ukraine (2019-)"  # who claims it
    assert shahed["source_name"] == "Ukrinform; Suspilne" and "Pavlohrad" in shahed["description"]
    assert not any(r["id"] == "UKR211" for r in batch.incidents)


def test_no_strike_row_whose_notes_name_the_weapon_is_other():
    _, batch = outcomes("current")
    strikes = {"Air/drone strike", "Shelling/artillery/missile attack"}
    by_id = {record["id"]: record for record in batch.incidents}
    checked = 0
    for row in ROWS:
        if row[2] in strikes:
            assert by_id[row[0]]["event_type"] != "other", row[0]
            checked += 1
    assert checked == 8


def test_an_air_drone_strike_whose_notes_name_no_weapon_is_not_guessed():
    row = {**acled_dicts()[0], "notes": "On 2 March 2025, Pavlohrad was struck. [size=no report]"}
    assert acled_row(row).fields["event_type"] == "other"


def test_casualties_unknown_is_unknown_and_notes_give_injured():
    _, batch = outcomes("current")
    by_id = {record["id"]: record for record in batch.incidents}
    assert (by_id["UKR202"]["killed"], by_id["UKR202"]["injured"]) == (None, None)  # "Casualties unknown"
    assert (by_id["UKR201"]["killed"], by_id["UKR201"]["injured"]) == (1, 1)  # "1 ... killed, 1 was injured"
    assert by_id["UKR203"]["children_injured"] == 1  # "including a child"
    assert by_id["UKR206"]["households_without_power"] == 300


def test_a_zero_the_notes_do_not_confirm_is_unknown():
    # ACLED writes 0 both for "none" and for "not known".
    silent = {**acled_dicts()[0], "fatalities": "0", "notes": "On 2 March 2025, Shahed drones hit Pavlohrad."}
    assert acled_row(silent).fields["killed"] is None
    said = {**silent, "notes": "On 2 March 2025, Shahed drones hit Pavlohrad. No casualties reported."}
    assert acled_row(said).fields["killed"] == 0


def test_figures_read_from_the_notes_are_traced_and_acled_columns_kept():
    _, batch = outcomes("2025")
    (record,) = [r for r in batch.incidents if r["id"] == "UKR201"]
    details = json.loads(record["source_details"])
    assert details["read_from_notes"] == {"killed": 1, "injured": 1}
    assert details["admin2"] == "Pavlohrad raion" and details["civilian_targeting"] == "Civilian targeting"
    assert (details["inter1"], details["inter2"]) == ("State forces", "Civilians")
    assert details["fatalities"] == "1" and details["sub_event_type"] == "Air/drone strike"
    assert record["source_version"] == 1741000000


def test_actor_types_given_as_codes_read_as_their_names():
    _, old = outcomes("old")
    (record,) = [r for r in old.incidents if r["id"] == "UKR201"]
    details = json.loads(record["source_details"])
    assert (details["inter1"], details["inter2"]) == ("State forces", "Civilians")
    assert details["iso3"] == "UKR" and details["event_id_no_cnty"] == "201"


@pytest.mark.parametrize(
    ("actor1", "inter1", "attacker"),
    [
        ("Military Forces of Russia (2000-)", "State forces", "RU"),
        ("Military Forces of Ukraine (2019-)", "1", "UA"),
        ("Unidentified Armed Group (Ukraine)", "Rebel group", None),  # where, not whose
        ("Civilians (Ukraine)", "Civilians", None),
        ("Unidentified Military Forces", "State forces", None),
        ("Military Forces of Russia (2000-); Military Forces of Ukraine (2019-)", "State forces", None),
        ("", "", None),
    ],
)
def test_the_attacker_is_the_side_whose_state_forces_struck_never_a_guess(actor1, inter1, attacker):
    row = {**acled_dicts()[0], "actor1": actor1, "inter1": inter1}
    assert acled_row(row).fields["attacker"] == attacker


def test_an_event_type_outside_the_codebook_is_rejected_with_the_columns_to_check():
    row = {**acled_dicts()[0], "event_type": "Explosions", "sub_event_type": "Big bang"}
    assert "not one of ACLED's codebook" in acled_row(row).problem


def test_every_type_the_table_gives_is_the_models():
    for mapping in ACLED_TYPES.values():
        assert set(mapping.event_types) <= set(EVENT_TYPES)
        assert mapping.default is None or mapping.default in EVENT_TYPES
        assert (mapping.becomes == "rejected") == bool(mapping.reason)
