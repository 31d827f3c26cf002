"""Reports under incidents: one strike told by several sources ends as one incident."""

import json

import pytest
import sqlalchemy as sa

from incidents.importing.importer import import_file
from incidents.storage.reports import MatchError
from tests.incidents.helpers import balanced

HEADER = (
    "date,time,place,admin1,country,latitude,longitude,event_type,attacker,killed,injured,"
    "damage,source_name,source_published"
)
SUMY = "Sumy,Sumy Oblast,UA,50.9077,34.7981"
HOMES = "residential building hit"
REGIONAL_POST = "Sumy Regional Military Administration"
# One night strike on Sumy told four times: the regional post, the Air Force's summary
# (no figures), a news outlet with more injured, and a wire report a day later dated
# the evening before.
REGIONAL = f"2025-07-20,02:10,{SUMY},drone_strike,RU,,2,{HOMES},{REGIONAL_POST},2025-07-20"
AIR_FORCE = f"2025-07-20,08:00,{SUMY},drone_strike,RU,,,,Air Force of Ukraine,2025-07-20"
NEWS = f"2025-07-20,09:00,{SUMY},drone_strike,RU,1,5,apartment block damaged,Suspilne,2025-07-20"
WIRE = f"2025-07-19,12:00,{SUMY},drone_strike,RU,1,5,,Reuters,2025-07-21"


def write(path, *rows):
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_four_reports_of_one_strike_are_one_incident(store, tmp_path):
    result = import_file(store, write(tmp_path / "sumy.csv", REGIONAL, AIR_FORCE, NEWS, WIRE))
    summary = result.summary()
    assert (summary["stored"], summary["attached"]) == (1, 3) and result.balanced

    [incident] = store.read_incidents()
    assert incident["date"] == "2025-07-20" and incident["place"] == "Sumy"
    # The regional post is the most direct source: its 2 injured stands; the news' 5 does
    # not replace it, nor is it added to it. Killed: only the news and the wire give it.
    assert (incident["injured"], incident["killed"]) == (2, 1)
    assert incident["source_name"].startswith("Sumy Regional Military Administration; Air Force of Ukraine")
    [reports] = store.reports([incident["id"]]).values()
    assert [report["source_name"] for report in reports] == [
        "Sumy Regional Military Administration",
        "Air Force of Ukraine",
        "Suspilne",
        "Reuters",
    ]
    assert [report["injured"] for report in reports] == [2, None, 5, 5]
    assert store.report_totals() == {"incidents": 1, "reports": 4, "conflicting": 1}
    assert store.totals()["injured"] == 2

    versions = store.history(incident["id"])
    incident_versions = [version for version in versions if version["kind"] == "incident"]
    killed = [
        (version["by"], change)
        for version in incident_versions
        for change in version["changes"]
        if change["field"] == "killed"
    ]
    assert killed == [("Suspilne", {"field": "killed", "before": None, "after": 1})]
    assert incident_versions[-1]["record"]["killed"] == 1

    again = import_file(store, tmp_path / "sumy.csv")
    assert (again.stored, again.attached, again.updated, again.duplicates) == (0, 0, 0, 4) and again.balanced
    assert store.read_incidents() == [incident]


def test_a_later_regional_post_revises_the_figure_and_says_by_whom(store, tmp_path):
    import_file(store, write(tmp_path / "a.csv", REGIONAL, NEWS))
    # The same source's later post on the same strike: its own report, revised.
    later = REGIONAL.replace("02:10", "10:30").replace(",2,", ",5,")
    result = import_file(store, write(tmp_path / "b.csv", later))
    assert (result.updated, result.stored, result.attached) == (1, 0, 0) and result.balanced
    [incident] = store.read_incidents()
    assert incident["injured"] == 5
    latest = store.revised_ids([incident["id"]])[incident["id"]]
    assert latest["by"] == "Sumy Regional Military Administration"
    assert {"field": "injured", "before": 2, "after": 5} in latest["changes"]


def test_two_strikes_on_one_town_one_day_with_different_targets_stay_two(store, tmp_path):
    homes = REGIONAL
    grid = f"2025-07-20,14:00,{SUMY},drone_strike,RU,,,power substation hit,Suspilne,2025-07-20"
    result = import_file(store, write(tmp_path / "two.csv", homes, grid))
    assert (result.stored, result.attached, result.to_review) == (2, 0, 0)
    assert len(store.read_incidents()) == 2 and store.matches() == []


