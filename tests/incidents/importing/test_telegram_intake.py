"""Every message of a Telegram export through extraction (incidents.importing.telegram)."""

import io
import json

import pytest

from incidents.extract import extract_incidents
from incidents.formats.telegram import TelegramError
from incidents.importing.telegram import extract_telegram
from tests.incidents.formats.telegram_export import MESSAGES, USERNAME, channel_export


def export_bytes(export: dict) -> bytes:
    return json.dumps(export, ensure_ascii=False).encode()


@pytest.fixture(scope="module")
def channel():
    export, sent = channel_export()
    intake = extract_telegram(io.BytesIO(export_bytes(export)), name="result.json", channel=USERNAME)
    return intake, sent


def test_every_message_is_accounted_for(channel):
    intake, sent = channel
    assert intake.read == MESSAGES
    assert (
        intake.with_proposals + intake.nothing_found + intake.service_or_empty + len(intake.errors)
        == MESSAGES
    )
    assert intake.service_or_empty == sum(s.kind in ("service", "empty") for s in sent)
    assert intake.errors == [] and intake.problem is None
    sourced = {record["source_url"] for record in intake.incidents + intake.air_defence}
    assert len(sourced) == intake.with_proposals  # each message with proposals, once


def test_each_proposal_points_at_its_own_message_with_its_day(channel):
    intake, sent = channel
    by_url = {s.url: s for s in sent}
    for record in intake.incidents + intake.air_defence:
        message = by_url[record["source_url"]]
        assert message.kind in ("english", "uk", "ru")
        assert record["source_published"] == message.day
        assert record["source_name"] == f"Kharkiv Watch, Telegram post {message.id}"
        assert record["forwarded_from"] == message.forwarded_from


def test_english_reports_give_their_incident_and_nothing_else(channel):
    intake, sent = channel
    for message in sent:
        records = [r for r in intake.incidents if r["source_url"] == message.url]
        defence = [r for r in intake.air_defence if r["source_url"] == message.url]
        if message.kind == "english":
            _, place, killed, injured, outage = message.report
            assert [
                (r["place"], r["killed"], r["injured"], r["households_without_power"]) for r in records
            ] == [(place, killed, injured, outage)], message
            assert defence == []
        elif message.kind in ("english-nothing", "service", "empty"):
            assert records == [] and defence == [], message


def test_a_forwarded_report_is_flagged_and_the_link_digits_are_not_read(channel):
    intake, sent = channel
    forwarded = [s for s in sent if s.kind == "english" and s.forwarded_from]
    assert forwarded
    for message in forwarded:
        (record,) = [r for r in intake.incidents if r["source_url"] == message.url]
        assert "forwarded from Oleh Syniehubov: the first report is theirs" in record["flags"]
    linked = next(s for s in sent if s.kind == "english" and s.links)
    (record,) = [r for r in intake.incidents if r["source_url"] == linked.url]
    assert "suspilne.media" not in record["evidence"]


def test_a_message_that_breaks_extraction_is_an_error_and_the_others_go_on():
    export, sent = channel_export()

    def fragile(text, day, **source):
        if "Odesa" in text:
            raise ValueError("cannot read Odesa")
        return extract_incidents(text, day, **source)

    intake = extract_telegram(io.BytesIO(export_bytes(export)), channel=USERNAME, extract=fragile)
    odesa = [s.url for s in sent if s.kind == "english" and s.report[1] == "Odesa"]
    assert [error["message"] for error in intake.errors] == odesa
    assert intake.errors[0]["reason"] == "extraction failed: cannot read Odesa"
    assert (
        intake.with_proposals + intake.nothing_found + intake.service_or_empty + len(intake.errors)
        == MESSAGES
    )


def test_a_truncated_export_keeps_the_messages_before_the_cut_and_says_so():
    export, _ = channel_export()
    data = export_bytes(export)
    intake = extract_telegram(io.BytesIO(data[: len(data) * 3 // 4]), name="result.json", channel=USERNAME)
    assert 140 < intake.read < 160
    assert intake.problem.startswith("result.json ends before its JSON does")
    assert intake.summary().endswith(intake.problem)


def test_a_file_that_is_no_export_raises_naming_it():
    with pytest.raises(TelegramError, match="report.json is JSON but not a Telegram export"):
        extract_telegram(io.BytesIO(b'{"incidents": []}'), name="report.json")
