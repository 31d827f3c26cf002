"""`incidents extract --telegram result.json`: a channel export through the real command."""

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from tests.incidents.formats.telegram_export import KYIV, MESSAGES, USERNAME, channel_export, write


@pytest.fixture
def export(tmp_path):
    data, sent = channel_export()
    return write(tmp_path / "result.json", data), sent


def run(*args):
    return CliRunner().invoke(main, ["extract", *args])


def test_json_accounts_for_every_message_and_sources_each_proposal_to_its_message(export):
    path, sent = export
    result = run("--telegram", str(path), "--channel", f"@{USERNAME}", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    counts = data["messages"]
    assert counts["read"] == MESSAGES
    assert (
        counts["with_proposals"] + counts["nothing_found"] + counts["service_or_empty"] + counts["errors"]
        == MESSAGES
    )
    assert counts["service_or_empty"] == sum(s.kind in ("service", "empty") for s in sent)
    by_url = {s.url: s for s in sent}
    proposals = data["incidents"] + data["air_defence"]
    assert len({r["source_url"] for r in proposals}) == counts["with_proposals"]
    for record in proposals:
        message = by_url[record["source_url"]]  # a real message of the export, by its id
        assert record["source_published"] == message.day
        sent_at = dt.datetime.fromisoformat(record["published_at"])
        assert sent_at.tzinfo is not None and sent_at.astimezone(KYIV).date().isoformat() == message.day
    english = [s for s in sent if s.kind == "english"]
    for message in english:
        _, place, killed, injured, outage = message.report
        got = [
            (r["place"], r["killed"], r["injured"], r["households_without_power"])
            for r in data["incidents"]
            if r["source_url"] == message.url
        ]
        assert got == [(place, killed, injured, outage)]
    quiet = {s.url for s in sent if s.kind in ("english-nothing", "service", "empty")}
    assert not quiet & {r["source_url"] for r in proposals}
    assert result.stderr.startswith(
        f"{MESSAGES} message(s) read: {counts['with_proposals']} with proposals, "
    )


def test_text_output_prints_each_proposal_with_its_message_and_one_summary_line(export):
    path, sent = export
    result = run("--telegram", str(path), "--channel", USERNAME)
    assert result.exit_code == 0, result.output
    first = next(s for s in sent if s.kind == "english")
    assert "incident     2025-07-20  Kharkiv (Kharkiv Oblast, UA)  drone_strike  by RU" in result.stdout
    assert f"source {first.url}" in result.stdout
    assert all(line.startswith(("incident", "air defence")) for line in result.stdout.splitlines())
    (summary,) = result.stderr.splitlines()
    assert (
        summary.startswith(f"{MESSAGES} message(s) read: ")
        and "28 service or without text, 0 error(s)" in summary
    )


def test_without_the_channel_name_each_source_is_the_chat_and_message_id(export):
    path, sent = export
    data = json.loads(run("--telegram", str(path), "--json").stdout)
    ids = {s.id for s in sent}
    for record in data["incidents"]:
        assert record["source_url"].startswith("telegram:Kharkiv Watch/")
        assert int(record["source_url"].rsplit("/", 1)[1]) in ids


def test_a_truncated_export_prints_what_it_read_then_fails_naming_the_cut(export):
    path, _ = export
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    result = run("--telegram", str(path), "--channel", USERNAME)
    assert result.exit_code == 1
    assert "source https://t.me/kharkiv_watch/" in result.stdout  # the messages before the cut
    summary, error = result.stderr.splitlines()
    assert "message(s) read" in summary
    assert error.startswith("error: ") and "result.json ends before its JSON does" in error


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"Date,Place\n2025-07-20,Sumy\n", "is not JSON (it starts with 'Date,Place"),
        (b'[{"place": "Sumy"}]', "is a JSON list, not a Telegram export"),
        (b'{"type": "FeatureCollection", "features": []}', "is JSON but not a Telegram export"),
    ],
)
def test_a_file_that_is_no_export_exits_1_with_one_line_naming_the_problem(tmp_path, content, problem):
    path = tmp_path / "result.json"
    path.write_bytes(content)
    result = run("--telegram", str(path))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert "result.json" in result.stderr and problem in result.stderr


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        ([], "give the text as FILE or -"),
        (["-", "--telegram", "{path}"], "not both"),
        (["--telegram", "{path}", "--published", "2025-07-22"], "--published does not apply to --telegram"),
        (["-", "--channel", "kw"], "--channel needs --telegram"),
    ],
)
def test_usage_errors_exit_2(export, args, problem):
    path, _ = export
    result = run(*[arg.format(path=path) for arg in args])
    assert result.exit_code == 2
    assert problem in result.output


def test_a_forced_language_applies_to_every_message(export):
    path, sent = export
    result = run("--telegram", str(path), "--channel", USERNAME, "--lang", "en", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["messages"]["read"] == MESSAGES
    english = {s.url for s in sent if s.kind == "english"}
    assert english <= {r["source_url"] for r in data["incidents"]}