def test_a_likely_match_waits_for_review_and_is_undone_cleanly(store, tmp_path):
    # The next day, no sign of a night strike, a village 3 km off: maybe the same.
    first = f"2025-07-20,15:00,{SUMY},drone_strike,RU,,2,,Sumy Regional Military Administration,2025-07-20"
    near = "2025-07-21,15:00,Zhuravka,Sumy Oblast,UA,50.93,34.83,drone_strike,RU,1,,,Suspilne,2025-07-21"
    result = import_file(store, write(tmp_path / "likely.csv", first, near))
    assert (result.stored, result.attached, result.to_review) == (2, 0, 1) and result.balanced
    before = sorted(store.read_incidents(), key=lambda record: record["date"])
    [match] = store.matches()
    assert (match["incident"], match["candidate"]) == (before[0]["id"], before[1]["id"])
    assert "km apart" in match["why"] and "adjacent days" in match["why"]

    store.merge_incidents(match["incident"], [match["candidate"]], by="anna")
    [merged] = store.read_incidents()
    assert (merged["injured"], merged["killed"]) == (2, 1) and store.matches() == []
    store.split(merged["id"], by="anna")
    assert sorted(store.read_incidents(), key=lambda record: record["date"]) == before
    assert store.reports([record["id"] for record in before]) == {}
    # Split means kept apart: a re-import proposes nothing again.
    assert import_file(store, tmp_path / "likely.csv").duplicates == 2 and store.matches() == []
    decisions = store.decisions(before[0]["id"])
    assert [(decision["decision"], decision["by"]) for decision in decisions] == [("kept_apart", "anna")]
    versions = store.history(before[0]["id"])
    assert [version["by"] for version in versions if version["kind"] == "incident"][-2:] == ["anna", "anna"]


def test_keep_apart_closes_the_proposal(store, tmp_path):
    first = f"2025-07-20,15:00,{SUMY},drone_strike,RU,,2,,Sumy Regional Military Administration,2025-07-20"
    near = "2025-07-21,15:00,Zhuravka,Sumy Oblast,UA,50.93,34.83,drone_strike,RU,1,,,Suspilne,2025-07-21"
    import_file(store, write(tmp_path / "likely.csv", first, near))
    [match] = store.matches()
    before = store.read_incidents()
    store.keep_apart(match["incident"], match["candidate"], by="bohdan")
    assert store.matches() == [] and store.read_incidents() == before
    with pytest.raises(MatchError, match="no incident has the id"):
        store.keep_apart(match["incident"], "inc-nope", by="bohdan")
    with pytest.raises(MatchError, match="nothing to split"):
        store.split(match["incident"], by="bohdan")


def test_the_summary_balances_with_attached(store, tmp_path):
    result = import_file(store, write(tmp_path / "sumy.csv", REGIONAL, NEWS, "bad,row"))
    summary = result.summary()
    assert summary["attached"] == 1 and summary["rejected"] == 1 and balanced(summary)
    json.dumps(summary)


def test_exports_carry_the_reports_and_import_again_unchanged(store, tmp_path):
    import io

    from incidents.formats.export import write_records

    import_file(store, write(tmp_path / "sumy.csv", REGIONAL, AIR_FORCE, NEWS, WIRE))
    out = io.StringIO()
    assert write_records(store.iter_incidents(with_reports=True), out, "json") == 1
    [exported] = json.loads(out.getvalue())
    assert [report["source_name"] for report in exported["reports"]][2:] == ["Suspilne", "Reuters"]
    table = io.StringIO()
    assert write_records(store.iter_incidents(with_reports=True), table, "csv") == 1
    # One row; its sources most direct first (the news, then by date: Reuters is later).
    assert "Administration; Air Force of Ukraine; Reuters; Suspilne" in table.getvalue().splitlines()[1]

    before = store.read_incidents()
    (tmp_path / "export.json").write_text(out.getvalue(), encoding="utf-8")
    again = import_file(store, tmp_path / "export.json")
    assert again.balanced and (again.stored, again.attached, again.updated) == (0, 0, 0)
    assert store.read_incidents() == before


def test_a_source_withdrawing_its_report_leaves_the_incident_to_the_others(store, tmp_path):
    from incidents.importing.batch import Batch, Deletion

    import_file(store, write(tmp_path / "sumy.csv", REGIONAL, AIR_FORCE, NEWS, WIRE))
    [incident] = store.read_incidents()
    reports = store.reports([incident["id"]])[incident["id"]]
    news, regional = reports[2]["id"], reports[0]["id"]
    withdrawn = Batch("deletions.csv", "x", "acled", None, read=2, incidents=[], air_defence=[])
    withdrawn.deletions = [Deletion(2, news, None), Deletion(3, regional, None)]
    result = store.write_batch(withdrawn)
    assert (result.deleted, result.duplicates) == (2, 0) and result.balanced
    [left] = store.read_incidents()
    # The regional post gone, the wire's 5 injured is the most direct figure left.
    assert left["id"] == incident["id"] and (left["injured"], left["killed"]) == (5, 1)
    assert [report["source_name"] for report in store.reports([left["id"]])[left["id"]]] == [
        "Air Force of Ukraine",
        "Reuters",
    ]
    assert store.report_totals() == {"incidents": 1, "reports": 2, "conflicting": 0}


