"""`incidents matches`, `merge`, `split`, `keep-apart`, run in-process on a real SQLite file."""

import json

from click.testing import CliRunner

from dashboard.cli import main
from tests.incidents.storage.test_reports import write

# Not Sumy: the seed (loaded into a new store) has a strike there that day.
FIRST = "2025-07-20,15:00,Okhtyrka,Sumy Oblast,UA,50.3103,34.8988,drone_strike,RU,,2,,Okhtyrka city council,"
NEAR = (
    "2025-07-21,15:00,Okhtyrka outskirts,Sumy Oblast,UA,50.33,34.93,drone_strike,RU,1,,,Suspilne,2025-07-21"
)


def run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def test_a_likely_match_is_listed_merged_split_and_kept_in_history(db_url, tmp_path):
    imported = run("import", write(tmp_path / "likely.csv", FIRST, NEAR), "--json")
    assert json.loads(imported.stdout)["to_review"] == 1
    listed = run("matches", "--json")
    assert listed.exit_code == 0, listed.output
    [match] = json.loads(listed.stdout)
    assert set(match) == {"incident", "candidate", "why"}

    merged = run("merge", match["incident"], match["candidate"], "--by", "anna")
    assert merged.exit_code == 0, merged.output
    assert json.loads(run("matches", "--json").stdout) == []
    history = json.loads(run("history", match["incident"], "--json").stdout)
    last = [version for version in history["versions"] if version["kind"] == "incident"][-1]
    assert last["by"] == "anna" and "merged with" in last["reason"]

    split = run("split", match["incident"], "--by", "anna")
    assert split.exit_code == 0, split.output
    assert len(json.loads(run("list", "--json", "--from", "2025-07-20", "--place", "Okhtyrka").stdout)) == 1
    history = json.loads(run("history", match["incident"], "--json").stdout)
    assert [(d["decision"], d["by"]) for d in history["decisions"]] == [("kept_apart", "anna")]
    assert "kept apart by anna" in run("history", match["incident"]).stdout


def test_keep_apart_and_bad_ids_exit_1_with_one_line(db_url, tmp_path):
    run("import", write(tmp_path / "likely.csv", FIRST, NEAR))
    [match] = json.loads(run("matches", "--json").stdout)
    kept = run("keep-apart", match["incident"], match["candidate"])  # by the OS user
    assert kept.exit_code == 0, kept.output
    assert run("matches").stdout.startswith("no likely matches")
    unknown = run("merge", match["incident"], "inc-missing")
    assert unknown.exit_code == 1 and unknown.stderr.count("\n") == 1 and "inc-missing" in unknown.stderr
    assert run("split", match["incident"]).exit_code == 1
    assert run("merge", match["incident"]).exit_code == 2