def test_split_one_report_off_makes_it_an_incident_as_its_source_gave_it(store, tmp_path):
    import_file(store, write(tmp_path / "sumy.csv", REGIONAL, AIR_FORCE, NEWS, WIRE))
    [incident] = store.read_incidents()
    news = store.reports([incident["id"]])[incident["id"]][2]
    assert store.split(incident["id"], [news["id"]], by="anna") == [news["id"]]
    by_id = {record["id"]: record for record in store.read_incidents()}
    assert by_id[news["id"]] == news
    assert store.report_totals() == {"incidents": 2, "reports": 4, "conflicting": 1}
    with pytest.raises(MatchError, match="keeps"):
        store.split(incident["id"], [incident["id"]], by="anna")
    with pytest.raises(MatchError, match="not a report of"):
        store.split(incident["id"], ["inc-other"], by="anna")
    # Kept apart: importing the news report's file again attaches nothing.
    assert import_file(store, tmp_path / "sumy.csv").duplicates == 4


def test_a_store_of_the_release_before_reports_upgrades_without_loss(store_url, tmp_path):
    import sqlalchemy as sa

    from incidents.storage.store import Store

    old = Store(store_url)
    import_file(old, write(tmp_path / "first.csv", REGIONAL))
    before = old.read_incidents()
    with old.engine.begin() as conn:  # back to the earlier release's tables
        for statement in (
            "DROP TABLE incident_reports",
            "DROP TABLE incident_matches",
            "DROP INDEX ix_incidents_report_count",
            "DROP INDEX ix_incidents_date_map",
            "ALTER TABLE incidents DROP COLUMN report_count",
            "ALTER TABLE incidents DROP COLUMN conflicts",
            "ALTER TABLE record_versions DROP COLUMN reason",
            "ALTER TABLE record_versions DROP COLUMN changed_by",
        ):
            conn.execute(sa.text(statement))
    old.close()

    upgraded = Store(store_url)
    assert upgraded.read_incidents() == before and upgraded.report_totals()["reports"] == 1
    result = import_file(upgraded, write(tmp_path / "more.csv", NEWS))
    assert result.attached == 1
    [incident] = upgraded.read_incidents()
    assert incident["id"] == before[0]["id"] and [
        r["source_name"] for r in upgraded.reports([incident["id"]])[incident["id"]]
    ] == [
        "Sumy Regional Military Administration",
        "Suspilne",
    ]
    upgraded.close()


def test_the_change_mark_moves_with_every_change_and_only_then(store, tmp_path):
    """Caches in every process are keyed by it: imports, merges, splits and decisions
    each move it; reading does not."""
    first = f"2025-07-20,15:00,{SUMY},drone_strike,RU,,2,,Sumy Regional Military Administration,2025-07-20"
    near = "2025-07-21,15:00,Zhuravka,Sumy Oblast,UA,50.93,34.83,drone_strike,RU,1,,,Suspilne,2025-07-21"
    marks = [store.change_mark()]
    import_file(store, write(tmp_path / "likely.csv", first, near))
    marks.append(store.change_mark())
    store.read_incidents(), store.matches()
    assert store.change_mark() == marks[-1]
    [match] = store.matches()
    store.merge_incidents(match["incident"], [match["candidate"]], by="anna")
    marks.append(store.change_mark())
    [merged] = store.read_incidents()
    store.split(merged["id"], by="anna")
    marks.append(store.change_mark())
    import_file(store, write(tmp_path / "again.csv", first))  # only a duplicate: still a batch
    marks.append(store.change_mark())
    assert len(set(marks)) == len(marks), marks


def test_reading_the_change_mark_leaves_the_connection_as_the_engine_set_it(store):
    # It is read at every run of every session; on PostgreSQL outside a transaction.
    store.change_mark()
    with store.engine.connect() as conn:
        driver = conn.connection.dbapi_connection
        if store.engine.dialect.name == "sqlite":
            assert driver.isolation_level is None  # SQLAlchemy, not the driver, begins
        else:
            assert driver.autocommit is False
        assert conn.execute(sa.text("select 1")).scalar() == 1
